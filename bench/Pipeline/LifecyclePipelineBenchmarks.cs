using System.Text;
using BenchmarkDotNet.Attributes;
using NetTrace.Abstractions.Events;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Modes.Lifecycle;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;

namespace NetTrace.Bench.Pipeline;

/// <summary>
/// The default mode's user-space path on records a real `nettrace -p icmp --record` captured during a ping
/// flood: decode, assemble each skb's lifecycle, print it; and the same with every lifecycle diagnosed by the
/// shipped rules (--diag --diag-keep). Each operation is one record.
/// </summary>
[MemoryDiagnoser]
public class LifecyclePipelineBenchmarks
{
    public const int RecordsPerInvoke = 10_000;

    private ReplayFixture _fixture = null!;
    private EventDispatcher _dispatcher = null!;
    private SkbSink _lifecycle = null!;
    private SkbSink _diagnosed = null!;
    private TextWriter _sink = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = ReplayFixture.Load("lifecycle");
        _dispatcher = _fixture.Dispatcher();
        _sink = new StreamWriter(Stream.Null, new UTF8Encoding(false), 1 << 16); // the session's text stdout
        var clock = new EventClock(false);
        _lifecycle = SkbSink.Lifecycle(new LifecycleWriter(_sink, clock, false, false, _fixture.Context), null);
        string cache = Directory.CreateTempSubdirectory("nt-bench-rules").FullName;
        var rules = RuleBook.Load(_fixture.Plugins, new SessionOptions(), cache);
        var renderers = _fixture.Plugins.Groups.Where(g => g.Renderer is not null).ToDictionary(g => g.Name, g => g.Renderer!, StringComparer.Ordinal);
        var diagnoser = new Diagnoser(rules, _fixture.Context, renderers, quiet: false, keep: true, hooks: false);
        _diagnosed = SkbSink.Lifecycle(new LifecycleWriter(_sink, clock, false, false, _fixture.Context, diagnoser: diagnoser), null);
    }

    [Benchmark(OperationsPerInvoke = RecordsPerInvoke)]
    public void Lifecycle() => Replay(_lifecycle);

    [Benchmark(OperationsPerInvoke = RecordsPerInvoke)]
    public void LifecycleDiagnosed() => Replay(_diagnosed);

    private void Replay(SkbSink sink)
    {
        var records = _fixture.Records;
        for (int i = 0; i < RecordsPerInvoke; i++)
        {
            if (_next == records.Count)
                _next = 0;
            if (_dispatcher.Decode(records[_next++]) is { Event: SkbTraceEvent ev })
                sink.Add(ev);
        }
        sink.Tick();
        _sink.Flush();
    }
}
