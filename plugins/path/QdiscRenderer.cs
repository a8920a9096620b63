using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;

namespace NetTrace.Plugins.Path;

/// <summary>
/// The qdisc tracepoints' note, in upstream's shape and in every mode:
/// " *qdisc state: 0x0, flags: 0x4, last-update: 12ms, len: 3*" (the state is the transmit queue's; the time is in
/// ms whatever the kernel's HZ, where upstream prints jiffies).
/// </summary>
internal sealed class QdiscRenderer : IEventRenderer
{
    public void AppendSummary(StringBuilder line, ITraceEvent ev, IRenderContext context)
    {
        if (ev is not SkbTraceEvent skb || QdiscSnapshot.From(skb) is not { } q)
            return;
        line.Append(" *qdisc state: ").Append(QdiscSnapshot.Hex(q.TxqState))
            .Append(", flags: ").Append(QdiscSnapshot.Hex(q.Flags))
            .Append(", last-update: ").Append(q.IdleText(context.KernelHz))
            .Append(", len: ").Append(q.QueueLength).Append('*');
    }

    public void AppendLines(List<string> lines, ITraceEvent ev, IRenderContext context)
    {
    }
}
