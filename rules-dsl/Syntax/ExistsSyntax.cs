namespace NetTrace.Rules.Syntax;

/// <summary><c>field exists</c>.</summary>
public sealed class ExistsSyntax : ConditionSyntax
{
    public ExistsSyntax(TokenSyntax field, TokenSyntax keyword)
    {
        Field = field;
        Cover(field, keyword);
    }

    public TokenSyntax Field { get; }
}
