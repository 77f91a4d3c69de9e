using System.Collections;

namespace HwOpt.IR;

/// <summary>
/// A read-only view of a short list that its owner (an <see cref="Operation"/>, <see cref="Region"/> or
/// <see cref="Block"/>) stores in its own fields: nothing (empty), the one element itself, or an array whose first
/// <see cref="Count"/> slots are used (a count field beside the store, see <see cref="Append"/>), or all of whose
/// slots are (no count field, see <see cref="Exact"/>). Most ops have one result and one region of one block, so the IR of a large
/// model then holds no list objects or one-element arrays for them (objects that the collector would mark and copy on
/// every collection). Copies of this struct are views of the same owner at the time they were taken.
/// </summary>
/// <typeparam name="T">The element type (a reference type that is not an array).</typeparam>
public readonly struct InlineList<T> : IReadOnlyList<T> where T : class
{
    private readonly object? store;
    private readonly int count;

    internal InlineList(object? store, int count)
    {
        this.store = store;
        this.count = count;
    }

    /// <summary>Number of elements.</summary>
    public int Count => count;

    /// <summary>The element at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not below <see cref="Count"/>.</exception>
    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)count, nameof(index));
            return store as T ?? ((T[])store!)[index];
        }
    }

    /// <summary>An enumerator over the elements (no allocation in <c>foreach</c>).</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Appends <paramref name="item"/> to the list kept in <paramref name="store"/> and <paramref name="count"/> (the
    /// owner's fields): the element itself while it is the only one, then an array that doubles as it fills.
    /// </summary>
    internal static void Append(ref object? store, ref int count, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (count == 0)
        {
            store = item;
        }
        else if (store is T[] many)
        {
            if (count == many.Length)
            {
                Array.Resize(ref many, 2 * count);
                store = many;
            }
            many[count] = item;
        }
        else
        {
            store = new T[] { (T)store!, item };
        }
        count++;
    }

    /// <summary>The view of a store that holds exactly its elements (see <see cref="AppendExact"/>).</summary>
    internal static InlineList<T> Exact(object? store) => new(store, StoreLength(store));

    /// <summary>How many elements <paramref name="store"/> has room for: none, one (the element itself), or its array's length.</summary>
    internal static int StoreLength(object? store) => store switch
    {
        null => 0,
        T[] many => many.Length,
        _ => 1,
    };

    /// <summary>
    /// Appends <paramref name="item"/> to a store that holds exactly its elements (no count field: the array grows by
    /// one each time, for lists that rarely have more than two elements).
    /// </summary>
    internal static void AppendExact(ref object? store, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        store = store switch
        {
            null => item,
            T[] many => (T[])[.. many, item],
            _ => new T[] { (T)store, item },
        };
    }

    /// <summary>Enumerates the elements in order.</summary>
    public struct Enumerator : IEnumerator<T>
    {
        private readonly InlineList<T> list;
        private int index;

        internal Enumerator(InlineList<T> list)
        {
            this.list = list;
            index = -1;
        }

        /// <inheritdoc/>
        public readonly T Current => list[index];

        readonly object IEnumerator.Current => Current;

        /// <inheritdoc/>
        public bool MoveNext() => ++index < list.count;

        /// <inheritdoc/>
        public void Reset() => index = -1;

        /// <inheritdoc/>
        public readonly void Dispose() { }
    }
}
