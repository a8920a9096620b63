namespace NetTrace.Rules.Syntax;

/// <summary><c>( inner )</c>; kept so the condition's span includes the parentheses.</summary>
public sealed class ParenthesizedSyntax : ConditionSyntax
{
    public ParenthesizedSyntax(TokenSyntax open, ConditionSyntax inner, TokenSyntax close)
    {
        Inner = inner;
        Cover(open, close);
    }

    public ConditionSyntax Inner { get; }
}
