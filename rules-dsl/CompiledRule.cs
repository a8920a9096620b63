using NetTrace.Abstractions.Rules;

namespace NetTrace.Rules;

/// <summary>
/// A rule ready to run: what it reports (from the rule text) and its compiled condition. It applies to
/// the events of <see cref="Traces"/>, or of every trace in <see cref="Group"/> when that is set.
/// </summary>
public sealed record CompiledRule(
    string Name,
    string File,
    int Line,
    FindingLevel Level,
    string Message,
    string? Advice,
    IReadOnlyList<string> Traces,
    string? Group,
    Func<IRuleEvent, bool> Matches)
{
    /// <summary>The rule's condition as written (null: always), for consumers that translate it (e.g. into a kernel-side filter).</summary>
    public Model.RuleCondition? Condition { get; init; }

    public bool AppliesTo(string trace, string group) =>
        Group is null
            ? Traces.Contains(trace, StringComparer.Ordinal)
            : string.Equals(Group, group, StringComparison.Ordinal);
}
