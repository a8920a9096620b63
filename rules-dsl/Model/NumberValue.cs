namespace NetTrace.Rules.Model;

/// <summary>An integer literal (decimal, negative or 0x hex).</summary>
public sealed record NumberValue(long Value, SourceSpan Span) : RuleValue(Span);
