using System.Text;

namespace NetTrace.Rules.Syntax;

/// <summary>
/// <code>
/// template = { text | "{{" | "}}" | "{" name "}" } ;   (* in a message or advice; "{{" and "}}" are braces *)
/// </code>
/// Splits a message or advice into literal text and <c>{field}</c> names, by index into the string's value.
/// </summary>
internal static class TemplateScanner
{
    /// <summary>Literal text (braces unescaped), or a field name at value indices [Start, Start + Text.Length).</summary>
    public readonly record struct Piece(string Text, bool IsField, int Start);

    /// <summary>A malformed brace at value index <paramref name="Index"/>.</summary>
    public readonly record struct Error(int Index, string Message);

    public static (IReadOnlyList<Piece> Pieces, IReadOnlyList<Error> Errors) Scan(string value)
    {
        var pieces = new List<Piece>();
        var errors = new List<Error>();
        var literal = new StringBuilder();
        void Flush()
        {
            if (literal.Length > 0)
                pieces.Add(new Piece(literal.ToString(), false, -1));
            literal.Clear();
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if ((c == '{' || c == '}') && i + 1 < value.Length && value[i + 1] == c)
            {
                literal.Append(c);
                i++;
            }
            else if (c == '}')
            {
                errors.Add(new Error(i, "a '}' without its '{'; write }} for a brace"));
            }
            else if (c == '{')
            {
                var end = i + 1;
                if (end < value.Length && Tokens.IsNameStart(value[end]))
                    while (end < value.Length && Tokens.IsNamePart(value[end]))
                        end++;
                if (end == i + 1 || end >= value.Length || value[end] != '}')
                {
                    errors.Add(new Error(i, "'{' starts a field such as {table} and needs a field name and '}'; write {{ for a brace"));
                    // One error for "{}" or "{bad name}", not a second for its '}'.
                    var close = value.IndexOf('}', i + 1);
                    if (close > 0 && value.IndexOf('{', i + 1, close - i - 1) < 0)
                        i = close;
                    continue;
                }
                Flush();
                pieces.Add(new Piece(value[(i + 1)..end], true, i + 1));
                i = end;
            }
            else
            {
                literal.Append(c);
            }
        }
        Flush();
        return (pieces, errors);
    }
}
