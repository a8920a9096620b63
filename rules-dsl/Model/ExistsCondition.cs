namespace NetTrace.Rules.Model;

/// <summary><c>field exists</c>: true when the event carries the field.</summary>
public sealed record ExistsCondition(SpannedText Field, SourceSpan Span) : RuleCondition(Span);
