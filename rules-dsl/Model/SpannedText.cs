namespace NetTrace.Rules.Model;

/// <summary>A name or text the rule author wrote, with where it was written.</summary>
public sealed record SpannedText(string Value, SourceSpan Span);
