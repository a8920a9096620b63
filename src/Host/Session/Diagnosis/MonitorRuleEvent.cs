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
        // rtt and srtt are milliseconds in rules; the events carry microseconds.
        var raw = ev.Get(field switch { "rtt" => "rtt_us", "srtt" => "srtt_us", _ => field });
        if (!raw.IsUnsigned && !raw.IsSigned)
        {
            value = 0;
            return false;
        }
        value = raw.ToInt64();
        if (field is "rtt" or "srtt")
            value /= 1000;
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
            _ => ev.Get(field).Text,
        } ?? "";
        return value.Length > 0;
    }

    private string? Location() =>
        ev.Get("location") is { Kind: FieldKind.UInt64, Unsigned: not 0 and var at } ? context.Symbolize(at) : null;
}
