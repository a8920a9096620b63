using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;
using NetTrace.Abstractions.Rules;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;
using NetTrace.Rules;

namespace NetTrace.Host.Modes.Monitor;

/// <summary>
/// --monitor's line for a packet-path event: the kernel sent it up because its return looked abnormal; the exact
/// rules decide, and an ERROR prints the seed's monitor line with the rules' markers. Live and replayed alike.
/// </summary>
internal sealed class MonitorPathPrinter(Diagnoser diagnoser, SkbLineFormatter formatter, IEventTap? tap, bool text, IRenderContext context)
{
    private static readonly IReadOnlyList<CompiledRule> None = [];

    /// <summary>Prints the event if an ERROR rule matches; returns those rules (empty: nothing printed).</summary>
    public IReadOnlyList<CompiledRule> Print(SkbTraceEvent ev)
    {
        var finding = diagnoser.Examine([ev])[0];
        var abnormal = finding.Matches.Where(r => r.Level == FindingLevel.Error).ToList();
        if (abnormal.Count == 0)
            return None;
        if (text)
            formatter.Write(ev, ev.Packet, line => diagnoser.AppendNotes(line, finding));
        tap?.Event(ev, ev.Group, ev.Point, null, SkbRuleEvent.MessagesOf(finding, context));
        return abnormal;
    }
}
