using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Netfilter;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Engine.Packets;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host.Sinks.Json;

/// <summary>
/// --json: one JSON object per line for each event and each --diag finding (docs/json.md), serialised with
/// System.Text.Json's source-generated context (no reflection).
/// </summary>
internal sealed class JsonLines(TextWriter output, EventClock clock, Func<string, IRenderContext> contextOf) : IEventTap
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Fields the event object already carries in its own members.</summary>
    private static readonly HashSet<string> Promoted = ["reason", "location", "ret", "group", "point", "stack_id", "free", "clone", "trace"];

    public void Event(ITraceEvent ev, string group, string? function, string? context, IReadOnlyList<string>? messages)
    {
        var renderContext = contextOf(group);
        var json = Base(ev, group, function, context);
        json.Messages = messages is { Count: > 0 } ? messages : null;
        var fields = ev.Fields; // a plugin may build the list on each read: once per event
        json.Fields = Fields(fields);
        if (ev is SkbTraceEvent skb)
            WithSkb(json, skb, renderContext);
        else
            WithDrop(json, fields, renderContext);
        Write(json);
    }

    public void Finding(SkbTraceEvent ev, string level, string message, string? advice, string? context)
    {
        var json = Base(ev, ev.Group, ev.Point, context);
        json.Type = "finding";
        json.Level = level;
        json.Message = message;
        json.Advice = advice;
        WithSkb(json, ev, contextOf(ev.Group));
        Write(json);
    }

    public void Flush() => output.Flush();

    /// <summary>The source-generated context with relaxed escaping: "->" and "+0x81" stay readable for jq and people.</summary>
    private static readonly JsonContext Serializer = new(new JsonSerializerOptions
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    });

    // One serialisation buffer, writer and char buffer for the whole session: no per-event string.
    private readonly ArrayBufferWriter<byte> _utf8 = new(2048);
    private Utf8JsonWriter? _writer;
    private char[] _chars = new char[2048];

    private void Write(JsonEvent json)
    {
        _utf8.ResetWrittenCount();
        if (_writer is null)
            _writer = new Utf8JsonWriter(_utf8, new JsonWriterOptions { Encoder = Serializer.Options.Encoder, SkipValidation = true });
        else
            _writer.Reset(_utf8);
        JsonSerializer.Serialize(_writer, json, Serializer.JsonEvent);
        _writer.Flush();
        var bytes = _utf8.WrittenSpan;
        if (_chars.Length < Encoding.UTF8.GetMaxCharCount(bytes.Length))
            _chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        int n = Encoding.UTF8.GetChars(bytes, _chars);
        output.Write(_chars, 0, n);
        output.WriteLine();
    }

    private static void WithSkb(JsonEvent json, SkbTraceEvent skb, IRenderContext context)
    {
        json.Ret = skb.Return;
        json.Reason = SkbRuleEvent.Reason(skb, context);
        json.Location = SkbRuleEvent.Location(skb, context);
        json.Netfilter = Netfilter(skb);
    }

    private JsonEvent Base(ITraceEvent ev, string group, string? function, string? context)
    {
        var meta = ev.Meta;
        return new JsonEvent
        {
            Time = clock.Format(meta.Timestamp),
            TimeNs = meta.Timestamp,
            Function = function,
            Trace = ev.Trace,
            Group = group,
            Skb = meta.Skb == 0 ? null : $"0x{meta.Skb:x}",
            Context = context,
            Cpu = meta.Cpu,
            Pid = meta.Pid,
            Comm = meta.CommText is { Length: > 0 } comm ? comm : null,
            Netns = meta.Netns,
            IfName = meta.IfNameText is { Length: > 0 } name ? name : null,
            Packet = ev.Packet is { } p ? Packet(p, _packetText) : null,
        };
    }

    /// <summary>The drop plugin's reason code and location address, named.</summary>
    private static void WithDrop(JsonEvent json, IReadOnlyList<KeyValuePair<string, object?>> fields, IRenderContext context)
    {
        object? reason = null, location = null;
        foreach (var (key, value) in fields)
        {
            if (key == "reason") reason = value;
            else if (key == "location") location = value;
        }
        if (reason is null || location is null)
            return;
        json.Reason = context.HasDropReasons ? context.DropReasonName((uint)Convert.ToUInt64(reason, Invariant)) : null;
        json.Location = context.Symbolize(Convert.ToUInt64(location, Invariant));
    }

    /// <summary>One builder for every packet's text: the session writes from one thread.</summary>
    private readonly StringBuilder _packetText = new(128);

    private static JsonPacket Packet(PacketInfo p, StringBuilder text)
    {
        text.Clear();
        PacketFormatter.Append(text, p);
        bool tcp = p.L4Protocol == IpProtocols.Tcp && p.HasL4Header;
        bool icmp = p.L4Protocol is IpProtocols.Icmp or IpProtocols.IcmpV6 && p.HasL4Header;
        return new JsonPacket
        {
            Protocol = ProtocolName(p),
            Source = p.SourceAddress?.ToString(),
            Destination = p.DestinationAddress?.ToString(),
            SourcePort = p.HasPorts ? p.SourcePort : null,
            DestinationPort = p.HasPorts ? p.DestinationPort : null,
            Sequence = tcp ? p.TcpSequence : null,
            Acknowledgment = tcp ? p.TcpAcknowledgment : null,
            TcpFlags = tcp ? PacketFormatter.TcpFlagLetters(p.TcpFlags) : null,
            IcmpType = icmp ? p.IcmpType : null,
            IcmpCode = icmp ? p.IcmpCode : null,
            IcmpId = icmp ? p.IcmpEchoId : null,
            IcmpSequence = icmp ? p.IcmpEchoSequence : null,
            IpLength = p.IsIP ? p.IpTotalLength : null,
            Text = text.ToString(),
        };
    }

    private static string ProtocolName(PacketInfo p) => p.L3Kind switch
    {
        L3Kind.IPv4 or L3Kind.IPv6 => p.L4Protocol switch
        {
            IpProtocols.Tcp => "TCP",
            IpProtocols.Udp => "UDP",
            IpProtocols.Icmp => "ICMP",
            IpProtocols.IcmpV6 => "ICMPv6",
            _ => p.L3Kind == L3Kind.IPv4 ? "IPv4" : "IPv6",
        },
        L3Kind.ARP => "ARP",
        _ => $"0x{p.EtherType:x4}",
    };

    private static JsonNetfilter? Netfilter(SkbTraceEvent ev) => ev.Extra is { Kind: not SkbExtraKind.None } x
        ? new JsonNetfilter
        {
            Family = NetfilterNames.Family(x.Pf),
            Hook = NetfilterNames.Hook(x.Pf, x.Hook),
            Table = x.Kind == SkbExtraKind.NetfilterHook ? null : x.Table,
            Chain = x.Kind switch
            {
                SkbExtraKind.NetfilterChain => x.Chain,
                SkbExtraKind.NetfilterTable => NetfilterNames.BuiltinChain(x.Hook),
                _ => null,
            },
            Verdict = ev.Return is { } ret ? NetfilterNames.Verdict(ev.Trace, ret) : null,
        }
        : null;

    /// <summary>The plugin's own fields (sock: state, rtt...), as JSON numbers, strings and booleans.</summary>
    private static JsonObject? Fields(IReadOnlyList<KeyValuePair<string, object?>> all)
    {
        JsonObject? fields = null;
        foreach (var (key, value) in all)
        {
            if (Promoted.Contains(key) || value is null)
                continue;
            JsonNode? node = value switch
            {
                string s => JsonValue.Create(s),
                bool b => JsonValue.Create(b),
                byte or ushort or uint or ulong => JsonValue.Create(Convert.ToUInt64(value, Invariant)),
                sbyte or short or int or long => JsonValue.Create(Convert.ToInt64(value, Invariant)),
                _ => JsonValue.Create(Convert.ToString(value, Invariant)),
            };
            (fields ??= [])[key] = node;
        }
        return fields;
    }
}
