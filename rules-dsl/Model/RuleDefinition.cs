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
    SourceSpan Span)
{
    /// <summary>The message's literal text and {fields}; null: the message as it is, with no fields.</summary>
    public TextTemplate? MessageTemplate { get; init; }

    /// <summary>The advice's literal text and {fields}; null: the advice (if any) as it is.</summary>
    public TextTemplate? AdviceTemplate { get; init; }

    public TextTemplate MessageParts => MessageTemplate ?? TextTemplate.Literal(Message.Value);

    public TextTemplate? AdviceParts => AdviceTemplate ?? (Advice is null ? null : TextTemplate.Literal(Advice.Value));
}
