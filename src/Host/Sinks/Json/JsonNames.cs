using System.Text.Json;

namespace NetTrace.Host.Sinks.Json;

/// <summary>The --json property names (docs/json.md), encoded once instead of once per line.</summary>
internal static class JsonNames
{
    public static readonly JsonName Version = new("v");
    public static readonly JsonName Type = new("type");
    public static readonly JsonName Time = new("time");
    public static readonly JsonName TimeNs = new("time_ns");
    public static readonly JsonName Function = new("function");
    public static readonly JsonName Trace = new("trace");
    public static readonly JsonName Group = new("group");
    public static readonly JsonName Skb = new("skb");
    public static readonly JsonName Context = new("context");
    public static readonly JsonName Cpu = new("cpu");
    public static readonly JsonName Pid = new("pid");
    public static readonly JsonName Comm = new("comm");
    public static readonly JsonName Netns = new("netns");
    public static readonly JsonName IfName = new("ifname");
    public static readonly JsonName Packet = new("packet");
    public static readonly JsonName Ret = new("ret");
    public static readonly JsonName Reason = new("reason");
    public static readonly JsonName Location = new("location");
    public static readonly JsonName Netfilter = new("netfilter");
    public static readonly JsonName BpfProgram = new("bpf_prog");
    public static readonly JsonName Name = new("name");
    public static readonly JsonName Id = new("id");
    public static readonly JsonName Messages = new("messages");
    public static readonly JsonName Level = new("level");
    public static readonly JsonName Message = new("message");
    public static readonly JsonName Advice = new("advice");
    public static readonly JsonName Fields = new("fields");

    public static readonly JsonEncodedText Event = JsonEncodedText.Encode("event");
    public static readonly JsonEncodedText Finding = JsonEncodedText.Encode("finding");

    // packet
    public static readonly JsonName Protocol = new("proto");
    public static readonly JsonName Source = new("saddr");
    public static readonly JsonName Destination = new("daddr");
    public static readonly JsonName SourcePort = new("sport");
    public static readonly JsonName DestinationPort = new("dport");
    public static readonly JsonName Sequence = new("seq");
    public static readonly JsonName Acknowledgment = new("ack");
    public static readonly JsonName TcpFlags = new("tcp_flags");
    public static readonly JsonName IcmpType = new("icmp_type");
    public static readonly JsonName IcmpCode = new("icmp_code");
    public static readonly JsonName IcmpId = new("icmp_id");
    public static readonly JsonName IcmpSequence = new("icmp_seq");
    public static readonly JsonName IpLength = new("len");
    public static readonly JsonName Text = new("text");

    // netfilter
    public static readonly JsonName Family = new("pf");
    public static readonly JsonName Hook = new("hook");
    public static readonly JsonName Table = new("table");
    public static readonly JsonName Chain = new("chain");
    public static readonly JsonName Verdict = new("verdict");

    // the skb tracer's own fields
    public static readonly JsonName Mark = new("mark");
    public static readonly JsonName LatencyNs = new("latency_ns");
    public static readonly JsonName LatencyFrom = new("latency_from");
    public static readonly JsonName LatencyTo = new("latency_to");
}
