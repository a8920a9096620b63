using NetTrace.Abstractions.Rules;

namespace NetTrace.Host.Session.Diagnosis;

/// <summary>
/// One diagnosis in the ANALYSIS RESULT: the abnormal step that caused it, and the later or enclosing
/// abnormal steps that are its consequences (the free, the hook's verdict) and so support it as evidence.
/// </summary>
internal sealed record Cause(EventFinding Finding, IReadOnlyList<EventFinding> Support)
{
    public FindingLevel Level => Finding.Level;

    /// <summary>The cause's hit first, then its support in time order.</summary>
    public IEnumerable<EventFinding> All => Support.Prepend(Finding);
}
