using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Netfilter;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Rendering;
using NetTrace.Abstractions.Rules;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Packets;

namespace NetTrace.Host.Session.Diagnosis;

/// <summary>
/// A lifecycle hit as the rules see it: the return value, kfree_skb's drop reason and location, the
/// netfilter family, hook, table, chain and verdict, the packet's headers (addresses, ports, protocol, length,
/// TTL, ICMP type and code), the TCP flags, the device, the netns and skb->mark, and the evidence plugins read beside
/// the skb (an ICMP error, a neighbour, a route error, a listener's queues) and the qdisc tracepoints' queue state. Fields are computed when a rule asks for
/// them, so rules that never look at the location never symbolise it.
/// </summary>
internal sealed class SkbRuleEvent : IRuleEvent
{
    /// <summary>The host's own kfree_skb program stores the location in aux0 and the reason in aux1.</summary>
    public const string KfreeTrace = "kfree_skb";

    private readonly IRenderContext context;
    private SkbTraceEvent ev;

    // kfree_skb's rules (one per drop reason) each read the reason, and some its location: looked up once per hit.
    private string? _reason, _location, _saddr, _daddr;

    public SkbRuleEvent(SkbTraceEvent ev, IRenderContext context)
    {
        this.ev = ev;
        this.context = context;
    }

    /// <summary>A view to be pointed at each hit in turn (<see cref="Reset"/>): the diagnoser's one per session.</summary>
    public SkbRuleEvent(IRenderContext context)
    {
        ev = null!;
        this.context = context;
    }

    /// <summary>Now the view of <paramref name="hit"/>: what was looked up for the previous one is forgotten.</summary>
    public void Reset(SkbTraceEvent hit)
    {
        ev = hit;
        _reason = _location = _saddr = _daddr = null;
    }

    public string Trace => ev.Trace;

    public string Group => ev.Group;

    public bool TryGetNumber(string field, out long value)
    {
        long? found = field switch
        {
            "ret" => ev.Return,
            "sport" => Ports(ev.Packet)?.SourcePort,
            "dport" => Ports(ev.Packet)?.DestinationPort,
            "len" => Ip(ev.Packet) is { IpTotalLength: > 0 } p ? p.IpTotalLength : null,
            "tcp_payload" => ev.Packet?.TcpPayloadLength,
            "ttl" => Ip(ev.Packet)?.Ttl,
            "icmp_type" => Icmp(ev.Packet)?.IcmpType,
            "icmp_code" => Icmp(ev.Packet)?.IcmpCode,
            "netns" => ev.Meta.Netns != 0 ? ev.Meta.Netns : null,
            "mark" => ev.Mark,
            "bpf_prog_id" => ev.Group == ProgramVerdictTraces.Name ? (long)ev.Aux0 : null,
            "icmp_mtu" => PathEvidence.From(ev.Extra)?.IcmpMtu,
            "accept_queue" => ListenerEvidence.From(ev.Extra)?.AcceptQueue,
            "accept_backlog" => ListenerEvidence.From(ev.Extra)?.AcceptBacklog,
            "accept_queue_full" => ListenerEvidence.From(ev.Extra) is { } l ? (l.AcceptQueueFull ? 1 : 0) : null,
            "syn_queue" => ListenerEvidence.From(ev.Extra)?.SynQueue,
            "syn_queue_full" => ListenerEvidence.From(ev.Extra) is { } q ? (q.SynQueueFull ? 1 : 0) : null,
            "qdisc_len" => QdiscSnapshot.From(ev)?.QueueLength,
            "qdisc_txq_stopped" => QdiscSnapshot.From(ev) is { } s ? (s.TxqStopped ? 1 : 0) : null,
            _ => null,
        };
        value = found ?? 0;
        return found is not null;
    }

