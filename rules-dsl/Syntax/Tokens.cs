using System.Globalization;
using System.Text;
using NetTrace.Rules.Model;
using Sprache;

namespace NetTrace.Rules.Syntax;

/// <summary>
/// <code>
/// name    = ( letter | "_" ) { letter | digit | "_" | "." } ;   (* not a keyword; keywords are lowercase *)
/// number  = [ "-" ] ( digit { digit } | "0" ( "x" | "X" ) hexdigit { hexdigit } ) ;   (* 64-bit *)
/// string  = '"' { char - ( '"' | "\" | newline ) | '\"' | "\\" } '"' ;
/// trivia  = { whitespace | "#" { char - newline } } ;   (* allowed before and after every token *)
/// </code>
/// The lexical grammar. Every token parser fails at the token's first character without consuming input,
/// so Sprache's "furthest failure wins" points at the offending token; each token then skips the
/// trivia (blanks, newlines, # comments) after it.
/// </summary>
internal static class Tokens
{
    public static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "rule", "on", "when", "group", "and", "or", "not", "exists", "in", "info", "warn", "error", "advice",
    };

    public static readonly Parser<object> Trivia = input =>
    {
        var i = input;
        while (!i.AtEnd)
        {
            if (char.IsWhiteSpace(i.Current))
                i = i.Advance();
            else if (i.Current == '#')
                while (!i.AtEnd && i.Current != '\n')
                    i = i.Advance();
            else
                break;
        }
        return Result.Success<object>(i, i);
    };

    public static readonly Parser<string> Word = input =>
    {
        if (input.AtEnd || !IsNameStart(input.Current))
            return Result.Failure<string>(input, "a name", ["a name"]);
        var text = new StringBuilder();
        var i = input;
        for (; !i.AtEnd && IsNamePart(i.Current); i = i.Advance())
            text.Append(i.Current);
        return Result.Success(text.ToString(), i);
    };

    public static Parser<TokenSyntax> Keyword(string keyword) =>
        Lexeme(Expect(Word.Where(w => w == keyword), $"'{keyword}'"));

    /// <summary>A name that is not a keyword; <paramref name="what"/> says what it names, for errors.</summary>
    public static Parser<TokenSyntax> Name(string what) =>
        Lexeme(Expect(Word.Where(w => !Keywords.Contains(w)), $"a {what}"));

    public static Parser<TokenSyntax> Punctuation(char c) =>
        Lexeme(Expect(Parse.Char(c).Once().Text(), $"'{c}'"));

    public static readonly Parser<TokenSyntax> Level =
        Lexeme(Expect(Word.Where(w => w is "info" or "warn" or "error"), "'info'", "'warn'", "'error'"));

    public static readonly Parser<TokenSyntax> Operator = Lexeme(Expect(input =>
    {
        var two = input.AtEnd ? "" : input.Current + (input.Advance().AtEnd ? "" : input.Advance().Current.ToString());
        var text = two is "==" or "!=" or "<=" or ">=" ? two : two.Length > 0 && two[0] is '<' or '>' ? two[..1] : null;
        if (text is null)
            return Result.Failure<string>(input, "", []);
        var rest = input;
        foreach (var _ in text)
            rest = rest.Advance();
        return Result.Success(text, rest);
    }, "a comparison (==, !=, <, <=, >, >=)"));

    public static readonly Parser<StringSyntax> String = Lexeme(input =>
    {
        if (input.AtEnd || input.Current != '"')
            return Result.Failure<StringSyntax>(input, "", ["a \"quoted text\""]);
        var text = new StringBuilder();
        var offsets = new List<int>();
        for (var i = input.Advance(); ; i = i.Advance())
        {
            if (i.AtEnd || i.Current is '\n' or '\r')
                return Result.Failure<StringSyntax>(i, "the quoted text is not closed with '\"' on its line", []);
            if (i.Current == '"')
                return Result.Success(new StringSyntax(text.ToString(), offsets), i.Advance());
            if (i.Current == '\\')
            {
                var escaped = i.Advance();
                if (escaped.AtEnd || escaped.Current is not ('"' or '\\'))
                    return Result.Failure<StringSyntax>(i, "only \\\" and \\\\ may follow '\\' in quoted text", []);
                i = escaped;
            }
            offsets.Add(i.Position);
            text.Append(i.Current);
        }
    });

    public static readonly Parser<NumberSyntax> Number = Lexeme(input =>
    {
        var i = input;
        var negative = !i.AtEnd && i.Current == '-';
        if (negative)
            i = i.Advance();
        if (i.AtEnd || !char.IsAsciiDigit(i.Current))
            return Result.Failure<NumberSyntax>(input, "", ["a number"]);
        var digits = new StringBuilder();
        for (; !i.AtEnd && IsNamePart(i.Current); i = i.Advance())
            digits.Append(i.Current);
        var text = digits.ToString();
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        // Hex is read as 64 bits unsigned and reinterpreted (0xffffffffffffffff is -1), as C would.
        var ok = hex
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bits)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out bits)
              && bits <= (negative ? 1UL << 63 : long.MaxValue);
        if (!ok)
            return Result.Failure<NumberSyntax>(input, $"'{(negative ? "-" : "")}{text}' is not a 64-bit integer", []);
        var value = unchecked((long)bits);
        return Result.Success(new NumberSyntax(negative ? unchecked(-value) : value), i);
    });

    public static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    public static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.';

    private static Parser<TokenSyntax> Lexeme(Parser<string> raw) => Lexeme(raw.Select(t => new TokenSyntax(t)));

    private static Parser<T> Lexeme<T>(Parser<T> raw) where T : IPositionAware<T> =>
        from token in raw.Positioned()
        from _ in Trivia
        select token;

    // Fails where the token would start, naming what was expected there.
    private static Parser<string> Expect(Parser<string> raw, params string[] expected) => input =>
    {
        var result = raw(input);
        return result.WasSuccessful ? result : Result.Failure<string>(input, result.Message, expected);
    };
}
