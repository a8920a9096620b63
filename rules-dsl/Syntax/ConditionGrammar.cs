using System.Runtime.CompilerServices;
using NetTrace.Rules.Model;
using Sprache;

namespace NetTrace.Rules.Syntax;

/// <summary>
/// <code>
/// condition = and { "or" and } ;
/// and       = unary { "and" unary } ;
/// unary     = "not" unary | "(" condition ")" | name "exists" | name [ "not" ] "in" list | name op value ;
/// op        = "==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" ;
/// list      = "(" value { "," value } ")" | value ;
/// value     = number | string | name ;   (* name: a constant such as NF_DROP *)
/// </code>
/// <c>or</c> binds loosest, then <c>and</c>, then <c>not</c>; <c>and</c>/<c>or</c> associate to the left.
/// The X-combinators make a half-parsed construct an error at the point it broke, instead of
/// silently backing off and blaming the next token.
/// </summary>
internal static class ConditionGrammar
{
    public static readonly Parser<ConditionSyntax> Condition = Parse.Ref(() => OrChain);

    private static readonly Parser<ValueSyntax> Value = input =>
    {
        // Decided by the first character, so a malformed number or string reports its own error.
        if (!input.AtEnd && (char.IsAsciiDigit(input.Current) || input.Current == '-'))
            return Tokens.Number(input);
        if (!input.AtEnd && input.Current == '"')
            return Tokens.String(input);
        var constant = Tokens.Name("constant").Select(name => (ValueSyntax)new ConstantSyntax(name))(input);
        return constant.WasSuccessful
            ? constant
            : Result.Failure<ValueSyntax>(input, "", ["a number", "a \"quoted text\"", "a constant name"]);
    };

    // The values and the last token (for the span): a parenthesised list, or one value alone ("10.0.0.0/8").
    private static readonly Parser<(IReadOnlyList<ValueSyntax> Values, SyntaxNode Last)> List =
        (from open in Tokens.Punctuation('(')
         from first in Value
         from rest in (from comma in Tokens.Punctuation(',')
                       from value in Value
                       select value).XMany()
         from close in Tokens.Punctuation(')')
         select ((IReadOnlyList<ValueSyntax>)[first, .. rest], (SyntaxNode)close))
        .XOr(Value.Select(value => ((IReadOnlyList<ValueSyntax>)[value], (SyntaxNode)value)));

    private static Parser<ConditionSyntax> In(TokenSyntax field, bool negated) =>
        from keyword in Tokens.Keyword("in")
        from list in List
        select (ConditionSyntax)new InSyntax(field, negated, list.Values, list.Last);

    private static readonly Parser<ConditionSyntax> Test =
        from field in Tokens.Name("field name")
        from test in Tokens.Keyword("exists").Select(keyword => (ConditionSyntax)new ExistsSyntax(field, keyword))
            .XOr(In(field, negated: false))
            .XOr(from not in Tokens.Keyword("not")
                 from test in In(field, negated: true)
                 select test)
            .XOr(from op in Tokens.Operator
                 from value in Value
                 select (ConditionSyntax)new ComparisonSyntax(field, ToOperator(op.Text), value))
        select test;

    private static readonly Parser<ConditionSyntax> Parenthesized =
        from open in Tokens.Punctuation('(')
        from inner in Condition
        from close in Tokens.Punctuation(')')
        select (ConditionSyntax)new ParenthesizedSyntax(open, inner, close);

    // Every term passes here, so deep nesting or a very long chain fails as a syntax error instead of
    // overflowing the stack (which would end the process).
    private static readonly Parser<ConditionSyntax> Unary = Guarded(
        (from keyword in Tokens.Keyword("not")
         from operand in Parse.Ref(() => Unary)
         select (ConditionSyntax)new NotSyntax(keyword, operand))
        .XOr(Parenthesized)
        .XOr(Test));

    private static readonly Parser<ConditionSyntax> AndChain = Parse.XChainOperator(
        Tokens.Keyword("and"), Unary, (_, left, right) => new LogicalSyntax(LogicalOperator.And, left, right));

    private static readonly Parser<ConditionSyntax> OrChain = Parse.XChainOperator(
        Tokens.Keyword("or"), AndChain, (_, left, right) => new LogicalSyntax(LogicalOperator.Or, left, right));

    private static Parser<T> Guarded<T>(Parser<T> parser) => input =>
        RuntimeHelpers.TryEnsureSufficientExecutionStack()
            ? parser(input)
            : Result.Failure<T>(input, "the condition is nested too deeply or is too long; split the rule", []);

    private static ComparisonOperator ToOperator(string text) => text switch
    {
        "==" => ComparisonOperator.Equal,
        "!=" => ComparisonOperator.NotEqual,
        "<" => ComparisonOperator.Less,
        "<=" => ComparisonOperator.LessOrEqual,
        ">" => ComparisonOperator.Greater,
        _ => ComparisonOperator.GreaterOrEqual,
    };
}
