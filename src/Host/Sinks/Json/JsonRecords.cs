using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NetTrace.Host.Sinks.Json;

/// <summary>
/// One line of --json output (schema version <see cref="JsonSchema.Version"/>, docs/json.md): an event, or a
/// finding of --diag. Absent values are left out rather than written as null. Filled in place (a class, not a
/// record copied with `with`): one object per event.
/// </summary>
internal sealed class JsonEvent
{
    [JsonPropertyName("v")] public int Version { get; set; } = JsonSchema.Version;
    [JsonPropertyName("type")] public string Type { get; set; } = "event";
    [JsonPropertyName("time")] public string? Time { get; set; }
    [JsonPropertyName("time_ns")] public ulong TimeNs { get; set; }
    [JsonPropertyName("function")] public string? Function { get; set; }
    [JsonPropertyName("trace")] public string? Trace { get; set; }
    [JsonPropertyName("group")] public string? Group { get; set; }
    [JsonPropertyName("skb")] public string? Skb { get; set; }
    [JsonPropertyName("context")] public string? Context { get; set; }
    [JsonPropertyName("cpu")] public uint Cpu { get; set; }
    [JsonPropertyName("pid")] public uint Pid { get; set; }
    [JsonPropertyName("comm")] public string? Comm { get; set; }
    [JsonPropertyName("netns")] public uint Netns { get; set; }
    [JsonPropertyName("ifname")] public string? IfName { get; set; }
    [JsonPropertyName("packet")] public JsonPacket? Packet { get; set; }
    [JsonPropertyName("ret")] public long? Ret { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
    [JsonPropertyName("location")] public string? Location { get; set; }
    [JsonPropertyName("netfilter")] public JsonNetfilter? Netfilter { get; set; }
    [JsonPropertyName("messages")] public IReadOnlyList<string>? Messages { get; set; }
    [JsonPropertyName("level")] public string? Level { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("advice")] public string? Advice { get; set; }
    [JsonPropertyName("fields")] public JsonObject? Fields { get; set; }
}

/// <summary>The decoded packet headers.</summary>
internal sealed record JsonPacket
{
    [JsonPropertyName("proto")] public string? Protocol { get; init; }
    [JsonPropertyName("saddr")] public string? Source { get; init; }
    [JsonPropertyName("daddr")] public string? Destination { get; init; }
    [JsonPropertyName("sport")] public ushort? SourcePort { get; init; }
    [JsonPropertyName("dport")] public ushort? DestinationPort { get; init; }
    [JsonPropertyName("seq")] public uint? Sequence { get; init; }
    [JsonPropertyName("ack")] public uint? Acknowledgment { get; init; }
    [JsonPropertyName("tcp_flags")] public string? TcpFlags { get; init; }
    [JsonPropertyName("icmp_type")] public byte? IcmpType { get; init; }
    [JsonPropertyName("icmp_code")] public byte? IcmpCode { get; init; }
    [JsonPropertyName("icmp_id")] public ushort? IcmpId { get; init; }
    [JsonPropertyName("icmp_seq")] public ushort? IcmpSequence { get; init; }
    [JsonPropertyName("len")] public int? IpLength { get; init; }
    [JsonPropertyName("text")] public string? Text { get; init; }
}

/// <summary>What the netfilter plugin read at the hook.</summary>
internal sealed record JsonNetfilter
{
    [JsonPropertyName("pf")] public string? Family { get; init; }
    [JsonPropertyName("hook")] public string? Hook { get; init; }
    [JsonPropertyName("table")] public string? Table { get; init; }
    [JsonPropertyName("chain")] public string? Chain { get; init; }
    [JsonPropertyName("verdict")] public string? Verdict { get; init; }
}

/// <summary>The version of the --json schema; raised on any incompatible change.</summary>
internal static class JsonSchema
{
    public const int Version = 1;
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(JsonEvent))]
internal sealed partial class JsonContext : JsonSerializerContext;
