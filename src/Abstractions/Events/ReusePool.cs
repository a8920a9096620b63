namespace NetTrace.Abstractions.Events;

/// <summary>
/// Objects of one type handed back for reuse, per thread: a decoder takes one instead of allocating, and the host
/// gives events back once no sink keeps them. Bounded: past its capacity a returned object is left to the GC, and
/// when it is empty the decoder allocates as before.
/// </summary>
public static class ReusePool<T> where T : class
{
    /// <summary>
    /// Enough for the hits of one poll's lifecycles, which are printed and released together after the poll (a flood
    /// delivers thousands per poll); at a few hundred bytes each, a few MB at most stay reserved after a burst.
    /// </summary>
    private const int Capacity = 16384;

    [ThreadStatic]
    private static Stack<T>? t_free;

    /// <summary>A returned object, or null when there is none (allocate then).</summary>
    public static T? TryTake() => t_free is { Count: > 0 } free ? free.Pop() : null;

    /// <summary>Keeps <paramref name="item"/> for a later <see cref="TryTake"/>; the caller must hold no reference to it.</summary>
    public static void Return(T item)
    {
        var free = t_free ??= new Stack<T>(64);
        if (free.Count < Capacity)
            free.Push(item);
    }
}
