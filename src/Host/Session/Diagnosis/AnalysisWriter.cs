using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;
using NetTrace.Abstractions.Rules;

namespace NetTrace.Host.Session.Diagnosis;

/// <summary>
/// The seed's ANALYSIS RESULT block: one numbered entry per abnormal hit with its messages, kfree_skb's
/// location and drop reason, the hook functions blamed for a netfilter drop (--hooks) and the fix advice.
/// </summary>
internal sealed class AnalysisWriter(IRenderContext context, bool hooks)
{
    public const string Banner = "---------------- ANALYSIS RESULT ---------------------";
    private const string Indent = "    ";
    private const string Body = "        ";

    public void Write(TextWriter output, IReadOnlyList<EventFinding> abnormal)
    {
        output.WriteLine(Banner);
        for (int i = 0; i < abnormal.Count; i++)
        {
            var finding = abnormal[i];
            var ev = finding.Event;
            var shown = finding.Abnormal.ToList();
            output.WriteLine($"[{i + 1}] {LevelWord(finding.Level)} happens in {ev.Trace}({ev.Group}):");
            var view = new SkbRuleEvent(ev, context);
            foreach (string message in shown.Select(r => r.MessageFor(view)).Distinct(StringComparer.Ordinal))
                output.WriteLine(Body + message);
            if (hooks && Blamed(ev) is { Count: > 0 } blamed)
            {
                output.WriteLine();
                output.WriteLine(Indent + "following hook functions are blamed:");
                foreach (string function in blamed)
                    output.WriteLine(Body + function);
                output.WriteLine();
            }
            if (SkbRuleEvent.Location(ev, context) is { } location)
                Section(output, "location:", location);
            if (SkbRuleEvent.Reason(ev, context) is { } reason)
                Section(output, "drop reason:", reason);
            var advice = shown.Select(r => r.AdviceFor(view)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (advice.Count > 0)
            {
                output.WriteLine(Indent + "fix advice:");
                foreach (string text in advice)
                    output.WriteLine(Body + text);
            }
            output.WriteLine();
        }
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
