namespace NetTrace.Bpf.Handles;

/// <summary>Counts live native handles so tests can prove nothing leaks.</summary>
internal static class HandleTracker
{
    private static int _live;

    public static int Live => Volatile.Read(ref _live);

    public static void Opened() => Interlocked.Increment(ref _live);

    public static void Released() => Interlocked.Decrement(ref _live);
}
