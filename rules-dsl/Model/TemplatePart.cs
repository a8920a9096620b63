namespace NetTrace.Rules.Model;

/// <summary>A piece of a message or advice: literal text, or (when <see cref="Field"/> is set) a field's value.</summary>
public sealed record TemplatePart(string Text, SpannedText? Field);
