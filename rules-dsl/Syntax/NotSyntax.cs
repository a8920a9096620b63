namespace NetTrace.Rules.Syntax;

/// <summary><c>not operand</c>.</summary>
public sealed class NotSyntax : ConditionSyntax
{
    public NotSyntax(TokenSyntax keyword, ConditionSyntax operand)
    {
        Operand = operand;
        Cover(keyword, operand);
    }

    public ConditionSyntax Operand { get; }
}
