using System.Text;
using System.Text.Json;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Netfilter;
using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Engine;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host.Sinks.Json;

/// <summary>
/// --json: one JSON object per line for each event and each --diag finding (docs/json.md). Each line is written
/// property by property as UTF-8 (<see cref="JsonLineWriter"/>) into one buffer kept for the session, names encoded
/// once (<see cref="JsonNames"/>), absent values left out: no object or string per event for what the event holds.
/// </summary>
internal sealed class JsonLines : IEventTap
{
    /// <summary>Fields the event object already carries in its own members.</summary>
    private static readonly HashSet<string> Promoted = ["reason", "location", "ret", "group", "point", "stack_id", "free", "clone", "trace"];

    private readonly TextWriter _output;
    private readonly EventClock _clock;
    private readonly Func<string, IRenderContext> _contextOf;
    private readonly JsonLineWriter _json = new();
    private readonly JsonPacketWriter _packet = new();
    private readonly JsonFieldsWriter _fields = new();
    private char[] _chars = new char[2048];

    public JsonLines(TextWriter output, EventClock clock, Func<string, IRenderContext> contextOf)
    {
        _output = output;
        _clock = clock;
        _contextOf = contextOf;
    }

    public void Event(ITraceEvent ev, string group, string? function, string? context, IReadOnlyList<string>? messages)
    {
        var renderContext = _contextOf(group);
        Begin(ev, JsonNames.Event, group, function, context);
        if (ev is SkbTraceEvent skb)
        {
            WriteSkb(skb, renderContext);
            WriteMessages(messages);
            WriteSkbFields(skb);
        }
        else
        {
            _fields.Read(ev);
            WriteDrop(renderContext);
            WriteMessages(messages);
            _fields.Write(_json, Promoted);
        }
        End();
    }

    public void Finding(SkbTraceEvent ev, string level, string message, string? advice, string? context)
    {
        Begin(ev, JsonNames.Finding, ev.Group, ev.Point, context);
        WriteSkb(ev, _contextOf(ev.Group));
        _json.String(JsonNames.Level, level);
        _json.String(JsonNames.Message, message);
        if (advice is not null)
            _json.String(JsonNames.Advice, advice);
        End();
    }

    public void Flush() => _output.Flush();

    /// <summary>The line's common head, from "v" to "packet".</summary>
    private void Begin(ITraceEvent ev, JsonEncodedText type, string group, string? function, string? context)
    {
        _json.Reset();
        var meta = ev.Meta;
        _json.StartObject();
        _json.Number(JsonNames.Version, (long)JsonSchema.Version);
        _json.String(JsonNames.Type, type);
        Span<char> text = stackalloc char[EventClock.MaxLength];
        _json.String(JsonNames.Time, text[.._clock.Write(text, meta.Timestamp)]);
        _json.Number(JsonNames.TimeNs, meta.Timestamp);
        if (function is not null)
            _json.String(JsonNames.Function, function);
        _json.String(JsonNames.Trace, ev.Trace);
        _json.String(JsonNames.Group, group);
        if (meta.Skb != 0)
            _json.HexString(JsonNames.Skb, meta.Skb);
        if (context is not null)
            _json.String(JsonNames.Context, context);
        _json.Number(JsonNames.Cpu, meta.Cpu);
        _json.Number(JsonNames.Pid, meta.Pid);
        if (meta.CommText is { Length: > 0 } comm)
            _json.String(JsonNames.Comm, comm);
        _json.Number(JsonNames.Netns, meta.Netns);
        if (meta.IfNameText is { Length: > 0 } name)
            _json.String(JsonNames.IfName, name);
        if (ev.Packet is { } packet)
            _packet.Write(_json, packet);
    }

    /// <summary>The line's bytes, to the session's output as they are, or as text for another writer.</summary>
    private void End()
    {
        _json.EndObject();
        var bytes = _json.Written;
        if (_output is Utf8Output utf8)
        {
            utf8.WriteUtf8Line(bytes);
            return;
        }
        if (_chars.Length < Encoding.UTF8.GetMaxCharCount(bytes.Length))
            _chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        int n = Encoding.UTF8.GetChars(bytes, _chars);
        _output.Write(_chars, 0, n);
        _output.WriteLine();
    }

