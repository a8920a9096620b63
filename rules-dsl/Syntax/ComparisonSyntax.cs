using NetTrace.Rules.Model;

namespace NetTrace.Rules.Syntax;

/// <summary><c>field OP value</c>.</summary>
public sealed class ComparisonSyntax : ConditionSyntax
{
    public ComparisonSyntax(TokenSyntax field, ComparisonOperator op, ValueSyntax value)
    {
        Field = field;
        Operator = op;
        Value = value;
        Cover(field, value);
    }

    public TokenSyntax Field { get; }

    public ComparisonOperator Operator { get; }

    public ValueSyntax Value { get; }
}
