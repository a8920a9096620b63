namespace NetTrace.Rules.Model;

/// <summary>A named constant such as NF_DROP, resolved through <see cref="RuleConstants"/>.</summary>
public sealed record ConstantValue(string Name, SourceSpan Span) : RuleValue(Span);
