using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;
using NetTrace.Abstractions.Rules;

namespace NetTrace.Host.Session.Diagnosis;

/// <summary>
/// The seed's ANALYSIS RESULT block, one numbered entry per cause (<see cref="CauseCorrelator"/>): its
/// messages, the evidence (its consequences), kfree_skb's location and drop reason, the hook functions blamed
/// for a netfilter drop (--hooks) and the fix advice.
/// </summary>
internal sealed class AnalysisWriter(IRenderContext context, bool hooks)
{
    public const string Banner = "---------------- ANALYSIS RESULT ---------------------";
    private const string Indent = "    ";
    private const string Body = "        ";

    public void Write(TextWriter output, IReadOnlyList<Cause> causes)
    {
        output.WriteLine(Banner);
        for (int i = 0; i < causes.Count; i++)
        {
            var cause = causes[i];
            var ev = cause.Finding.Event;
            output.WriteLine($"[{i + 1}] {LevelWord(cause.Level)} happens in {ev.Trace}({ev.Group}):");
            var view = View(cause.Finding);
            foreach (string message in cause.Finding.Abnormal.Select(r => r.MessageFor(view)).Distinct(StringComparer.Ordinal))
                output.WriteLine(Body + message);
            WriteEvidence(output, cause);
            if (hooks && cause.All.Select(f => Blamed(f.Event)).FirstOrDefault(b => b.Count > 0) is { } blamed)
            {
                output.WriteLine();
                output.WriteLine(Indent + "following hook functions are blamed:");
                foreach (string function in blamed)
                    output.WriteLine(Body + function);
                output.WriteLine();
            }
            // The free says where and why the kernel let the packet go, whichever step it supports.
            var freed = cause.All.Select(f => f.Event).FirstOrDefault(e => e.Trace == SkbRuleEvent.KfreeTrace) ?? ev;
            if (SkbRuleEvent.Location(freed, context) is { } location)
                Section(output, "location:", location);
            if (SkbRuleEvent.Reason(freed, context) is { } reason)
                Section(output, "drop reason:", reason);
            var advice = Advice(cause);
            if (advice.Count > 0)
            {
                output.WriteLine(Indent + "fix advice:");
                foreach (string text in advice)
                    output.WriteLine(Body + text);
            }
            output.WriteLine();
        }
    }

    /// <summary>
    /// What backs the cause up: the cause's own INFO findings (the chain's policy), then each consequence
    /// with what the rules said of it, so one entry tells the whole story of the drop.
    /// </summary>
    private void WriteEvidence(TextWriter output, Cause cause)
    {
        var view = View(cause.Finding);
        var lines = cause.Finding.Matches.Where(r => r.Level < FindingLevel.Warn).Select(r => r.MessageFor(view))
            .Concat(cause.Support.Select(f => $"{f.Event.Trace}({f.Event.Group}): {string.Join("; ", Messages(f))}"))
            .Distinct(StringComparer.Ordinal).ToList();
        if (lines.Count == 0)
            return;
        output.WriteLine(Indent + "evidence:");
        foreach (string line in lines)
            output.WriteLine(Body + line);
    }

    /// <summary>The cause's advice (its evidence's too: a DROP policy has its own); its consequences' only when it has none.</summary>
    private List<string> Advice(Cause cause)
    {
        var view = View(cause.Finding);
        var own = cause.Finding.Matches.Select(r => r.AdviceFor(view)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return own.Count > 0 ? own
            : [.. cause.Support.SelectMany(f => f.Abnormal.Select(r => r.AdviceFor(View(f)))).OfType<string>().Distinct(StringComparer.Ordinal)];
    }

    private SkbRuleEvent View(EventFinding finding) => new(finding.Event, context);

    private IEnumerable<string> Messages(EventFinding finding)
    {
        var view = View(finding);
        return finding.Matches.Select(r => r.MessageFor(view)).Distinct(StringComparer.Ordinal);
    }

    private static string LevelWord(FindingLevel level) => level switch
    {
        FindingLevel.Error => "ERROR",
        FindingLevel.Warn => "WARNING",
        _ => "INFO",
    };

    private static void Section(TextWriter output, string title, string value)
    {
        output.WriteLine(Indent + title);
        output.WriteLine(Body + value);
    }

    /// <summary>nf_hook_slow's hook functions from the one that ran first at this hook on, by name.</summary>
    private List<string> Blamed(SkbTraceEvent ev) =>
        ev.Extra is { Kind: SkbExtraKind.NetfilterHook } extra
            ? [.. extra.Hooks().Select(a => StripOffset(context.Symbolize(a))).Distinct(StringComparer.Ordinal)]
            : [];

    private static string StripOffset(string symbol)
    {
        int plus = symbol.IndexOf("+0x0", StringComparison.Ordinal);
        return plus > 0 && plus + 4 == symbol.Length ? symbol[..plus] : symbol;
    }
}
