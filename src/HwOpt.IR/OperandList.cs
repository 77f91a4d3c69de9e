using System.Collections;

namespace HwOpt.IR;

/// <summary>
/// The operands of an <see cref="Operation"/>, in order: a view of storage the op holds itself (one array, sized
/// exactly when <see cref="Capacity"/> is set first), so that an op costs no list object of its own. Reads and writes go
/// to the op; copies of this struct are views of the same op. Enumerating while the list changes is not detected.
/// </summary>
public readonly struct OperandList : IList<Value>, IReadOnlyList<Value>
{
    private readonly Operation op;

    internal OperandList(Operation op) => this.op = op;

    /// <summary>Number of operands.</summary>
    public int Count => op.OperandCount;

    /// <summary>The slots allocated.</summary>
    public int Capacity => op.OperandStorage.Length;

    /// <summary>Resizes the storage to exactly <paramref name="capacity"/> slots (a builder that knows the count sets it first: no slack).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below <see cref="Count"/>.</exception>
    public void SetCapacity(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, Count);
        if (capacity != op.OperandStorage.Length) op.ResizeOperands(capacity);
    }

    /// <inheritdoc/>
    public bool IsReadOnly => false;

    /// <summary>The operand at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not below <see cref="Count"/>.</exception>
    public Value this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return op.OperandStorage[index];
        }
        set
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            ArgumentNullException.ThrowIfNull(value);
            op.OperandStorage[index] = value;
        }
    }

    /// <summary>Appends an operand.</summary>
    public void Add(Value item) => Insert(Count, item);

    /// <summary>Appends operands in order.</summary>
    public void AddRange(IEnumerable<Value> items)
    {
        if (items.TryGetNonEnumeratedCount(out int n) && Count + n > Capacity) op.ResizeOperands(Count + n);
        foreach (var v in items) Add(v);
    }

    /// <summary>Inserts an operand at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is above <see cref="Count"/>.</exception>
    public void Insert(int index, Value item)
    {
        ArgumentNullException.ThrowIfNull(item);
        int count = Count;
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)count, nameof(index));
        if (count == op.OperandStorage.Length) op.ResizeOperands(Math.Max(4, 2 * count));
        var storage = op.OperandStorage;
        Array.Copy(storage, index, storage, index + 1, count - index);
        storage[index] = item;
        op.OperandCount = count + 1;
    }

    /// <summary>Removes the operand at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not below <see cref="Count"/>.</exception>
    public void RemoveAt(int index)
    {
        int count = Count;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)count, nameof(index));
        var storage = op.OperandStorage;
        Array.Copy(storage, index + 1, storage, index, count - index - 1);
        storage[count - 1] = null!;
        op.OperandCount = count - 1;
    }

    /// <summary>Removes the first occurrence of <paramref name="item"/> (by reference); false when absent.</summary>
    public bool Remove(Value item)
    {
        int i = IndexOf(item);
        if (i < 0) return false;
        RemoveAt(i);
        return true;
    }

    /// <summary>Removes every operand.</summary>
    public void Clear()
    {
        Array.Clear(op.OperandStorage, 0, Count);
        op.OperandCount = 0;
    }

    /// <summary>The index of the first occurrence of <paramref name="item"/> (by reference), or -1.</summary>
    public int IndexOf(Value item) => Array.IndexOf(op.OperandStorage, item, 0, Count);

    /// <inheritdoc/>
    public bool Contains(Value item) => IndexOf(item) >= 0;

    /// <inheritdoc/>
    public void CopyTo(Value[] array, int arrayIndex) => Array.Copy(op.OperandStorage, 0, array, arrayIndex, Count);

    /// <summary>The operands as a span of the op's storage (valid until the list changes).</summary>
    public ReadOnlySpan<Value> AsSpan() => op.OperandStorage.AsSpan(0, Count);

    /// <summary>An enumerator over the operands (no allocation in <c>foreach</c>).</summary>
    public Enumerator GetEnumerator() => new(op.OperandStorage, Count);

    IEnumerator<Value> IEnumerable<Value>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Enumerates the operands in order.</summary>
    public struct Enumerator : IEnumerator<Value>
    {
        private readonly Value[] items;
        private readonly int count;
        private int index;

        internal Enumerator(Value[] items, int count)
        {
            this.items = items;
            this.count = count;
            index = -1;
        }

        /// <inheritdoc/>
        public readonly Value Current => items[index];

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc/>
        public bool MoveNext() => ++index < count;

        /// <inheritdoc/>
        public void Reset() => index = -1;

        /// <inheritdoc/>
        public readonly void Dispose() { }
    }
}
