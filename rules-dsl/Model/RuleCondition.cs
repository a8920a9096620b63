namespace NetTrace.Rules.Model;

/// <summary>A rule's <c>when</c> clause, or a part of it.</summary>
public abstract record RuleCondition(SourceSpan Span);
