using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace NetTrace.Host.Json;

/// <summary>
/// One line of --json output (schema version <see cref="JsonSchema.Version"/>, docs/json.md): an event, or a
/// finding of --diag. Absent values are left out rather than written as null.
/// </summary>
internal sealed record JsonEvent
{
    [JsonPropertyName("v")] public int Version { get; init; } = JsonSchema.Version;
    [JsonPropertyName("type")] public string Type { get; init; } = "event";
    [JsonPropertyName("time")] public string? Time { get; init; }
    [JsonPropertyName("time_ns")] public ulong TimeNs { get; init; }
    [JsonPropertyName("function")] public string? Function { get; init; }
    [JsonPropertyName("trace")] public string? Trace { get; init; }
    [JsonPropertyName("group")] public string? Group { get; init; }
    [JsonPropertyName("skb")] public string? Skb { get; init; }
    [JsonPropertyName("context")] public string? Context { get; init; }
    [JsonPropertyName("cpu")] public uint Cpu { get; init; }
    [JsonPropertyName("pid")] public uint Pid { get; init; }
    [JsonPropertyName("comm")] public string? Comm { get; init; }
    [JsonPropertyName("netns")] public uint Netns { get; init; }
    [JsonPropertyName("ifname")] public string? IfName { get; init; }
    [JsonPropertyName("packet")] public JsonPacket? Packet { get; init; }
    [JsonPropertyName("ret")] public long? Ret { get; init; }
    [JsonPropertyName("reason")] public string? Reason { get; init; }
    [JsonPropertyName("location")] public string? Location { get; init; }
    [JsonPropertyName("netfilter")] public JsonNetfilter? Netfilter { get; init; }
    [JsonPropertyName("messages")] public IReadOnlyList<string>? Messages { get; init; }
    [JsonPropertyName("level")] public string? Level { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("advice")] public string? Advice { get; init; }
    [JsonPropertyName("fields")] public JsonObject? Fields { get; init; }
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
