using System.Collections;
using System.Runtime.InteropServices;
using Antlr4.Runtime.Tree;

namespace HwOpt.Syntax;

/// <summary>
/// The children of a rule context built by <see cref="DirectTreeParser"/>, made for the shape of MLIR parse trees: most
/// rule contexts (about 2 in 3 on large files) have exactly one child, which this list keeps in a field of its own,
/// so that such a context costs no array; longer lists move to an array.
/// <para>
/// The list is also its own enumerator. The ANTLR runtime's child accessors (the generated <c>type()</c>,
/// <c>VALUE_ID()</c>, ...) walk <c>children</c> with <c>foreach</c> through <see cref="IList{T}"/>, which for a
/// <see cref="List{T}"/> boxes a new enumerator on every call: millions of short-lived objects on a large file.
/// <c>GetEnumerator</c> takes this list's own enumerator (atomically) and <c>Dispose</c> gives it back; an enumeration
/// that starts while it is taken (nested, or on another thread) gets a separate one. As with any list, it must not
/// change while it is enumerated.
/// </para>
/// </summary>
internal sealed class ChildList : IList<IParseTree>, IEnumerator<IParseTree>
{
    private IParseTree? single;
    private IParseTree[]? items;
    private int count;
    // The position of the enumeration in progress, or Free while the enumerator is not taken (one field for both: a
    // large file has millions of these lists).
    private int index = Free;
    private const int Free = int.MinValue;

    /// <summary>Creates an empty list.</summary>
    /// <param name="capacity">The number of children the rule usually has (an array of that size is made at once when it
    /// is 2 or more; 0: unknown).</param>
    public ChildList(int capacity)
    {
        if (capacity >= 2) items = new IParseTree[capacity];
    }

    /// <summary>The children as a span (valid until the list changes).</summary>
    public ReadOnlySpan<IParseTree> AsSpan() => items is not null
        ? items.AsSpan(0, count)
        : count == 1 ? MemoryMarshal.CreateReadOnlySpan(ref single!, 1) : [];

    /// <inheritdoc/>
    public int Count => count;

    /// <inheritdoc/>
    public bool IsReadOnly => false;

    /// <inheritdoc/>
    public IParseTree this[int i]
    {
        get
        {
            if ((uint)i >= (uint)count) throw new ArgumentOutOfRangeException(nameof(i));
            return items is not null ? items[i] : single!;
        }
        set
        {
            if ((uint)i >= (uint)count) throw new ArgumentOutOfRangeException(nameof(i));
            if (items is not null) items[i] = value;
            else single = value;
        }
    }

    /// <inheritdoc/>
    public void Add(IParseTree item)
    {
        if (items is null)
        {
            if (count == 0)
            {
                single = item;
                count = 1;
                return;
            }
            items = new IParseTree[4];
            items[0] = single!;
            single = null;
        }
        else if (count == items.Length)
        {
            Array.Resize(ref items, items.Length * 2);
        }
        items[count++] = item;
    }

    /// <inheritdoc/>
    public void RemoveAt(int i)
    {
        if ((uint)i >= (uint)count) throw new ArgumentOutOfRangeException(nameof(i));
        count--;
        if (items is null)
        {
            single = null;
            return;
        }
        Array.Copy(items, i + 1, items, i, count - i);
        items[count] = null!;
    }

    /// <inheritdoc/>
    public void Insert(int i, IParseTree item)
    {
        if ((uint)i > (uint)count) throw new ArgumentOutOfRangeException(nameof(i));
        Add(item);
        if (i == count - 1) return;
        var span = items!.AsSpan(0, count);
        span.Slice(i, count - 1 - i).CopyTo(span.Slice(i + 1));
        span[i] = item;
    }

    /// <inheritdoc/>
    public int IndexOf(IParseTree item)
    {
        var span = AsSpan();
        for (int i = 0; i < span.Length; i++)
        {
            if (ReferenceEquals(span[i], item)) return i;
        }
        return -1;
    }

    /// <inheritdoc/>
    public bool Contains(IParseTree item) => IndexOf(item) >= 0;

    /// <inheritdoc/>
    public bool Remove(IParseTree item)
    {
        int i = IndexOf(item);
        if (i < 0) return false;
        RemoveAt(i);
        return true;
    }

    /// <inheritdoc/>
    public void Clear()
    {
        single = null;
        items = null;
        count = 0;
    }

    /// <inheritdoc/>
    public void CopyTo(IParseTree[] array, int arrayIndex) => AsSpan().CopyTo(array.AsSpan(arrayIndex));

    /// <inheritdoc/>
    public IEnumerator<IParseTree> GetEnumerator()
    {
        if (Interlocked.CompareExchange(ref index, -1, Free) != Free) return new Separate(this);
        return this;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    IParseTree IEnumerator<IParseTree>.Current => this[index];

    object IEnumerator.Current => this[index];

    bool IEnumerator.MoveNext() => ++index < count;

    void IEnumerator.Reset() => index = -1;

    void IDisposable.Dispose() => Volatile.Write(ref index, Free);

    private sealed class Separate(ChildList list) : IEnumerator<IParseTree>
    {
        private int index = -1;

        public IParseTree Current => list[index];

        object IEnumerator.Current => Current;

        public bool MoveNext() => ++index < list.Count;

        public void Reset() => index = -1;

        public void Dispose() { }
    }
}
