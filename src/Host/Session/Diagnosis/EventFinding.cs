using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rules;
using NetTrace.Rules;

namespace NetTrace.Host.Session.Diagnosis;

/// <summary>
/// What the rules found on one hit of a context: every matching rule (each gives an inline marker) and,
/// for the ANALYSIS RESULT, the ones at WARN or ERROR.
/// </summary>
internal sealed record EventFinding(SkbTraceEvent Event, IReadOnlyList<CompiledRule> Matches)
{
    /// <summary>The matches worth a place in the analysis: WARN and ERROR.</summary>
    public IEnumerable<CompiledRule> Abnormal => Matches.Where(r => r.Level >= FindingLevel.Warn);

    public bool IsAbnormal => Matches.Any(r => r.Level >= FindingLevel.Warn);

    /// <summary>The highest level among the matches.</summary>
    public FindingLevel Level => Matches.Count == 0 ? FindingLevel.Info : Matches.Max(r => r.Level);
}
