namespace NetTrace.Rules.Model;

/// <summary>A "quoted" literal.</summary>
public sealed record TextValue(string Value, SourceSpan Span) : RuleValue(Span);
