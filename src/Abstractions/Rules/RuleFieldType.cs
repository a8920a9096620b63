namespace NetTrace.Abstractions.Rules;

/// <summary>The type of a field rules can test.</summary>
public enum RuleFieldType
{
    /// <summary>A signed 64-bit number (return values, RTTs in ms).</summary>
    Number,

    /// <summary>A name (drop reason, netfilter hook, table, chain, TCP state...).</summary>
    Text,

    /// <summary>
    /// An IPv4 or IPv6 address, read as text in its canonical form (<c>10.0.0.1</c>, <c>fd00::1</c>); <c>==</c> is
    /// exact and <c>in</c> tests CIDR prefixes (<see cref="AddressSet"/>).
    /// </summary>
    Address,
}
