using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;

namespace NetTrace.Plugins.Tcp;

/// <summary>
/// The listener's queues on the lines of tcp_conn_request and tcp_v4/v6_syn_recv_sock:
/// " *listener: accept queue 2/1 (full), SYN queue 0*".
/// </summary>
internal sealed class ListenerRenderer : IEventRenderer
{
    public void AppendSummary(StringBuilder line, ITraceEvent ev, IRenderContext context)
    {
        if (ev is not SkbTraceEvent skb || ListenerEvidence.From(skb.Extra) is not { } l)
            return;
        line.Append(" *listener: accept queue ").Append(l.AcceptQueue).Append('/').Append(l.AcceptBacklog);
        if (l.AcceptQueueFull)
            line.Append(" (full)");
        line.Append(", SYN queue ").Append(l.SynQueue);
        if (l.SynQueueFull)
            line.Append(" (full)");
        line.Append('*');
    }

    public void AppendLines(List<string> lines, ITraceEvent ev, IRenderContext context)
    {
    }
}
