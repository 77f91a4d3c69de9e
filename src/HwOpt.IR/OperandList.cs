using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HwOpt.IR;

/// <summary>
/// The operands of an <see cref="Operation"/>, in order: a view of storage the op holds itself (nothing, the one operand
/// itself, or one array, sized exactly when <see cref="SetCapacity"/> is called first), so that an op costs no list
/// object of its own and an op with one operand no array. Reads and writes go to the op; copies of this struct are
/// views of the same op. Enumerating while the list changes is not detected.
/// </summary>
public readonly struct OperandList : IList<Value>, IReadOnlyList<Value>
{
    private readonly Operation op;

    internal OperandList(Operation op) => this.op = op;

    /// <summary>Number of operands.</summary>
    public int Count => op.OperandCount;

    /// <summary>The slots allocated (1 for an op that holds its one operand itself).</summary>
    public int Capacity => InlineList<Value>.StoreLength(op.OperandStore);

    // The read side is the one of the IR's other short lists (the same store: nothing, the operand, or an array).
    private InlineList<Value> View => new(op.OperandStore, Count);

    /// <summary>
    /// Resizes the storage to exactly <paramref name="capacity"/> slots (a builder that knows the count sets it first:
    /// no slack); 0 or 1 keep no array.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below <see cref="Count"/>.</exception>
    public void SetCapacity(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, Count);
        ref object? store = ref op.OperandStore;
        if (capacity <= 1)
        {
            if (store is Value[] many) store = Count == 1 ? many[0] : null;
            return;
        }
        if (store is Value[] array && array.Length == capacity) return;
        var resized = new Value[capacity];
        CopyTo(resized, 0);
        store = resized;
    }

    /// <inheritdoc/>
    public bool IsReadOnly => false;

    /// <summary>The operand at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not below <see cref="Count"/>.</exception>
    public Value this[int index]
    {
        get => View[index];
        set
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            ArgumentNullException.ThrowIfNull(value);
            ref object? store = ref op.OperandStore;
            if (store is Value[] many) many[index] = value;
            else store = value;
        }
    }

    /// <summary>Appends an operand.</summary>
    /// <exception cref="InvalidOperationException">The list is a default one, not taken from an op's <see cref="Operation.Operands"/>.</exception>
    public void Add(Value item) => Insert(op is null ? 0 : Count, item);

    /// <summary>Appends operands in order.</summary>
    public void AddRange(IEnumerable<Value> items)
    {
        if (items.TryGetNonEnumeratedCount(out int n) && Count + n > Capacity) SetCapacity(Count + n);
        foreach (var v in items) Add(v);
    }

    /// <summary>Inserts an operand at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is above <see cref="Count"/>.</exception>
    /// <exception cref="InvalidOperationException">The list is a default one, not taken from an op's <see cref="Operation.Operands"/>.</exception>
    public void Insert(int index, Value item)
    {
        if (op is null) throw new InvalidOperationException("an operand list is a view of an op's operands: take it from Operation.Operands");
        ArgumentNullException.ThrowIfNull(item);
        int count = Count;
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, (uint)count, nameof(index));
        ref object? store = ref op.OperandStore;
        if (count == 0 && store is not Value[])
        {
            store = item;
            op.OperandCount = 1;
            return;
        }
        if (count == Capacity) SetCapacity(Math.Max(4, 2 * count));
        var many = (Value[])store!;
        Array.Copy(many, index, many, index + 1, count - index);
        many[index] = item;
        op.OperandCount = count + 1;
    }

    /// <summary>Removes the operand at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not below <see cref="Count"/>.</exception>
    public void RemoveAt(int index)
    {
        int count = Count;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)count, nameof(index));
        ref object? store = ref op.OperandStore;
        if (store is Value[] many)
        {
            Array.Copy(many, index + 1, many, index, count - index - 1);
            many[count - 1] = null!;
        }
        else
        {
            store = null;
        }
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
        ref object? store = ref op.OperandStore;
        if (store is Value[] many) Array.Clear(many, 0, Count);
        else store = null;
        op.OperandCount = 0;
    }

    /// <summary>The index of the first occurrence of <paramref name="item"/> (by reference), or -1.</summary>
    public int IndexOf(Value item)
    {
        var span = AsSpan();
        for (int i = 0; i < span.Length; i++)
        {
            if (ReferenceEquals(span[i], item)) return i;
        }
        return -1;
    }

    /// <inheritdoc/>
    public bool Contains(Value item) => IndexOf(item) >= 0;

    /// <inheritdoc/>
    public void CopyTo(Value[] array, int arrayIndex) => AsSpan().CopyTo(array.AsSpan(arrayIndex));

    /// <summary>The operands as a span of the op's storage (valid until the list changes).</summary>
    public ReadOnlySpan<Value> AsSpan()
    {
        ref object? store = ref op.OperandStore;
        return store switch
        {
            null => [],
            Value[] many => many.AsSpan(0, Count),
            // The one operand: the field itself, read as a Value (it holds one).
            _ => MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<object?, Value>(ref store), 1),
        };
    }

    /// <summary>An enumerator over the operands (no allocation in <c>foreach</c>).</summary>
    public InlineList<Value>.Enumerator GetEnumerator() => View.GetEnumerator();

    IEnumerator<Value> IEnumerable<Value>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
