namespace NetTrace.Rules.Model;

/// <summary>The right-hand side of a comparison.</summary>
public abstract record RuleValue(SourceSpan Span);
