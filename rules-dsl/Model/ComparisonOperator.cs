namespace NetTrace.Rules.Model;

/// <summary>The comparisons a condition may make: == != &lt; &lt;= &gt; &gt;=.</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
