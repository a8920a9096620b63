using System.Globalization;
using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine.Packets;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;

namespace NetTrace.Host.Modes.Live;

/// <summary>
/// --latency (upstream's mode): the kernel follows each matched skb and, at its free, sends one record when it
/// lived at least --min-latency; each prints as upstream prints it,
/// <c>[ts] [__kfree_skb         ][__netif_receive_skb_core -> tcp_queue_rcv] TCP: ... latency: 1.017ms</c>;
/// under --json, the tap writes it as an event with latency_ns, latency_from and latency_to.
/// </summary>
internal sealed class LatencyEventsMode(TextWriter output, EventClock clock, long? limit, IEventTap? json = null) : ISessionMode
{
    private readonly StringBuilder _line = new(256);
    private long _printed;

    public bool Done => _printed >= (limit ?? long.MaxValue);

    public string Counts => $", {_printed} packets";

    public string Notes => "";

    public void Add(TraceGroup group, ITraceEvent ev, ReadOnlySpan<byte> record)
    {
        if (Done || ev is not SkbTraceEvent { LatencyNs: { } latency } hit)
            return;
        _printed++;
        if (json is not null)
        {
            json.Event(hit, hit.Group, hit.Point, null, null);
            return;
        }
        _line.Clear();
        Format(_line, hit, latency, clock);
        output.WriteLine(_line);
    }

    public static void Format(StringBuilder line, SkbTraceEvent hit, ulong latencyNs, EventClock clock)
    {
        var (first, last) = hit.LatencyTraces ?? ($"#{hit.LatencySpan.First}", $"#{hit.LatencySpan.Last}");
        string range = $"{first} -> {last}";
        clock.Append(line.Append('['), hit.Meta.Timestamp).Append("] ")
            .Append(CultureInfo.InvariantCulture, $"[{hit.Point,-20}][{range,-36}] ");
        if (hit.Packet is { } packet)
            PacketFormatter.Append(line, packet);
        LatencyShow.Append(line.Append(" latency: "), latencyNs).Append("ms");
    }

    public void Tick() => Flush();

    /// <summary>Lines are written as records come; the flush after each poll needs no tick of its own.</summary>
    public int TickTimeoutMs() => -1;

    public void Finish() => Flush();

    private void Flush()
    {
        output.Flush();
        json?.Flush();
    }
}
