namespace NetTrace.Rules.Model;

/// <summary><c>left and right</c> / <c>left or right</c>.</summary>
public sealed record LogicalCondition(LogicalOperator Operator, RuleCondition Left, RuleCondition Right, SourceSpan Span)
    : RuleCondition(Span);
