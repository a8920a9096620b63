using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rendering;
using NetTrace.Abstractions.Rules;
using NetTrace.Host.Engine.Packets;

namespace NetTrace.Host.Session.Diagnosis;

/// <summary>
/// A plugin group's event (a drop, a socket event) as rules see it (--arm-on, the socket lines' markers): the rule fields the
/// event can give (as its group reads them, then location, state, rtt, flags, ifname), else its own fields by name.
/// </summary>
internal sealed class MonitorRuleEvent(ITraceEvent ev, TraceGroup group, IRenderContext context) : IRuleEvent
{
    public string Trace => ev.Trace;

    public string Group => group.Name;

    public bool TryGetNumber(string field, out long value)
    {
        value = 0;
        object? raw = field switch
        {
            "rtt" => Field("rtt_us") is { } rtt ? Convert.ToInt64(rtt) / 1000 : null,
            "srtt" => Field("srtt_us") is { } srtt ? Convert.ToInt64(srtt) / 1000 : null,
            _ => Field(field),
        };
        if (raw is not (byte or sbyte or short or ushort or int or uint or long or ulong))
            return false;
        value = Convert.ToInt64(raw);
        return true;
    }

    public bool TryGetText(string field, out string value)
    {
        value = group.RuleText?.Invoke(ev, field, context) ?? field switch
        {
            "location" => Location(),
            "location_func" => Location()?.Split('+')[0],
            "flags" => ev.Packet is { L4Protocol: IpProtocols.Tcp } p ? PacketFormatter.TcpFlagLetters(p.TcpFlags) : null,
            "ifname" => ev.Meta.IfNameText is { Length: > 0 } name ? name : null,
            _ => Field(field) as string,
        } ?? "";
        return value.Length > 0;
    }

    private string? Location() => Field("location") is ulong at && at != 0 ? context.Symbolize(at) : null;

    // Events build their field list on each read: read it once per rule event.
    private IReadOnlyList<KeyValuePair<string, object?>>? _fields;

    private object? Field(string name)
    {
        foreach (var (key, value) in _fields ??= ev.Fields)
        {
            if (key == name)
                return value;
        }
        return null;
    }
}
