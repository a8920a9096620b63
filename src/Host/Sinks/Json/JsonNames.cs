using System.Text.Json;

namespace NetTrace.Host.Sinks.Json;

/// <summary>The --json property names (docs/json.md), encoded once instead of once per line.</summary>
internal static class JsonNames
{
    public static readonly JsonEncodedText Version = JsonEncodedText.Encode("v");
    public static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    public static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    public static readonly JsonEncodedText TimeNs = JsonEncodedText.Encode("time_ns");
    public static readonly JsonEncodedText Function = JsonEncodedText.Encode("function");
    public static readonly JsonEncodedText Trace = JsonEncodedText.Encode("trace");
    public static readonly JsonEncodedText Group = JsonEncodedText.Encode("group");
    public static readonly JsonEncodedText Skb = JsonEncodedText.Encode("skb");
    public static readonly JsonEncodedText Context = JsonEncodedText.Encode("context");
    public static readonly JsonEncodedText Cpu = JsonEncodedText.Encode("cpu");
    public static readonly JsonEncodedText Pid = JsonEncodedText.Encode("pid");
    public static readonly JsonEncodedText Comm = JsonEncodedText.Encode("comm");
    public static readonly JsonEncodedText Netns = JsonEncodedText.Encode("netns");
    public static readonly JsonEncodedText IfName = JsonEncodedText.Encode("ifname");
    public static readonly JsonEncodedText Packet = JsonEncodedText.Encode("packet");
    public static readonly JsonEncodedText Ret = JsonEncodedText.Encode("ret");
    public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    public static readonly JsonEncodedText Location = JsonEncodedText.Encode("location");
    public static readonly JsonEncodedText Netfilter = JsonEncodedText.Encode("netfilter");
    public static readonly JsonEncodedText Messages = JsonEncodedText.Encode("messages");
    public static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
    public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    public static readonly JsonEncodedText Advice = JsonEncodedText.Encode("advice");
    public static readonly JsonEncodedText Fields = JsonEncodedText.Encode("fields");

    public static readonly JsonEncodedText Event = JsonEncodedText.Encode("event");
    public static readonly JsonEncodedText Finding = JsonEncodedText.Encode("finding");

    // packet
    public static readonly JsonEncodedText Protocol = JsonEncodedText.Encode("proto");
    public static readonly JsonEncodedText Source = JsonEncodedText.Encode("saddr");
    public static readonly JsonEncodedText Destination = JsonEncodedText.Encode("daddr");
    public static readonly JsonEncodedText SourcePort = JsonEncodedText.Encode("sport");
    public static readonly JsonEncodedText DestinationPort = JsonEncodedText.Encode("dport");
    public static readonly JsonEncodedText Sequence = JsonEncodedText.Encode("seq");
    public static readonly JsonEncodedText Acknowledgment = JsonEncodedText.Encode("ack");
    public static readonly JsonEncodedText TcpFlags = JsonEncodedText.Encode("tcp_flags");
    public static readonly JsonEncodedText IcmpType = JsonEncodedText.Encode("icmp_type");
    public static readonly JsonEncodedText IcmpCode = JsonEncodedText.Encode("icmp_code");
    public static readonly JsonEncodedText IcmpId = JsonEncodedText.Encode("icmp_id");
    public static readonly JsonEncodedText IcmpSequence = JsonEncodedText.Encode("icmp_seq");
    public static readonly JsonEncodedText IpLength = JsonEncodedText.Encode("len");
    public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");

    // netfilter
    public static readonly JsonEncodedText Family = JsonEncodedText.Encode("pf");
    public static readonly JsonEncodedText Hook = JsonEncodedText.Encode("hook");
    public static readonly JsonEncodedText Table = JsonEncodedText.Encode("table");
    public static readonly JsonEncodedText Chain = JsonEncodedText.Encode("chain");
    public static readonly JsonEncodedText Verdict = JsonEncodedText.Encode("verdict");

    // the skb tracer's own fields
    public static readonly JsonEncodedText Mark = JsonEncodedText.Encode("mark");
    public static readonly JsonEncodedText LatencyNs = JsonEncodedText.Encode("latency_ns");
    public static readonly JsonEncodedText LatencyFrom = JsonEncodedText.Encode("latency_from");
    public static readonly JsonEncodedText LatencyTo = JsonEncodedText.Encode("latency_to");
}
