using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Output;

namespace NetTrace.Host.Lifecycle;

/// <summary>
/// --basic mode: every hit printed as it arrives, with no grouping into lifecycles.
/// </summary>
internal sealed class BasicWriter
{
    private readonly SkbLineFormatter _formatter;
    private readonly int _maxRemembered;

    // Under --pkt-fixed only an skb's first hit carries the packet; remember it per live skb.
    private readonly Dictionary<ulong, PacketInfo> _packets = [];

    /// <param name="maxRemembered">Live skbs whose packet is kept for --pkt-fixed; bounds the memory a missed free costs.</param>
    public BasicWriter(TextWriter output, EventClock clock, bool detail, bool showReturn, IRenderContext context,
        int maxRemembered = LifecycleAssembler.DefaultMaxOpen)
    {
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

        _formatter.Write(ev, packet);

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
