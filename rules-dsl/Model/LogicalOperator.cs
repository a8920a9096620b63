namespace NetTrace.Rules.Model;

/// <summary>How two conditions combine.</summary>
public enum LogicalOperator
{
    And,
    Or,
}
