using NetTrace.Abstractions.Rules;

namespace NetTrace.Rules.Model;

/// <summary>
/// One rule in canonical form: which traces (or which group) it watches, the condition, and the finding
/// it reports. <see cref="Traces"/> is empty exactly when <see cref="Group"/> is set.
/// </summary>
public sealed record RuleDefinition(
    SpannedText Name,
    IReadOnlyList<SpannedText> Traces,
    SpannedText? Group,
    RuleCondition? Condition,
    FindingLevel Level,
    SpannedText Message,
    SpannedText? Advice,
    SourceSpan Span);
