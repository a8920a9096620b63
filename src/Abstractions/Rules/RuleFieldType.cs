namespace NetTrace.Abstractions.Rules;

/// <summary>The type of a field rules can test.</summary>
public enum RuleFieldType
{
    /// <summary>A signed 64-bit number (return values, RTTs in ms).</summary>
    Number,

    /// <summary>A name (drop reason, netfilter hook, table, chain, TCP state...).</summary>
    Text,
}
