using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Sinks.Metrics;
using NetTrace.Tests.Unit.Incidents;
using Prometheus;

namespace NetTrace.Tests.Unit.Metrics;

/// <summary>The counters --metrics exposes, fed with events as the plugins decode them (through their fields).</summary>
public sealed class MonitorMetricsTests
{
    private sealed class FieldEvent(string trace, params (string Key, object? Value)[] fields) : ITraceEvent
    {
        public string Trace => trace;
        public PacketMeta Meta => default;
        public PacketInfo? Packet => null;
        public IReadOnlyList<KeyValuePair<string, object?>> Fields { get; } = [.. fields.Select(f => new KeyValuePair<string, object?>(f.Key, f.Value))];
    }

    private sealed class Kernel : IRenderContext
    {
        public bool HasDropReasons => true;
        public string Symbolize(ulong address) => address == 0x10 ? "tcp_v4_rcv+0x81" : "nft_do_chain+0x40f";
        public string DropReasonName(uint reason) => reason == 2 ? "NO_SOCKET" : "NETFILTER_DROP";
        public IReadOnlyList<ulong> Stack(int stackId) => [];
        public string? EnumName(string enumType, long value) => enumType == "sk_rst_reason" && value == 2 ? "SK_RST_REASON_NO_SOCKET" : null;
    }

    private static async Task<string> Exposition(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task Record_DropsResetsRetransmitsRtt_CountedWithTheirLabels()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new MonitorMetrics(registry, BuiltInPlugins.Catalog().Groups);
        var kernel = new Kernel();

        metrics.Record("drop", new FieldEvent("kfree_skb", ("location", 0x10UL), ("reason", 2u)), kernel);
        metrics.Record("drop", new FieldEvent("kfree_skb", ("location", 0x10UL), ("reason", 2u)), kernel);
        metrics.Record("drop", new FieldEvent("kfree_skb", ("location", 0x20UL), ("reason", 7u)), kernel);
        metrics.Record("sock", new FieldEvent("tcp_send_reset", ("reset_reason", 2u)), kernel);
        metrics.Record("sock", new FieldEvent("tcp_receive_reset"), kernel);
        metrics.Record("sock", new FieldEvent("tcp_retransmit_skb"), kernel);
        metrics.Record("sock", new FieldEvent("tcp_ack_update_rtt", ("rtt_us", 60_000u), ("rtt_measured", true)), kernel);
        metrics.Attached("sock", "tcp_retransmit_timer", false);
        metrics.Lost(5);

        string text = await Exposition(registry);
        Assert.Contains("nettrace_drops_total{reason=\"NO_SOCKET\",location=\"tcp_v4_rcv\"} 2", text);
        Assert.Contains("nettrace_drops_total{reason=\"NETFILTER_DROP\",location=\"nft_do_chain\"} 1", text);
        Assert.Contains("nettrace_tcp_resets_total{direction=\"sent\",reason=\"NO_SOCKET\"} 1", text);
        Assert.Contains("nettrace_tcp_resets_total{direction=\"received\",reason=\"\"} 1", text);
        Assert.Contains("nettrace_tcp_retransmits_total{trace=\"tcp_retransmit_skb\"} 1", text);
        Assert.Contains("nettrace_tcp_rtt_seconds_bucket{le=\"0.064\"} 1", text);
        Assert.Contains("nettrace_tcp_rtt_seconds_bucket{le=\"0.032\"} 0", text);
        Assert.Contains("nettrace_events_total{group=\"drop\"} 3", text);
        Assert.Contains("nettrace_lost_events 5", text);
        Assert.Contains("nettrace_trace_attached{group=\"sock\",trace=\"tcp_retransmit_timer\"} 0", text);
    }
}
