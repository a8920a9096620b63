using System.Globalization;
using System.Text;
using NetTrace.Abstractions.Rules;
using NetTrace.Rules.Model;

namespace NetTrace.Rules;

/// <summary>
/// A rule's message or advice ready to render for one event: <c>{field}</c> becomes the event's value (<c>?</c> when
/// it does not carry the field), made safe for a terminal since kernel names (tables, chains, devices) are not
/// ours. A text without fields is kept whole and returned as it is.
/// </summary>
public sealed class FindingText
{
    /// <summary>What an event that does not carry a field shows in its place.</summary>
    public const string Missing = "?";

    private readonly string? _constant;
    private readonly Part[] _parts;

    private FindingText(string? constant, Part[] parts)
    {
        _constant = constant;
        _parts = parts;
    }

    /// <summary>The text names at least one field, so it depends on the event.</summary>
    public bool HasFields => _constant is null;

    /// <summary>Fields take their type from <paramref name="context"/> (the template was validated against it).</summary>
    public static FindingText From(TextTemplate template, RuleContext context)
    {
        if (!template.Fields.Any())
            return new FindingText(string.Concat(template.Parts.Select(p => p.Text)), []);
        var parts = template.Parts.Select(p => new Part(p.Text, p.Field is null ? null : context.FindField(p.Field.Value)?.Type ?? RuleFieldType.Text)).ToArray();
        return new FindingText(null, parts);
    }

    public string Render(IRuleEvent ev) => _constant ?? AppendTo(new StringBuilder(), ev).ToString();

    /// <summary>Appends what <see cref="Render"/> returns, without a string of its own.</summary>
    public StringBuilder AppendTo(StringBuilder text, IRuleEvent ev)
    {
        if (_constant is not null)
            return text.Append(_constant);
        foreach (var part in _parts)
        {
            if (part.Type is not { } type)
                text.Append(part.Text);
            else if (type == RuleFieldType.Number && ev.TryGetNumber(part.Text, out long number))
                text.Append(CultureInfo.InvariantCulture, $"{number}");
            else if (type == RuleFieldType.Number)
                text.Append(Missing);
            else
                AppendSafe(text, ev.TryGetText(part.Text, out string value) && value.Length > 0 ? value : Missing);
        }
        return text;
    }

    /// <summary>Control and format characters (escape sequences, bidi overrides, line breaks) as visible <c>\xNN</c>/<c>\uNNNN</c>.</summary>
    public static void AppendSafe(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            if (!char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.Format
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
                text.Append(c);
            else if (c <= 0xFF)
                text.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            else
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
        }
    }

    /// <summary>Literal text (Type null), or a field's name and type.</summary>
    private readonly record struct Part(string Text, RuleFieldType? Type);
}
