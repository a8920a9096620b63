using System.Globalization;
using NetTrace.Rules.Model;
using Sprache;

namespace NetTrace.Rules.Syntax;

/// <summary>Turns a Sprache failure into "unexpected 'x'; expected 'a', 'b' or 'c'" at the failure's position.</summary>
internal static class SyntaxErrorText
{
    public static RuleDiagnostic ToDiagnostic<T>(string file, IResult<T> failure)
    {
        var at = failure.Remainder;
        var expected = failure.Expectations.Where(e => e.Length > 0).Distinct().ToList();
        var message = expected.Count > 0
            ? $"unexpected {Describe(at)}; expected {JoinAlternatives(expected)}"
            : failure.Message;
        return new RuleDiagnostic(file, at.Line, at.Column, DiagnosticCodes.SyntaxError, message);
    }

    private static string Describe(IInput at)
    {
        if (at.AtEnd)
            return "end of file";
        if (at.Current is '\n' or '\r')
            return "end of line";
        if (Tokens.Word(at) is { WasSuccessful: true } word)
            return $"'{word.Value}'";
        if (char.IsAsciiDigit(at.Current) || at.Current == '-')
            return "number";
        return char.IsControl(at.Current) || char.IsSurrogate(at.Current)
            ? $"character U+{((int)at.Current).ToString("X4", CultureInfo.InvariantCulture)}"
            : $"'{at.Current}'";
    }

    private static string JoinAlternatives(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];
}
