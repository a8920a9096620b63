using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Netfilter;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Rendering;
using NetTrace.Abstractions.Rules;
using NetTrace.Host.Engine.Packets;

namespace NetTrace.Host.Session.Diagnosis;

/// <summary>
/// A lifecycle hit as the rules see it: the return value, kfree_skb's drop reason and location, the
/// netfilter family, hook, table, chain and verdict, the TCP flags and the device. Fields are computed
/// when a rule asks for them, so rules that never look at the location never symbolise it.
/// </summary>
internal sealed class SkbRuleEvent(SkbTraceEvent ev, IRenderContext context) : IRuleEvent
{
    /// <summary>The host's own kfree_skb program stores the location in aux0 and the reason in aux1.</summary>
    public const string KfreeTrace = "kfree_skb";

    // kfree_skb's rules (one per drop reason) each read the reason, and some its location: looked up once per hit.
    private string? _reason, _location;

    public string Trace => ev.Trace;

    public string Group => ev.Group;

    public bool TryGetNumber(string field, out long value)
    {
        long? number = field switch
        {
            "ret" => ev.Return,
            "icmp_mtu" => PathEvidence.From(ev.Extra)?.IcmpMtu,
            _ => null,
        };
        value = number ?? 0;
        return number is not null;
    }

    public bool TryGetText(string field, out string value)
    {
        value = field switch
        {
            "reason" => _reason ??= Reason(ev, context) ?? "",
            "location" => _location ??= Location(ev, context) ?? "",
            "location_func" => (_location ??= Location(ev, context) ?? "").Split('+')[0],
            "pf" => ev.Extra is { Kind: not SkbExtraKind.None } x ? NetfilterNames.Family(x.Pf) : null,
            "hook" => ev.Extra is { Kind: not SkbExtraKind.None } x ? NetfilterNames.Hook(x.Pf, x.Hook) : null,
            "table" => ev.Extra is { Kind: SkbExtraKind.NetfilterTable or SkbExtraKind.NetfilterChain } x ? x.Table : null,
            "chain" => Chain(ev.Extra),
            "verdict" => ev.Return is { } ret ? NetfilterNames.Verdict(ev.Trace, ret) : null,
            "flags" => ev.Packet is { L4Protocol: IpProtocols.Tcp } p ? PacketFormatter.TcpFlagLetters(p.TcpFlags) : null,
            "icmp_error" => PathEvidence.From(ev.Extra)?.IcmpErrorName,
            "neigh" => PathEvidence.From(ev.Extra)?.NeighbourAddress,
            "neigh_state" => PathEvidence.From(ev.Extra)?.NeighbourState,
            "route_error" => PathEvidence.From(ev.Extra)?.RouteErrorName,
            "ifname" => ev.Meta.IfNameText is { Length: > 0 } name ? name : null,
            _ => null,
        } ?? "";
        return value.Length > 0;
    }

    /// <summary>kfree_skb's drop reason by the kernel's name, where the kernel reports reasons.</summary>
    public static string? Reason(SkbTraceEvent ev, IRenderContext context) =>
        ev.Trace == KfreeTrace && context.HasDropReasons ? context.DropReasonName((uint)ev.Aux1) : null;

    /// <summary>Where kfree_skb was called, as func+0xoff.</summary>
    public static string? Location(SkbTraceEvent ev, IRenderContext context) =>
        ev.Trace == KfreeTrace && ev.Aux0 != 0 ? context.Symbolize(ev.Aux0) : null;

    private static string? Chain(SkbExtraRecord? extra) => extra switch
    {
        { Kind: SkbExtraKind.NetfilterChain } x => x.Chain,
        { Kind: SkbExtraKind.NetfilterTable } x => NetfilterNames.BuiltinChain(x.Hook),
        _ => null,
    };
}
