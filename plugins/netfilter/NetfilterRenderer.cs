using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Netfilter;
using NetTrace.Abstractions.Rendering;

namespace NetTrace.Plugins.Netfilter;

/// <summary>
/// The diagnosis notes on netfilter lines, in the seed's words: " *ipv4 in chain: PRE_ROUTING*" on a
/// hook, " *iptables table:filter, chain:FORWARD*" on an iptables or nftables table (names in full).
/// </summary>
internal sealed class NetfilterRenderer : IEventRenderer
{
    public void AppendSummary(StringBuilder line, ITraceEvent ev, IRenderContext context)
    {
        if (ev is not SkbTraceEvent { Extra: { } extra })
            return;
        switch (extra.Kind)
        {
            case SkbExtraKind.NetfilterHook:
                line.Append(" *").Append(NetfilterNames.Family(extra.Pf)).Append(" in chain: ")
                    .Append(NetfilterNames.Hook(extra.Pf, extra.Hook)).Append('*');
                break;
            case SkbExtraKind.NetfilterTable:
                line.Append(" *iptables table:").Append(extra.Table).Append(", chain:")
                    .Append(NetfilterNames.BuiltinChain(extra.Hook)).Append('*');
                break;
            case SkbExtraKind.NetfilterChain when FirewallNames.Owner(extra) == FirewallNames.Nftables:
                // A native table is not iptables': its family is part of its name (inet t, ip6 t).
                line.Append(" *nftables table:").Append(FirewallNames.TableFamily(extra) is { } family ? family + " " : "")
                    .Append(extra.Table).Append(", chain:").Append(extra.Chain).Append('*');
                break;
            case SkbExtraKind.NetfilterChain:
                line.Append(" *iptables table:").Append(extra.Table).Append(", chain:").Append(extra.Chain).Append('*');
                break;
        }
    }

    public void AppendLines(List<string> lines, ITraceEvent ev, IRenderContext context)
    {
    }
}
