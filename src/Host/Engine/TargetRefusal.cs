namespace NetTrace.Host.Engine;

/// <summary>
/// Why one attach target of a trace cannot be used here ("kprobe ip_rcv_core": "not in this kernel"). Kept apart so
/// the one-line summaries name the cause without taking a message string to pieces.
/// </summary>
internal sealed record TargetRefusal(string Target, string Cause)
{
    public TargetRefusal(object target, string cause)
        : this(target.ToString()!, cause)
    {
    }

    /// <summary>"target: cause", as -v lists it.</summary>
    public override string ToString() => $"{Target}: {Cause}";

    /// <summary>"a: x; b: y": every target tried, in order.</summary>
    public static string Describe(IEnumerable<TargetRefusal> refusals) => string.Join("; ", refusals);

    /// <summary>The cause named most often, for "left out N (cause)" lines.</summary>
    public static string MostCommon(IEnumerable<string> causes) =>
        causes.GroupBy(c => c).OrderByDescending(g => g.Count()).First().Key;
}
