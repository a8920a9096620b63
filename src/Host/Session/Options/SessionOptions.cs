using System.Net;

namespace NetTrace.Host.Session.Options;

/// <summary>
/// Everything a tracing session was asked for on the command line, typed and already validated.
/// Null (or empty, or false) means the option was not given.
/// </summary>
internal sealed record SessionOptions
{
    /// <summary>-s/--saddr</summary>
    public IPAddress? SourceAddress { get; init; }

    /// <summary>-d/--daddr</summary>
    public IPAddress? DestinationAddress { get; init; }

    /// <summary>--addr: source or destination.</summary>
    public IPAddress? AnyAddress { get; init; }

    /// <summary>-S/--sport</summary>
    public ushort? SourcePort { get; init; }

    /// <summary>-D/--dport</summary>
    public ushort? DestinationPort { get; init; }

    /// <summary>-P/--port: source or destination.</summary>
    public ushort? AnyPort { get; init; }

    /// <summary>-p/--proto</summary>
    public ProtocolFilter? Protocol { get; init; }

    /// <summary>--netns: a network namespace inode.</summary>
    public uint? Netns { get; init; }

    /// <summary>--netns-current: the caller resolves the inode (it needs /proc, the parser does not).</summary>
    public bool NetnsCurrent { get; init; }

    /// <summary>A filter on the packet's own headers (addresses, ports, protocol, length, TCP flags, an expression): the kernel must parse it.</summary>
    public bool HasPacketFilter =>
        SourceAddress is not null || DestinationAddress is not null || AnyAddress is not null || SourcePort is not null
        || DestinationPort is not null || AnyPort is not null || Protocol is not null || PacketLength is not null || TcpFlags != 0
        || FilterExpression is not null || IfName is not null || Mark is not null;

    /// <summary>--ifname: the device the skb is on; null: any.</summary>
    public string? IfName { get; init; }

    /// <summary>--mark: skb->mark &amp; Mask must equal Value; null: no mark filter.</summary>
    public (uint Value, uint Mask)? Mark { get; init; }

    /// <summary>The positional filter expression (pcap-filter(7), as tcpdump takes it), its words joined; null: none.</summary>
    public string? FilterExpression { get; init; }

    /// <summary>--rate-limit: at most this many records a second from each BPF object, the rest counted.</summary>
    public uint? RateLimit { get; init; }

    /// <summary>--func-stats: count calls per trace in the kernel, print the counts every second.</summary>
    public bool FuncStats { get; init; }

    /// <summary>--pid</summary>
    public int? Pid { get; init; }

    /// <summary>--min-latency, in nanoseconds (the option takes ms, or a unit).</summary>
    public ulong? MinLatencyNs { get; init; }

    /// <summary>--pkt-len: inclusive bounds of the IP packet length, header included; "N" gives Min == Max.</summary>
    public (ushort Min, ushort Max)? PacketLength { get; init; }

    /// <summary>--tcp-flags: a packet matches when it has any of these bits (FIN=1 … CWR=128); 0 = no filter.</summary>
    public byte TcpFlags { get; init; }

    /// <summary>--tcp-rtt, in milliseconds.</summary>
    public uint? TcpRttMs { get; init; }

    /// <summary>--tcp-srtt, in milliseconds.</summary>
    public uint? TcpSrttMs { get; init; }

    /// <summary>-t/--trace: trace groups or traces to enable; empty = the mode's defaults.</summary>
    public IReadOnlyList<string> Traces { get; init; } = [];

    /// <summary>--trace-stack: traces or groups whose kernel stacks are printed (at most 16).</summary>
    public IReadOnlyList<string> TraceStack { get; init; } = [];

    /// <summary>--btf-path: the kernel's BTF from this file, for a kernel without /sys/kernel/btf/vmlinux.</summary>
    public string? BtfPath { get; init; }

    /// <summary>--latency (or --latency-summary): the kernel measures each skb's latency, one record per skb.</summary>
    public bool Latency { get; init; }

    /// <summary>--latency-summary: only a histogram of the latencies, aggregated in the kernel.</summary>
    public bool LatencySummary { get; init; }

    /// <summary>--rtt (a --sock session): only a histogram of TCP RTT samples, aggregated in the kernel.</summary>
    public bool RttHistogram { get; init; }

    /// <summary>--tiny-show: only an skb's first hit carries its packet; the others print as time and function.</summary>
    public bool TinyShow { get; init; }

    /// <summary>--latency-show: per-hit and total latency on lifecycles.</summary>
    public bool LatencyShow { get; init; }

    /// <summary>--latency-free: the total latency counts up to the free.</summary>
    public bool LatencyFree { get; init; }

    /// <summary>--trace-matcher, --trace-exclude, --trace-free, --trace-noclone.</summary>
    public Engine.TraceControl TraceControl { get; init; } = Engine.TraceControl.None;

    /// <summary>--ret</summary>
    public bool ShowReturn { get; init; }

    /// <summary>--detail</summary>
    public bool Detail { get; init; }

    /// <summary>--date</summary>
    public bool Date { get; init; }

    /// <summary>-c/--count: stop after this many events.</summary>
    public long? Count { get; init; }

    public TraceMode Mode { get; init; } = TraceMode.Lifecycle;

    /// <summary>--diag-quiet</summary>
    public bool DiagQuiet { get; init; }

    /// <summary>--bpf-progs: the verdicts of the loaded tc and XDP programs join the packet's path.</summary>
    public bool BpfProgs { get; init; }

    /// <summary>--diag-keep</summary>
    public bool DiagKeep { get; init; }

    /// <summary>--hooks</summary>
    public bool Hooks { get; init; }

    /// <summary>--drop-stack</summary>
    public bool DropStack { get; init; }

    /// <summary>--pkt-fixed</summary>
    public bool PacketFixed { get; init; }

    /// <summary>-v or --debug.</summary>
    public LogLevel Verbosity { get; init; } = LogLevel.Normal;

    /// <summary>--plugins: extra plugin folders, searched after the built-in one.</summary>
    public IReadOnlyList<string> PluginDirs { get; init; } = [];

    /// <summary>--unsafe-plugins: load plugins and .rules files others could change (development only).</summary>
    public bool UnsafePlugins { get; init; }

    /// <summary>--json: JSON lines instead of text.</summary>
    public bool Json { get; init; }

    /// <summary>--output: the file the output goes to instead of stdout.</summary>
    public string? OutputPath { get; init; }

    /// <summary>--pcap: the pcapng file the captured packets also go to.</summary>
    public string? PcapPath { get; init; }

    /// <summary>--record: the recording file every raw record also goes to.</summary>
    public string? RecordPath { get; init; }

    /// <summary>--metrics: where to serve Prometheus metrics; null for none.</summary>
    public System.Net.IPEndPoint? MetricsEndpoint { get; init; }

    /// <summary>--rules: directories whose .rules files add to the plugins' knowledge base (--diag).</summary>
    public IReadOnlyList<string> RuleDirs { get; init; } = [];

    /// <summary>--arm and its settings (--arm-on implies --arm); null when not armed.</summary>
    public ArmOptions? Arm { get; init; }
}
