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
/// <c>[ts] [__kfree_skb         ][__netif_receive_skb_core -> tcp_queue_rcv] TCP: ... latency: 1.017ms</c>.
/// </summary>
internal sealed class LatencyEventsMode(TextWriter output, EventClock clock, IReadOnlyDictionary<ushort, string> names, long? limit) : ISessionMode
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
        _line.Clear();
        Format(_line, hit, latency, clock, names);
        output.WriteLine(_line);
        _printed++;
    }

    public static void Format(StringBuilder line, SkbTraceEvent hit, ulong latencyNs, EventClock clock, IReadOnlyDictionary<ushort, string> names)
    {
        string Name(ushort id) => names.TryGetValue(id, out string? n) ? n : $"#{id}";
        string range = $"{Name(hit.LatencySpan.First)} -> {Name(hit.LatencySpan.Last)}";
        line.Append('[').Append(clock.Format(hit.Meta.Timestamp)).Append("] ")
            .Append(CultureInfo.InvariantCulture, $"[{hit.Point,-20}][{range,-36}] ");
        if (hit.Packet is { } packet)
            PacketFormatter.Append(line, packet);
        LatencyShow.Append(line.Append(" latency: "), latencyNs).Append("ms");
    }

    public void Tick() => output.Flush();

    public void Finish() => output.Flush();
}

/// <summary>
/// --latency-summary: the kernel's log2 histogram of latencies in microseconds, printed as upstream prints it,
/// "latency distribution:" and the total, then one line per bucket with its count and share, up to the last
/// bucket with a count (at least the first nine). Unlike upstream's, the buckets go on past 65535 µs.
/// </summary>
internal static class LatencyHistogramText
{
    public static void Write(TextWriter output, IReadOnlyList<ulong> buckets)
    {
        ulong total = buckets.Aggregate(0UL, (sum, n) => sum + n);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"latency distribution:",-34}{total}"));
        int last = Math.Max(8, buckets.Count - 1 - buckets.Reverse().TakeWhile(n => n == 0).Count());
        for (int i = 0; i <= last && i < buckets.Count; i++)
        {
            ulong start = 1UL << i;
            string label = string.Create(CultureInfo.InvariantCulture, $"{(start == 1 ? 0 : start)} - {(start << 1) - 1,5}us");
            ulong n = buckets[i];
            ulong whole = total == 0 ? 0 : n / total, part = total == 0 ? 0 : n % total * 10000 / total;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,32}: {n,-8} {whole}.{part:D4}"));
        }
        output.Flush();
    }
}
