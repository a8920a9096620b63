using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Metrics;
using NetTrace.Abstractions.Packets;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Errors;
using NetTrace.Host.Sinks.Metrics;
using NetTrace.Tests.Unit.Plugins;
using Prometheus;

namespace NetTrace.Tests.Unit.Metrics;

/// <summary>A group's declared metrics: created in the registry, counted by its observer, and kept to their declaration.</summary>
public sealed class DeclaredMetricsTests
{
    private sealed class Hit(string trace, int queued) : ITraceEvent
    {
        public string Trace => trace;
        public PacketMeta Meta => default;
        public PacketInfo? Packet => null;
        public IReadOnlyList<KeyValuePair<string, object?>> Fields => [new("queued", queued)];
    }

    private sealed class NoKernel : IRenderContext
    {
        public bool HasDropReasons => false;
        public string Symbolize(ulong address) => "";
        public string DropReasonName(uint reason) => "";
        public IReadOnlyList<ulong> Stack(int stackId) => [];
    }

    private static readonly MetricSpec[] Declared =
    [
        MetricSpec.Counter("acme_hits_total", "Hits by trace.", "trace"),
        MetricSpec.Gauge("acme_queued_bytes", "Bytes queued at the last hit."),
        MetricSpec.Histogram("acme_queued_seconds", "Made-up latencies.", [0.5, 1]),
    ];

    private static TraceGroup Acme(MetricObserver observe) =>
        FakeGroups.Own("acme", 0x4141, "acme_a") with { Metrics = new GroupMetrics(Declared, observe) };

    private static async Task<string> Exposition(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task Record_GroupObserver_CountsIntoItsDeclaredMetrics()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new MonitorMetrics(registry, [Acme((ev, _, sink) =>
        {
            int queued = (int)ev.Fields.Find("queued")!;
            sink.Increment("acme_hits_total", ev.Trace);
            sink.Set("acme_queued_bytes", queued);
            sink.Observe("acme_queued_seconds", queued / 1000.0);
        })]);

        metrics.Record("acme", new Hit("acme_a", 700), new NoKernel());
        metrics.Record("acme", new Hit("acme_a", 300), new NoKernel());
        metrics.Record("other", new Hit("other_a", 1), new NoKernel());

        string text = await Exposition(registry);
        Assert.Contains("# HELP acme_hits_total Hits by trace.", text);
        Assert.Contains("acme_hits_total{trace=\"acme_a\"} 2", text);
        Assert.Contains("acme_queued_bytes 300", text);
        Assert.Contains("acme_queued_seconds_bucket{le=\"0.5\"} 1", text);
        Assert.Contains("acme_queued_seconds_bucket{le=\"1\"} 2", text);
        Assert.Contains("nettrace_events_total{group=\"acme\"} 2", text);
        Assert.Contains("nettrace_events_total{group=\"other\"} 1", text);
    }

    [Theory]
    [InlineData("acme_undeclared_total")]
    [InlineData("acme_queued_bytes")] // a gauge, not a counter
    public void Record_CountIntoAMetricNotDeclaredAsACounter_Throws(string metric)
    {
        var metrics = new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry(), [Acme((ev, _, sink) => sink.Increment(metric))]);

        var e = Assert.Throws<ArgumentException>(() => metrics.Record("acme", new Hit("acme_a", 1), new NoKernel()));

        Assert.Contains($"'{metric}'", e.Message);
    }

    [Fact]
    public void New_GroupDeclaringNettracesOwnMetric_Refused()
    {
        var group = FakeGroups.Own("acme", 0x4141, "acme_a") with
        {
            Metrics = new GroupMetrics([MetricSpec.Counter("nettrace_events_total", "mine", "group")], (_, _, _) => { }),
        };

        var e = Assert.Throws<UsageException>(() => new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry(), [group]));

        Assert.Equal("trace group 'acme' declares the metric 'nettrace_events_total', which is nettrace's own", e.Message);
    }

    [Fact]
    public void New_NameInvalidForPrometheus_Refused()
    {
        var group = FakeGroups.Own("acme", 0x4141, "acme_a") with
        {
            Metrics = new GroupMetrics([MetricSpec.Counter("acme-hits", "dash")], (_, _, _) => { }),
        };

        var e = Assert.Throws<UsageException>(() => new MonitorMetrics(Prometheus.Metrics.NewCustomRegistry(), [group]));

        Assert.StartsWith("trace group 'acme' declares the metric 'acme-hits', which Prometheus refuses: ", e.Message);
    }
}
