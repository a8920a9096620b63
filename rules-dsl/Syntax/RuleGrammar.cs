using Sprache;

namespace NetTrace.Rules.Syntax;

/// <summary>
/// <code>
/// file      = { rule } ;
/// rule      = "rule" name "on" targets [ "when" condition ] level string [ "advice" string ] ;
/// targets   = "group" name | name { "," name } ;
/// level     = "info" | "warn" | "error" ;
/// </code>
/// Conditions: see <see cref="ConditionGrammar"/>; tokens and trivia: see <see cref="Tokens"/>.
/// </summary>
internal static class RuleGrammar
{
    private static readonly Parser<(IReadOnlyList<TokenSyntax> Traces, TokenSyntax? Group)> GroupTarget =
        from _ in Tokens.Keyword("group")
        from name in Tokens.Name("group name")
        select ((IReadOnlyList<TokenSyntax>)[], (TokenSyntax?)name);

    private static readonly Parser<(IReadOnlyList<TokenSyntax> Traces, TokenSyntax? Group)> TraceTargets =
        from first in Tokens.Name("trace name")
        from rest in (from comma in Tokens.Punctuation(',')
                      from name in Tokens.Name("trace name")
                      select name).XMany()
        select ((IReadOnlyList<TokenSyntax>)[first, .. rest], (TokenSyntax?)null);

    // A rule ends at the next 'rule' or at the end of the file; checked without consuming anything so
    // that a misspelt 'advice' is reported where it is.
    private static readonly Parser<StringSyntax?> EndOfRule = input =>
    {
        var word = Tokens.Word(input);
        return input.AtEnd || (word.WasSuccessful && word.Value == "rule")
            ? Result.Success<StringSyntax?>(null, input)
            : Result.Failure<StringSyntax?>(input, "", ["'rule'", "end of file"]);
    };

    private static readonly Parser<StringSyntax?> Advice =
        (from _ in Tokens.Keyword("advice")
         from text in Tokens.String
         select (StringSyntax?)text)
        .XOr(EndOfRule);

    private static readonly Parser<(TokenSyntax Level, StringSyntax Message, StringSyntax? Advice)> Finding =
        from level in Tokens.Level
        from message in Tokens.String
        from advice in Advice
        select (level, message, advice);

    private static readonly Parser<(ConditionSyntax? Condition, (TokenSyntax Level, StringSyntax Message, StringSyntax? Advice) Finding)> Tail =
        (from _ in Tokens.Keyword("when")
         from condition in ConditionGrammar.Condition
         from finding in AfterCondition(Finding)
         select ((ConditionSyntax?)condition, finding))
        .XOr(Finding.Select(finding => ((ConditionSyntax?)null, finding)));

    public static readonly Parser<RuleSyntax> Rule =
        from keyword in Tokens.Keyword("rule")
        from name in Tokens.Name("rule name")
        from _ in Tokens.Keyword("on")
        from targets in GroupTarget.XOr(TraceTargets)
        from tail in Tail
        select new RuleSyntax(keyword, name, targets.Traces, targets.Group, tail.Condition,
            tail.Finding.Level, tail.Finding.Message, tail.Finding.Advice);

    // After a condition the author may also have meant to continue it; say so in the expectation.
    private static Parser<T> AfterCondition<T>(Parser<T> finding) => input =>
    {
        var result = finding(input);
        return result.WasSuccessful || !result.Remainder.Equals(input)
            ? result
            : Result.Failure<T>(input, result.Message, ["'and'", "'or'", .. result.Expectations]);
    };
}
