using System.Net;
using System.Net.Sockets;

namespace NetTrace.Host.Session.Options;

/// <summary>
/// The checks that span options: what this build offers, which options need which mode, and filters that
/// cannot match anything together. Pure, so every rule is testable without parsing.
/// </summary>
internal static class SessionOptionsRules
{
    /// <summary>The first broken rule as a one-line message, or null when the options make sense.</summary>
    public static string? Check(SessionOptions o, CliFeatures features) =>
        Availability(o, features) ?? ModeDependencies(o) ?? Namespace(o) ?? Addresses(o) ?? ProtocolFit(o);

    private static string? Availability(SessionOptions o, CliFeatures features)
    {
        if (!features.Has(o.Mode))
        {
            if (o.Mode.Flag() is { } flag)
                return $"{flag} ({o.Mode.Label()}) is not available in this build yet";
            var built = features.Modes.Select(m => m.Flag()).OfType<string>().ToArray();
            string hint = built.Length == 0 ? "" : $"; use {string.Join(" or ", built)}";
            return $"the default {o.Mode.Label()} is not available in this build yet{hint}";
        }
        var missing = ModeOnlyOption.All.FirstOrDefault(m => m.IsSet(o) && !features.Has(m.Name));
        return missing is null ? null : $"{missing.Name} ({missing.Label}) is not available in this build yet";
    }

