namespace NetTrace.Rules.Model;

/// <summary><c>field OP value</c>; false when the event does not carry the field.</summary>
public sealed record ComparisonCondition(SpannedText Field, ComparisonOperator Operator, RuleValue Value, SourceSpan Span)
    : RuleCondition(Span);
