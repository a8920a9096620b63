namespace NetTrace.Rules.Model;

/// <summary>The named numbers a condition may use instead of a literal (netfilter verdicts, NULL).</summary>
public static class RuleConstants
{
    public static IReadOnlyDictionary<string, long> All { get; } = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        ["NF_DROP"] = 0,
        ["NF_ACCEPT"] = 1,
        ["NF_STOLEN"] = 2,
        ["NF_QUEUE"] = 3,
        ["NF_REPEAT"] = 4,
        ["NULL"] = 0,
    };
}