    private static string? ModeDependencies(SessionOptions o)
    {
        // Before the --sock rules below, whose messages would name --sock where the user gave --rtt.
        if (o.RttHistogram && RttConflict(o) is { } rtt)
            return $"--rtt prints a histogram of RTT samples: {rtt} cannot be used with it";
        if (o.Mode != TraceMode.Diagnose)
        {
            if (o.DiagQuiet) return "--diag-quiet needs --diag";
            if (o.DiagKeep) return "--diag-keep needs --diag";
            if (o.Hooks) return "--hooks needs --diag";
            if (o.RuleDirs.Count > 0) return "--rules needs --diag";
        }
        if (o.PcapPath is not null && o.Mode == TraceMode.Sock)
            return "--pcap cannot be used with --sock, which traces sockets, not packets";
        if (o.PcapPath is not null && o.OutputPath is not null && Path.GetFullPath(o.PcapPath) == Path.GetFullPath(o.OutputPath))
            return "--pcap and --output name the same file";
        if (o.RecordPath is not null && new[] { o.PcapPath, o.OutputPath }.Any(p => p is not null && Path.GetFullPath(p) == Path.GetFullPath(o.RecordPath)))
            return "--record names the same file as --output or --pcap";
        if (o.MetricsEndpoint is not null && o.Mode is not (TraceMode.Monitor or TraceMode.Drop) && !o.LatencySummary && !o.RttHistogram)
            return "--metrics needs --monitor, --drop, --latency-summary or --rtt";
        if (o.Arm is { } arm && o.Mode != TraceMode.Monitor)
            return $"{arm.FirstFlag} needs --monitor";
        if (o.DropStack && o.Mode != TraceMode.Drop)
            return "--drop-stack needs --drop";
        if (o.Mode is not (TraceMode.Sock or TraceMode.Monitor))
        {
            if (o.TcpRttMs is not null) return "--tcp-rtt needs --sock or --monitor";
            if (o.TcpSrttMs is not null) return "--tcp-srtt needs --sock or --monitor";
        }
        if (o.Mode is not (TraceMode.Lifecycle or TraceMode.Basic or TraceMode.Diagnose) && NetTrace.Host.Engine.KernelFunctionTraces.Requested(o.Traces))
            return $"-t kernel (every skb function of the kernel) traces a packet's path: the default lifecycle, --basic, --diag, --latency or --func-stats, not {o.Mode.Flag()}";
        if (o.BpfProgs && o.Mode is not (TraceMode.Lifecycle or TraceMode.Basic or TraceMode.Diagnose))
            return $"--bpf-progs adds the tc and XDP programs' verdicts to a packet's path: the default lifecycle, --basic, --diag, --latency or --func-stats, not {o.Mode.Flag()}";
        if (o.Mode is TraceMode.Drop or TraceMode.Sock or TraceMode.Monitor)
        {
            // --drop always traces kfree_skb; sock and monitor have their own trace sets.
            string mode = o.Mode.Flag()!;
            if (o.Traces.Count > 0 && o.Mode == TraceMode.Drop) return $"--trace cannot be used with {mode}, which traces kfree_skb";
            if (o.Traces.Count > 0 && o.Mode == TraceMode.Monitor) return "--trace cannot be used with --monitor, which watches its own set (every drop, abnormal returns, TCP events)";
            if (o.ShowReturn) return $"--ret cannot be used with {mode}";
            if (o.PacketFixed) return $"--pkt-fixed cannot be used with {mode}";
            if (o.TraceStack.Count > 0 && o.Mode == TraceMode.Drop) return "--trace-stack cannot be used with --drop; use --drop-stack";
        }
        if (o.Mode == TraceMode.Sock)
        {
            if (o.FilterExpression is not null) return "a filter expression cannot be used with --sock, which traces sockets, not packets (use -s, -d, -S, -D)";
            if (o.IfName is not null) return "--ifname cannot be used with --sock, which traces sockets, not packets";
            if (o.Mark is not null) return "--mark cannot be used with --sock, which traces sockets, not packets";
            // A socket has a tuple, not a packet: these filters have nothing to look at.
            if (o.TcpFlags != 0) return "--tcp-flags cannot be used with --sock, which traces sockets, not packets";
            if (o.PacketLength is not null) return "--pkt-len cannot be used with --sock, which traces sockets, not packets";
            if (o.TraceStack.Count > 0) return "--trace-stack cannot be used with --sock";
            if (o.Protocol is { } p && p != ProtocolFilter.Tcp && p != ProtocolFilter.IPv4 && p != ProtocolFilter.IPv6) return $"--sock traces TCP sockets; --proto {p} matches none";
        }
        if (o.PacketFixed && o.Mode == TraceMode.Basic)
            return "--pkt-fixed needs lifecycle tracking; it cannot be used with --basic";
        if (o.MinLatencyNs is not null && o.Mode is not (TraceMode.Lifecycle or TraceMode.Diagnose))
            return $"--min-latency works only in the default and --diag modes, not with {o.Mode.Flag()}";
        // Upstream's rule: these act on lifecycles, which only the default and --diag modes follow.
        // Upstream's rule: a lifecycle or a diagnosis with hits held back would be wrong, not shorter.
        if (o.RateLimit is not null && o.Mode is (TraceMode.Lifecycle or TraceMode.Diagnose))
            return $"--rate-limit would cut lifecycles short: use it with --basic, --drop, --sock or --monitor, not {o.Mode.Flag() ?? "the default mode"}";
        if (o.FuncStats && o.Mode is not (TraceMode.Lifecycle or TraceMode.Basic))
            return $"--func-stats works only in the default and --basic modes, not with {o.Mode.Flag()}";
        if (o.FuncStats && FuncStatsConflict(o) is { } conflict)
            return $"--func-stats prints counts, not packets: {conflict} has nothing to work on";
        if (o.LatencyFree && !o.LatencyShow && !o.Latency)
            return "--latency-free needs --latency-show or --latency (it changes the latency they measure)";
        if (o.Latency && LatencyConflict(o) is { } clash)
            return clash;
        foreach (var (option, set) in new[] { ("--latency-show", o.LatencyShow), ("--tiny-show", o.TinyShow), ("--trace-matcher", o.TraceControl.Matcher.Count > 0), ("--trace-free", o.TraceControl.Free.Count > 0), ("--trace-noclone", o.TraceControl.NoClone) })
        {
            if (set && o.Mode is not (TraceMode.Lifecycle or TraceMode.Diagnose))
                return $"{option} works only in the default and --diag modes, not with {o.Mode.Flag()}";
        }
        if (o.TraceControl.Exclude.Count > 0 && o.Mode is not (TraceMode.Lifecycle or TraceMode.Basic or TraceMode.Diagnose))
            return $"--trace-exclude works only in the default, --basic and --diag modes, not with {o.Mode.Flag()}";
        return null;
    }

    private static string? Namespace(SessionOptions o) =>
        o.Netns is not null && o.NetnsCurrent ? "--netns and --netns-current cannot be used together" : null;

