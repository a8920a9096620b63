namespace NetTrace.Rules.Model;

/// <summary><c>not operand</c>.</summary>
public sealed record NotCondition(RuleCondition Operand, SourceSpan Span) : RuleCondition(Span);
