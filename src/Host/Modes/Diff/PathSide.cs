namespace NetTrace.Host.Modes.Diff;

/// <summary>
/// One packet's path on one side of a diff (the good or the bad recording): its steps plus what names the packet
/// to the reader, so the diff's output stands on its own.
/// </summary>
/// <param name="Label">Where the packet comes from, e.g. "good.ntrec#1".</param>
/// <param name="Summary">The packet in one line, e.g. "ICMP: 10.0.0.1 -> 10.0.0.2 ping request, seq: 1".</param>
/// <param name="Steps">The functions it went through, in time order.</param>
internal sealed record PathSide(string Label, string Summary, IReadOnlyList<PathStep> Steps)
{
    /// <summary>From the first step to the last; 0 with fewer than two steps (or a clock going backwards).</summary>
    public ulong DurationNs => Steps.Count < 2 ? 0 : Since(Steps[0].TimestampNs, Steps[^1].TimestampNs);

    /// <summary>
    /// <paramref name="later"/> − <paramref name="earlier"/>, never negative: steps seen on different CPUs may be a
    /// few ns out of order, and an unsigned wrap would show as centuries.
    /// </summary>
    internal static ulong Since(ulong earlier, ulong later) => later > earlier ? later - earlier : 0;
}
