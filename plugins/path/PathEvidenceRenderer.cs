using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Rendering;

namespace NetTrace.Plugins.Path;

/// <summary>
/// The evidence notes on the icmp, route and neigh groups' lines: " *ICMP error sent: port unreachable*",
/// " *neighbour 10.0.0.9 FAILED*", " *route lookup: EHOSTUNREACH (an unreachable route...)*".
/// </summary>
internal sealed class PathEvidenceRenderer : IEventRenderer
{
    public void AppendSummary(StringBuilder line, ITraceEvent ev, IRenderContext context)
    {
        if (ev is not SkbTraceEvent skb || PathEvidence.From(skb.Extra) is not { } e)
            return;
        switch (e.Kind)
        {
            case SkbExtraKind.IcmpError:
                line.Append(" *ICMP").Append(e.IsIpv6 ? "v6" : "").Append(" error sent: ")
                    .Append(IcmpErrors.Describe(e.IsIpv6, e.Type, e.Code, e.Value)).Append('*');
                break;
            case SkbExtraKind.Neighbour:
                line.Append(" *neighbour ").Append(e.NeighbourAddress ?? "?").Append(' ').Append(e.NeighbourState).Append('*');
                break;
            case SkbExtraKind.RouteError:
                line.Append(" *route lookup: ").Append(e.RouteErrorName).Append(" (")
                    .Append(RouteErrors.Meaning(e.Value)).Append(")*");
                break;
        }
    }

    public void AppendLines(List<string> lines, ITraceEvent ev, IRenderContext context)
    {
    }
}
