namespace NetTrace.Rules.Model;

/// <summary>
/// A message or advice as parts: literal text (with <c>{{</c> and <c>}}</c> already braces) and <c>{field}</c>
/// names, each with where it was written so the validator can blame it.
/// </summary>
public sealed record TextTemplate(IReadOnlyList<TemplatePart> Parts)
{
    /// <summary>A text taken as it is, with no fields.</summary>
    public static TextTemplate Literal(string text) => new([new TemplatePart(text, null)]);

    public IEnumerable<SpannedText> Fields => Parts.Select(p => p.Field).OfType<SpannedText>();
}
