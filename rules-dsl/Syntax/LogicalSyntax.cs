using NetTrace.Rules.Model;

namespace NetTrace.Rules.Syntax;

/// <summary><c>left and right</c> / <c>left or right</c>.</summary>
public sealed class LogicalSyntax : ConditionSyntax
{
    public LogicalSyntax(LogicalOperator op, ConditionSyntax left, ConditionSyntax right)
    {
        Operator = op;
        Left = left;
        Right = right;
        Cover(left, right);
    }

    public LogicalOperator Operator { get; }

    public ConditionSyntax Left { get; }

    public ConditionSyntax Right { get; }
}
