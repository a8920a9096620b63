using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Session.Lifecycle;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host.Sinks.Lifecycle;

/// <summary>
/// --basic mode: every hit printed as it arrives, with no grouping into lifecycles.
/// </summary>
internal sealed class BasicWriter
{
    private readonly SkbLineFormatter _formatter;
    private readonly int _maxRemembered;
    private readonly IEventTap? _tap;
    private readonly bool _text;

    // Under --pkt-fixed only an skb's first hit carries the packet; remember it per live skb.
    private readonly Dictionary<ulong, PacketInfo> _packets = [];

    /// <param name="maxRemembered">Live skbs whose packet is kept for --pkt-fixed; bounds the memory a missed free costs.</param>
    public BasicWriter(TextWriter output, EventClock clock, bool detail, bool showReturn, IRenderContext context,
        int maxRemembered = LifecycleAssembler.DefaultMaxOpen, IEventTap? tap = null, bool text = true)
    {
        _tap = tap;
        _text = text;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRemembered, 1);
        _formatter = new SkbLineFormatter(output, clock, detail, showReturn, context);
        _maxRemembered = maxRemembered;
    }

    public void Write(SkbTraceEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ulong skb = ev.Meta.Skb;
        PacketInfo? packet = ev.Packet;
        if (packet is null)
            _packets.TryGetValue(skb, out packet);

        if (_text)
            _formatter.Write(ev, packet);
        _tap?.Event(ev, ev.Group, ev.Point, null, null);

        if (ev.IsFree)
        {
            _packets.Remove(skb);
        }
        else if (packet is not null)
        {
            // Forgetting everything is crude but only happens when frees go missing en masse.
            if (_packets.Count >= _maxRemembered && !_packets.ContainsKey(skb))
                _packets.Clear();
            _packets[skb] = packet;
        }
        if (ev.Clone is { } clone && packet is not null && _packets.Count < _maxRemembered)
            _packets[clone] = packet;
    }
}
