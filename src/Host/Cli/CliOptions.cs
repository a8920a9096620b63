using System.CommandLine;
using System.Net;
using NetTrace.Host.Session.Options;

namespace NetTrace.Host.Cli;

/// <summary>
/// Every option of `nettrace`, named, flagged and described as in the seed's `nettrace -h`. One instance per
/// built command, so separately built commands (tests build many) never share symbols.
/// </summary>
internal sealed class CliOptions
{
    public const int MaxTraceStack = 16; // the seed's limit: stack collection is costly per function

    /// <summary>The positional filter expression, as tcpdump takes it (its words joined, so quoting is optional).</summary>
    public Argument<string[]> Expression { get; } = new("EXPRESSION")
    {
        Description = "a tcpdump filter expression (pcap-filter(7)), such as 'tcp and dst port 443', run in the kernel; "
            + "combined with the options by AND",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<IPAddress?> SourceAddress { get; } =
        OptionFactory.Value<IPAddress?>("--saddr", "-s", "ADDR", "filter source ip/ipv6 address", ValueParsers.Address);
    public Option<IPAddress?> DestinationAddress { get; } =
        OptionFactory.Value<IPAddress?>("--daddr", "-d", "ADDR", "filter dest ip/ipv6 address", ValueParsers.Address);
    public Option<IPAddress?> AnyAddress { get; } =
        OptionFactory.Value<IPAddress?>("--addr", null, "ADDR", "filter source or dest ip/ipv6 address", ValueParsers.Address);
    public Option<ushort?> SourcePort { get; } =
        OptionFactory.Value<ushort?>("--sport", "-S", "PORT", "filter source TCP/UDP port", ValueParsers.Port);
    public Option<ushort?> DestinationPort { get; } =
        OptionFactory.Value<ushort?>("--dport", "-D", "PORT", "filter dest TCP/UDP port", ValueParsers.Port);
    public Option<ushort?> AnyPort { get; } =
        OptionFactory.Value<ushort?>("--port", "-P", "PORT", "filter source or dest TCP/UDP port", ValueParsers.Port);
    public Option<ProtocolFilter?> Protocol { get; } =
        OptionFactory.Value<ProtocolFilter?>("--proto", "-p", "PROTO",
            "filter L3/L4 protocol, such as 'tcp', 'arp' (tcp, udp, icmp, icmpv6, arp, ipv4, ipv6)", ValueParsers.Protocol);
    public Option<uint?> Netns { get; } =
        OptionFactory.Value("--netns", null, "INODE", "filter by net namespace inode", ValueParsers.Positive<uint>("inode"));
    public Option<bool> NetnsCurrent { get; } =
        OptionFactory.Flag("--netns-current", null, "filter by current net namespace");
    public Option<int?> Pid { get; } =
        OptionFactory.Value("--pid", null, "PID", "filter by current process id(pid)", ValueParsers.Positive<int>("pid"));
    public Option<ulong?> MinLatency { get; } =
        OptionFactory.Value<ulong?>("--min-latency", null, "TIME",
            "filter by the minimal time to live of the skb in ms (or with a unit: 500us, 2ms, 1s)", ValueParsers.Duration);
    public Option<(ushort Min, ushort Max)?> PacketLength { get; } =
        OptionFactory.Value<(ushort Min, ushort Max)?>("--pkt-len", null, "N[-M]",
            "filter by the IP packet length (include header) in byte, exactly N or from N to M", ValueParsers.PacketLength);
    public Option<byte> TcpFlags { get; } =
        OptionFactory.Value<byte>("--tcp-flags", null, "FLAGS", "filter by TCP flags, such as: SAPRF (any of SAPRFUEC)",
            ValueParsers.TcpFlagSet);
    public Option<string?> IfName { get; } =
        OptionFactory.Value<string?>("--ifname", null, "NAME", "filter by the network device the skb is on (in its namespace)",
            ValueParsers.InterfaceName);
    public Option<(uint Value, uint Mask)?> Mark { get; } =
        OptionFactory.Value<(uint Value, uint Mask)?>("--mark", null, "VALUE[/MASK]", "filter by skb->mark: mark & MASK == VALUE",
            ValueParsers.Mark);
    public Option<uint?> TcpRtt { get; } =
        OptionFactory.Value("--tcp-rtt", "--filter-minrtt", "MS", "filter by the minimal rtt, in ms (0: every sample)", ValueParsers.NonNegative<uint>("rtt"));
    public Option<uint?> TcpSrtt { get; } =
        OptionFactory.Value("--tcp-srtt", "--filter-srtt", "MS", "filter by the minimal srtt, in ms (0: every sample)", ValueParsers.NonNegative<uint>("srtt"));

    public Option<IReadOnlyList<string>> Trace { get; } =
        OptionFactory.NameList("--trace", "-t", "LIST", "enable trace group or trace (comma separated)");
    public Option<bool> ShowReturn { get; } = OptionFactory.Flag("--ret", null, "show function return value");
    public Option<bool> BpfProgs { get; } =
        OptionFactory.Flag("--bpf-progs", null, "trace the verdicts of the loaded tc and XDP BPF programs (fexit: needs BPF trampolines)");
    public Option<bool> Detail { get; } =
        OptionFactory.Flag("--detail", null, "show extern packet info, such as pid, ifname, etc");
    public Option<bool> Date { get; } = OptionFactory.Flag("--date", null, "print timestamp in date-time format");
    public Option<long?> Count { get; } =
        OptionFactory.Value("--count", "-c", "COUNT", "exit after receiving count packets", ValueParsers.Positive<long>("count"));
    public Option<bool> Basic { get; } =
        OptionFactory.Flag("--basic", null, "use 'basic' trace mode, don't trace skb's life");
    public Option<bool> Diag { get; } = OptionFactory.Flag("--diag", null, "enable 'diagnose' mode");
    public Option<bool> DiagQuiet { get; } = OptionFactory.Flag("--diag-quiet", null, "only print abnormal packet");
    public Option<bool> DiagKeep { get; } =
        OptionFactory.Flag("--diag-keep", null, "don't quit when abnormal packet found");
    public Option<bool> Hooks { get; } =
        OptionFactory.Flag("--hooks", null, "print netfilter hooks if dropping by netfilter");
    public Option<bool> Drop { get; } =
        OptionFactory.Flag("--drop", null, "skb drop monitor mode, for replace of 'droptrace'");
    public Option<bool> DropStack { get; } =
        OptionFactory.Flag("--drop-stack", null, "print the kernel function call stack of kfree_skb");
    public Option<bool> Sock { get; } = OptionFactory.Flag("--sock", null, "enable 'sock' mode");
    public Option<bool> Monitor { get; } = OptionFactory.Flag("--monitor", null, "enable 'monitor' mode");
    public Option<bool> Rtt { get; } = OptionFactory.Flag("--rtt", null,
        "only a log2 histogram of TCP RTT samples in microseconds, aggregated in the kernel and printed each second"
        + " (--filter-srtt/--filter-minrtt bound the samples; without kprobes, the srtt of tcp_probe)");
    public Option<bool> RttDetail { get; } = OptionFactory.Flag("--rtt-detail", null,
        "show every RTT sample: 'sock' mode on tcp_ack_update_rtt (upstream's shorthand; --filter-srtt/--filter-minrtt bound it)");
    public Option<bool> PacketFixed { get; } = OptionFactory.Flag("--pkt-fixed", null,
        "set this option if you are sure the target packet is not NATed to get better performance");
    public Option<IReadOnlyList<string>> TraceStack { get; } = OptionFactory.NameList("--trace-stack", null, "LIST",
        $"print call stack for traces or group (comma separated, at most {MaxTraceStack})", MaxTraceStack);
    public Option<bool> Latency { get; } = OptionFactory.Flag("--latency", null,
        "measure each skb's latency in the kernel: one line per skb at its free, [first -> last] traces and latency (--min-latency bounds it)");
    public Option<bool> LatencySummary { get; } = OptionFactory.Flag("--latency-summary", null,
        "only a log2 histogram of the latencies, aggregated in the kernel and printed each second (implies --latency)");
    public Option<bool> TinyShow { get; } = OptionFactory.Flag("--tiny-show", null,
        "send an skb's packet only at its first hit: the later hits print as their time and function (lighter than --pkt-fixed's lines)");
    public Option<bool> LatencyShow { get; } = OptionFactory.Flag("--latency-show", null,
        "show each hit's latency since the previous one and the lifecycle's total latency");
    public Option<bool> LatencyFree { get; } = OptionFactory.Flag("--latency-free", null,
        "with --latency-show, count the total latency up to the free of the skb");
    public Option<IReadOnlyList<string>> TraceMatcher { get; } = OptionFactory.NameList("--trace-matcher", null, "LIST",
        "only these traces or groups may start tracing an skb; the others report it once one of them did (comma separated)");
    public Option<IReadOnlyList<string>> TraceExclude { get; } = OptionFactory.NameList("--trace-exclude", null, "LIST",
        "leave these traces or groups out (comma separated)");
    public Option<bool> TraceNoClone { get; } = OptionFactory.Flag("--trace-noclone", null,
        "don't follow clones: a cloned skb's copy gets no lifecycle of its own");
    public Option<IReadOnlyList<string>> TraceFree { get; } = OptionFactory.NameList("--trace-free", null, "LIST",
        "these traces also end an skb's lifecycle, as the kernel's frees do (comma separated)");
    public Option<bool> FuncStats { get; } = OptionFactory.Flag("--func-stats", null,
        "only count the calls of each traced function in the kernel, and print the counts every second");
    public Option<uint?> RateLimit { get; } =
        OptionFactory.Value("--rate-limit", null, "N",
            "send at most N events a second from the kernel (--basic, --drop, --sock, --monitor); the rest are counted",
            ValueParsers.Positive<uint>("rate"));
    public Option<string?> BtfPath { get; } =
        OptionFactory.Value<string?>("--btf-path", null, "FILE",
            "read the kernel's BTF from FILE (raw BTF or a vmlinux with a .BTF section), for a kernel without /sys/kernel/btf/vmlinux",
            ValueParsers.Path);
    public Option<bool> Force { get; } = OptionFactory.Flag("--force", null,
        "accepted for upstream's scripts: nettrace never refuses an unfiltered trace, so there is nothing to force");
    public Option<bool> Json { get; } =
        OptionFactory.Flag("--json", null, "print one JSON object per event and per finding (docs/json.md) instead of text");
    public Option<string?> Output { get; } =
        OptionFactory.Value<string?>("--output", "-o", "FILE", "write the output (text or JSON) to FILE instead of stdout", ValueParsers.Path);
    public Option<string?> Pcap { get; } =
        OptionFactory.Value<string?>("--pcap", null, "FILE",
            "also write the captured packets to FILE as pcapng, each commented with its kernel function, reason and netns", ValueParsers.Path);
    public Option<string?> Record { get; } =
        OptionFactory.Value<string?>("--record", null, "FILE",
            "also save every raw record to FILE, a recording that can be decoded again later (docs/recordings.md)", ValueParsers.Path);
    public Option<System.Net.IPEndPoint?> Metrics { get; } =
        OptionFactory.Value<System.Net.IPEndPoint?>("--metrics", null, "ADDR:PORT",
            "with --monitor, --drop, --latency-summary or --rtt, serve Prometheus metrics at http://ADDR:PORT/metrics (ADDR defaults to 127.0.0.1)",
            ValueParsers.MetricsEndpoint);
    public Option<bool> Arm { get; } = OptionFactory.Flag("--arm", null,
        "with --monitor, trace the lifecycle of each abnormal flow (a drop, a reset, an ERROR finding) into an incident (docs/incidents.md)");
    public Option<IReadOnlyList<string>> ArmOn { get; } =
        OptionFactory.Repeatable("--arm-on", "RULE",
            "arm only on events matching RULE, a .rules target and condition: 'kfree_skb when reason == \"NETFILTER_DROP\"' (repeatable; implies --arm)");
    public Option<string?> ArmDir { get; } =
        OptionFactory.Value<string?>("--arm-dir", null, "DIR",
            "where incidents are written (default /var/lib/nettrace/incidents as root, else ~/.local/state/nettrace/incidents)", ValueParsers.Path);
    public Option<uint?> ArmFor { get; } =
        OptionFactory.Value("--arm-for", null, "SECONDS", "trace each incident's flow for at most SECONDS (default 10)", ValueParsers.Positive<uint>("duration"));
    public Option<uint?> ArmPackets { get; } =
        OptionFactory.Value("--arm-packets", null, "COUNT",
            "end an incident after COUNT packets of its flow, or at the first one diagnosed abnormal (default 5)", ValueParsers.Positive<uint>("count"));
    public Option<uint?> ArmRate { get; } =
        OptionFactory.Value("--arm-rate", null, "N", "record at most N incidents a minute, one at a time (default 4)", ValueParsers.Positive<uint>("rate"));
    public Option<IReadOnlyList<string>> RuleDirs { get; } =
        OptionFactory.Repeatable("--rules", "DIR", "with --diag, also load the .rules files in DIR (repeatable)");
    public Option<bool> UnsafePlugins { get; } = OptionFactory.Flag("--unsafe-plugins", null,
        "load plugins and .rules files even when someone other than root may change them (development only)");
    public Option<IReadOnlyList<string>> PluginDirs { get; } =
        OptionFactory.Repeatable("--plugins", "DIR", "also load plugins from DIR (repeatable)");

    // Recursive so `nettrace probe -v` and `nettrace -v probe` both work.
    public Option<bool> Verbose { get; } = new("-v") { Description = "show log information", Arity = ArgumentArity.Zero, Recursive = true };
    public Option<bool> Debug { get; } = OptionFactory.Flag("--debug", null, "show debug information");

    /// <summary>The mode flags; at most one may be given, none means <see cref="TraceMode.Lifecycle"/>.</summary>
    public IReadOnlyList<ModeFlag> ModeFlags => _modeFlags ??=
    [
        new(Basic, TraceMode.Basic),
        new(Diag, TraceMode.Diagnose),
        new(Drop, TraceMode.Drop),
        new(Sock, TraceMode.Sock),
        new(Monitor, TraceMode.Monitor),
        new(Rtt, TraceMode.Sock),
        new(RttDetail, TraceMode.Sock),
    ];

    private ModeFlag[]? _modeFlags;

    /// <summary>All options in the seed's help order (help and version are added by the command).</summary>
    public IEnumerable<Option> InHelpOrder() =>
    [
        SourceAddress, DestinationAddress, AnyAddress, SourcePort, DestinationPort, AnyPort, Protocol, Netns, NetnsCurrent,
        Pid, MinLatency, PacketLength, TcpFlags, IfName, Mark, TcpRtt, TcpSrtt,
        Trace, BpfProgs, ShowReturn, Detail, Date, Count, Basic, Diag, DiagQuiet, DiagKeep, Hooks, Drop, DropStack, Sock, Monitor, Rtt, RttDetail,
        PacketFixed, TinyShow, TraceStack, Latency, LatencySummary, LatencyShow, LatencyFree, TraceMatcher, TraceExclude, TraceNoClone, TraceFree, FuncStats, RateLimit, BtfPath, Force, Json, Output, Pcap, Record, Metrics, Arm, ArmOn, ArmDir, ArmFor, ArmPackets, ArmRate, RuleDirs, PluginDirs, UnsafePlugins,
        Verbose, Debug,
    ];
}