    private void WriteSkb(SkbTraceEvent skb, IRenderContext context)
    {
        if (skb.Return is { } ret)
            _json.Number(JsonNames.Ret, ret);
        if (SkbRuleEvent.Reason(skb, context) is { } reason)
            _json.String(JsonNames.Reason, reason);
        if (SkbRuleEvent.Location(skb, context) is { } location)
            _json.String(JsonNames.Location, location);
        if (skb.Extra is { Kind: not SkbExtraKind.None } x)
            WriteNetfilter(skb, x);
        if (skb.Return is { } verdictRet && BpfVerdicts.Name(skb.Group, skb.Trace, verdictRet) is { } verdict)
        {
            _json.StartObject(JsonNames.BpfProgram);
            _json.String(JsonNames.Name, BpfVerdicts.Program(skb.Trace));
            _json.Number(JsonNames.Id, (long)skb.Aux0);
            _json.String(JsonNames.Hook, BpfVerdicts.Hook(skb.Trace));
            _json.String(JsonNames.Verdict, verdict);
            _json.EndObject();
        }
    }

    private void WriteNetfilter(SkbTraceEvent ev, SkbExtraRecord x)
    {
        _json.StartObject(JsonNames.Netfilter);
        WriteIfSet(JsonNames.Family, NetfilterNames.Family(x.Pf));
        WriteIfSet(JsonNames.Hook, NetfilterNames.Hook(x.Pf, x.Hook));
        if (x.Kind != SkbExtraKind.NetfilterHook)
            WriteIfSet(JsonNames.Table, x.Table);
        WriteIfSet(JsonNames.Chain, x.Kind switch
        {
            SkbExtraKind.NetfilterChain => x.Chain,
            SkbExtraKind.NetfilterTable => NetfilterNames.BuiltinChain(x.Hook),
            _ => null,
        });
        if (ev.Return is { } ret)
            WriteIfSet(JsonNames.Verdict, NetfilterNames.Verdict(ev.Trace, ret));
        _json.EndObject();
    }

    /// <summary>The drop plugin's reason code and location address, named.</summary>
    private void WriteDrop(IRenderContext context)
    {
        var reason = _fields.Find("reason");
        var location = _fields.Find("location");
        if (reason.IsNone || location.IsNone)
            return;
        if (context.HasDropReasons)
            _json.String(JsonNames.Reason, context.DropReasonName((uint)reason.ToUInt64()));
        _json.String(JsonNames.Location, context.Symbolize(location.ToUInt64()));
    }

    private void WriteMessages(IReadOnlyList<string>? messages)
    {
        if (messages is not { Count: > 0 })
            return;
        _json.StartArray(JsonNames.Messages);
        for (int i = 0; i < messages.Count; i++)
            _json.StringValue(messages[i]);
        _json.EndArray();
    }

    /// <summary>What <see cref="SkbTraceEvent.Fields"/> holds beyond the promoted members, read without boxing.</summary>
    private void WriteSkbFields(SkbTraceEvent skb)
    {
        uint mark = skb.Mark ?? 0;
        var traces = skb.LatencyTraces;
        if (mark == 0 && skb.LatencyNs is null && traces is null)
            return;
        _json.StartObject(JsonNames.Fields);
        if (mark != 0)
            _json.Number(JsonNames.Mark, mark);
        if (skb.LatencyNs is { } latency)
            _json.Number(JsonNames.LatencyNs, latency);
        if (traces is { } span)
        {
            WriteIfSet(JsonNames.LatencyFrom, span.First);
            WriteIfSet(JsonNames.LatencyTo, span.Last);
        }
        _json.EndObject();
    }

    private void WriteIfSet(JsonName name, string? value)
    {
        if (value is not null)
            _json.String(name, value);
    }
}
