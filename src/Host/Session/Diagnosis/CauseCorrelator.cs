namespace NetTrace.Host.Session.Diagnosis;

/// <summary>
/// Folds a lifecycle's abnormal findings into causes. A netfilter drop is seen three times (nf_hook_slow's
/// verdict, the table's verdict, kfree_skb's free) and a route failure twice (the lookup, the free), but it is
/// one cause: the specific step is reported, the generic ones (<see cref="ConsequenceTraces"/>) support it.
/// </summary>
internal static class CauseCorrelator
{
    /// <summary>
    /// Traces that report an outcome rather than a reason: kfree_skb frees what an earlier step dropped,
    /// nf_hook_slow's verdict is the verdict of the table that runs inside it (entered earlier, reported later),
    /// an ICMP error or a TCP reset is the kernel telling the sender about a failure (a neighbour that did
    /// not answer, no socket on the port), and a listener lookup that finds none is what the free's NO_SOCKET says.
    /// </summary>
    public static readonly IReadOnlySet<string> ConsequenceTraces = new HashSet<string>(StringComparer.Ordinal)
    {
        "kfree_skb", "nf_hook_slow", "__icmp_send", "icmp6_send", "tcp_v4_send_reset", "tcp_v6_send_reset",
        "__inet_lookup_listener", "inet6_lookup_listener",
    };

    /// <param name="abnormal">The WARN and ERROR findings of one lifecycle, in time order.</param>
    public static List<Cause> Correlate(IReadOnlyList<EventFinding> abnormal)
    {
        var heads = new List<int>();
        for (int i = 0; i < abnormal.Count; i++)
        {
            if (!ConsequenceTraces.Contains(abnormal[i].Event.Trace))
                heads.Add(i);
        }
        var support = heads.ToDictionary(h => h, _ => new List<EventFinding>());
        var orphans = new List<EventFinding>();
        for (int i = 0; i < abnormal.Count; i++)
        {
            if (support.ContainsKey(i))
                continue;
            if (Owner(abnormal, heads, i) is { } head)
                support[head].Add(abnormal[i]);
            else
                orphans.Add(abnormal[i]);
        }

        var causes = heads.Select(h => (At: h, Cause: new Cause(abnormal[h], support[h]))).ToList();
        // Nothing more specific was seen (a drop with a reason only, a hook verdict with no table traced, a
        // reset beside the drop that explains it): the first of the most serious outcomes is the cause.
        if (orphans.Count > 0)
        {
            var lead = orphans.First(o => o.Level == orphans.Max(x => x.Level));
            causes.Add((abnormal.ToList().IndexOf(lead), new Cause(lead, [.. orphans.Where(o => o != lead)])));
        }
        return [.. causes.OrderBy(c => c.At).Select(c => c.Cause)];
    }

    /// <summary>
    /// The cause an outcome belongs to: the nearest earlier one at its level or above (a free follows its
    /// drop), else the nearest later one (a hook's verdict precedes its table's); a WARN never absorbs an ERROR.
    /// </summary>
    private static int? Owner(IReadOnlyList<EventFinding> abnormal, List<int> heads, int at)
    {
        var level = abnormal[at].Level;
        for (int k = heads.Count - 1; k >= 0; k--)
        {
            if (heads[k] < at && abnormal[heads[k]].Level >= level)
                return heads[k];
        }
        foreach (int head in heads)
        {
            if (head > at && abnormal[head].Level >= level)
                return head;
        }
        return null;
    }
}
