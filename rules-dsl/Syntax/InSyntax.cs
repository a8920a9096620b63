namespace NetTrace.Rules.Syntax;

/// <summary><c>field in (v, v...)</c>, <c>field in "10.0.0.0/8"</c>, or the same with <c>not in</c>.</summary>
public sealed class InSyntax : ConditionSyntax
{
    public InSyntax(TokenSyntax field, bool negated, IReadOnlyList<ValueSyntax> values, SyntaxNode last)
    {
        Field = field;
        Negated = negated;
        Values = values;
        Cover(field, last);
    }

    public TokenSyntax Field { get; }

    public bool Negated { get; }

    public IReadOnlyList<ValueSyntax> Values { get; }
}