    private static string? Addresses(SessionOptions o)
    {
        var given = Given(o).ToArray();
        for (int i = 1; i < given.Length; i++)
        {
            if (given[i].Address.AddressFamily != given[0].Address.AddressFamily)
                return $"{given[0].Option} {given[0].Address} and {given[i].Option} {given[i].Address} are of different address families";
        }
        if (o.Protocol?.Family is not { } family)
            return null;
        foreach (var (option, address) in given)
        {
            if (address.AddressFamily != family)
                return $"{option} {address} is {Name(address.AddressFamily)} but --proto {o.Protocol} only matches {Name(family)}";
        }
        return null;
    }

    private static string? ProtocolFit(SessionOptions o)
    {
        if (o.Protocol is not { } protocol)
            return null;
        string? port = o.SourcePort is not null ? "--sport" : o.DestinationPort is not null ? "--dport" : o.AnyPort is not null ? "--port" : null;
        if (port is not null && !protocol.HasPorts)
            return $"{port} cannot be used with --proto {protocol}, which has no ports";
        if (o.TcpFlags != 0 && !protocol.CanCarryTcp)
            return $"--tcp-flags cannot be used with --proto {protocol}, which is not TCP";
        if (o.PacketLength is not null && protocol == ProtocolFilter.Arp)
            return $"--pkt-len cannot be used with --proto {protocol}, which is not IP";
        return null;
    }

    private static IEnumerable<(string Option, IPAddress Address)> Given(SessionOptions o)
    {
        if (o.SourceAddress is { } s) yield return ("--saddr", s);
        if (o.DestinationAddress is { } d) yield return ("--daddr", d);
        if (o.AnyAddress is { } a) yield return ("--addr", a);
    }

    private static string Name(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";

    /// <summary>The first option given with --func-stats that acts on printed packets or lifecycles.</summary>
    private static string? FuncStatsConflict(SessionOptions o) =>
        o.Json ? "--json" : o.PcapPath is not null ? "--pcap" : o.RecordPath is not null ? "--record" : o.Count is not null ? "-c"
        : o.MinLatencyNs is not null ? "--min-latency" : o.LatencyShow ? "--latency-show" : o.ShowReturn ? "--ret"
        : o.TraceStack.Count > 0 ? "--trace-stack" : o.PacketFixed ? "--pkt-fixed" : o.TraceControl.Matcher.Count > 0 ? "--trace-matcher"
        : o.TraceControl.Free.Count > 0 ? "--trace-free" : null;

    /// <summary>The first option given with --rtt that selects traces or acts on records, which --rtt has none of.</summary>
    private static string? RttConflict(SessionOptions o) =>
        o.Traces.Count > 0 ? "-t" : o.Count is not null ? "-c" : o.PcapPath is not null ? "--pcap" : o.RecordPath is not null ? "--record"
        : o.RateLimit is not null ? "--rate-limit" : o.TcpFlags != 0 ? "--tcp-flags"
        : o.PacketLength is not null ? "--pkt-len" : o.FilterExpression is not null ? "a filter expression" : o.IfName is not null ? "--ifname" : o.Mark is not null ? "--mark" : o.TraceStack.Count > 0 ? "--trace-stack" : o.ShowReturn ? "--ret" : null;

    /// <summary>Why --latency (or --latency-summary) cannot run with what else was asked, or null.</summary>
    private static string? LatencyConflict(SessionOptions o)
    {
        string flag = o.LatencySummary ? "--latency-summary" : "--latency";
        if (o.Mode != TraceMode.Lifecycle)
            return $"{flag} is a mode of its own: it cannot be used with {o.Mode.Flag()}";
        // The kernel sends one record per skb at its end, not its hits: nothing a capture or a recording could replay.
        string? other = o.FuncStats ? "--func-stats" : o.LatencyShow ? "--latency-show" : o.PcapPath is not null ? "--pcap"
            : o.RecordPath is not null ? "--record" : o.TraceStack.Count > 0 ? "--trace-stack" : o.ShowReturn ? "--ret" : null;
        return other is null ? null : $"{flag} prints one line per skb (or a histogram), not its hits: {other} cannot be used with it";
    }
}