    public bool TryGetText(string field, out string value)
    {
        value = field switch
        {
            "reason" => _reason ??= Reason(ev, context) ?? "",
            "location" => _location ??= Location(ev, context) ?? "",
            "location_func" => (_location ??= Location(ev, context) ?? "").Split('+')[0],
            "pf" => ev.Extra is { Kind: SkbExtraKind.NetfilterHook or SkbExtraKind.NetfilterTable or SkbExtraKind.NetfilterChain } x ? NetfilterNames.Family(x.Pf) : null,
            "hook" => ev.Extra is { Kind: SkbExtraKind.NetfilterHook or SkbExtraKind.NetfilterTable or SkbExtraKind.NetfilterChain } x ? NetfilterNames.Hook(x.Pf, x.Hook) : null,
            "table" => ev.Extra is { Kind: SkbExtraKind.NetfilterTable or SkbExtraKind.NetfilterChain } x ? x.Table : null,
            "chain" => Chain(ev.Extra),
            "nf_family" => ev.Extra is { } t ? FirewallNames.TableFamily(t) : null,
            "policy" => ev.Extra is { } p ? FirewallNames.Policy(p) : null,
            "firewall" => ev.Extra is { } o ? FirewallNames.Owner(o) : null,
            "verdict" => ev.Return is { } ret ? NetfilterNames.Verdict(ev.Trace, ret) ?? BpfVerdicts.Name(ev.Group, ev.Trace, ret) : null,
            "bpf_prog" => ev.Group == ProgramVerdictTraces.Name ? BpfVerdicts.Program(ev.Trace) : null,
            "bpf_hook" => ev.Group == ProgramVerdictTraces.Name ? BpfVerdicts.Hook(ev.Trace) : null,
            "flags" => ev.Packet is { L4Protocol: IpProtocols.Tcp } p ? PacketFormatter.TcpFlagLetters(p.TcpFlags) : null,
            "icmp_error" => PathEvidence.From(ev.Extra)?.IcmpErrorName,
            "neigh" => PathEvidence.From(ev.Extra)?.NeighbourAddress,
            "neigh_state" => PathEvidence.From(ev.Extra)?.NeighbourState,
            "route_error" => PathEvidence.From(ev.Extra)?.RouteErrorName,
            "ifname" => ev.Meta.IfNameText is { Length: > 0 } name ? name : null,
            "saddr" => _saddr ??= ev.Packet?.SourceAddress?.ToString() ?? "",
            "daddr" => _daddr ??= ev.Packet?.DestinationAddress?.ToString() ?? "",
            "proto" => Protocol(ev.Packet),
            "qdisc_flags" => QdiscSnapshot.From(ev) is { } q ? QdiscSnapshot.Hex(q.Flags) : null,
            "qdisc_txq_state" => QdiscSnapshot.From(ev) is { } q ? QdiscSnapshot.Hex(q.TxqState) : null,
            "qdisc_idle" => QdiscSnapshot.From(ev)?.IdleText(context.KernelHz),
            _ => null,
        } ?? "";
        return value.Length > 0;
    }

    /// <summary>Each matching rule's message as this hit renders it, for the taps (JSON, incidents); null without matches.</summary>
    public static List<string>? MessagesOf(EventFinding? finding, IRenderContext context)
    {
        if (finding is not { Matches.Count: > 0 })
            return null;
        var view = new SkbRuleEvent(finding.Event, context);
        return [.. finding.Matches.Select(r => r.MessageFor(view))];
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

    // An IP header that was read (its addresses are set only then).
    private static PacketInfo? Ip(PacketInfo? p) => p is { IsIP: true, SourceAddress: not null } ? p : null;

    private static PacketInfo? Ports(PacketInfo? p) => p is { HasPorts: true } ? p : null;

    private static PacketInfo? Icmp(PacketInfo? p) =>
        p is { HasL4Header: true, L4Protocol: IpProtocols.Icmp or IpProtocols.IcmpV6 } ? p : null;

    /// <summary>The names -p takes; another IP protocol, or one behind a header the capture did not reach, is absent.</summary>
    private static string? Protocol(PacketInfo? p) => p switch
    {
        { L3Kind: L3Kind.ARP } => "arp",
        { IsIP: true, L4Protocol: IpProtocols.Tcp } => "tcp",
        { IsIP: true, L4Protocol: IpProtocols.Udp } => "udp",
        { IsIP: true, L4Protocol: IpProtocols.Icmp } => "icmp",
        { IsIP: true, L4Protocol: IpProtocols.IcmpV6 } => "icmpv6",
        _ => null,
    };
}
