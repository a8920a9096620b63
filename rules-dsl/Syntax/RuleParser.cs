using NetTrace.Abstractions.Plugins;
using NetTrace.Rules.Model;
using Sprache;

namespace NetTrace.Rules.Syntax;

/// <summary>
/// Parses a .rules file rule by rule. A rule that does not parse gives one syntax error and parsing
/// resumes at the next line that starts with <c>rule</c>, so one mistake does not hide the others.
/// </summary>
public static class RuleParser
{
    public static RuleFileSyntax Parse(RuleSource source)
    {
        var rules = new List<RuleSyntax>();
        var errors = new List<RuleDiagnostic>();
        var input = Tokens.Trivia(new Input(source.Text)).Remainder;
        while (!input.AtEnd)
        {
            var result = RuleGrammar.Rule(input);
            if (result.WasSuccessful)
            {
                rules.Add(result.Value);
                errors.AddRange(TemplateErrors(source.Name, result.Value.Message));
                if (result.Value.Advice is { } advice)
                    errors.AddRange(TemplateErrors(source.Name, advice));
                input = result.Remainder;
                continue;
            }
            errors.Add(SyntaxErrorText.ToDiagnostic(source.Name, result));
            input = Tokens.Trivia(SkipToNextRule(input.Advance())).Remainder;
        }
        return new RuleFileSyntax(source.Name, source.Text, rules, errors);
    }

    // A quoted text lies on one line, so an offset inside it is a column on the string's own line.
    private static IEnumerable<RuleDiagnostic> TemplateErrors(string file, StringSyntax text) =>
        TemplateScanner.Scan(text.Value).Errors.Select(error => new RuleDiagnostic(file, text.Line,
            text.Column + text.OffsetOf(error.Index) - text.Offset, DiagnosticCodes.SyntaxError, error.Message));

    private static IInput SkipToNextRule(IInput input)
    {
        var atLineStart = false;
        for (var i = input; !i.AtEnd; i = i.Advance())
        {
            if (atLineStart && i.Current == 'r' && Tokens.Word(i) is { WasSuccessful: true, Value: "rule" })
                return i;
            if (i.Current == '\n')
                atLineStart = true;
            else if (!char.IsWhiteSpace(i.Current))
                atLineStart = false;
        }
        return EndOf(input);
    }

    private static IInput EndOf(IInput input)
    {
        var i = input;
        while (!i.AtEnd)
            i = i.Advance();
        return i;
    }
}
