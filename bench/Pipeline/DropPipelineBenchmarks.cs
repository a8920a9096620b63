using System.Text;
using BenchmarkDotNet.Attributes;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Json;
using NetTrace.Host.Sinks.Text;

namespace NetTrace.Bench.Pipeline;

/// <summary>
/// --drop's user-space path on records a real `nettrace --drop --record` captured: decode, then the text line
/// or the JSON object, written through a buffered writer to nowhere, then the event handed back as --drop's mode
/// does (<see cref="EventDispatcher.Release"/>). Each operation is one record.
/// </summary>
[MemoryDiagnoser]
public class DropPipelineBenchmarks
{
    public const int RecordsPerInvoke = 10_000;

    private ReplayFixture _fixture = null!;
    private EventDispatcher _dispatcher = null!;
    private TextEventWriter _text = null!;
    private JsonLines _json = null!;
    private TextWriter _sink = null!;
    private TextWriter _jsonSink = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = ReplayFixture.Load("drop");
        _dispatcher = _fixture.Dispatcher();
        _sink = new StreamWriter(Stream.Null, new UTF8Encoding(false), 1 << 16); // the session's text stdout
        _jsonSink = new Utf8Output(Stream.Null); // and its --json stdout
        var clock = new EventClock(false);
        _text = new TextEventWriter(_sink, clock, detail: false);
        _json = new JsonLines(_jsonSink, clock, _ => _fixture.Context);
    }

    [Benchmark(OperationsPerInvoke = RecordsPerInvoke)]
    public long Decode()
    {
        long decoded = 0;
        for (int i = 0; i < RecordsPerInvoke; i++)
        {
            if (_dispatcher.Decode(NextRecord()) is { } d)
            {
                decoded++;
                EventDispatcher.Release(d.Event); // as the mode does once its sinks are done with it
            }
        }
        return decoded;
    }

    [Benchmark(OperationsPerInvoke = RecordsPerInvoke)]
    public void DecodeAndText()
    {
        for (int i = 0; i < RecordsPerInvoke; i++)
        {
            if (_dispatcher.Decode(NextRecord()) is { } d)
            {
                _text.Write(d.Group, d.Event, _fixture.Context);
                EventDispatcher.Release(d.Event);
            }
        }
        _sink.Flush();
    }

    [Benchmark(OperationsPerInvoke = RecordsPerInvoke)]
    public void DecodeAndJson()
    {
        for (int i = 0; i < RecordsPerInvoke; i++)
        {
            if (_dispatcher.Decode(NextRecord()) is { } d)
            {
                _json.Event(d.Event, d.Group.Name, d.Event.Trace, null, null);
                EventDispatcher.Release(d.Event);
            }
        }
        _json.Flush();
    }

    private ReadOnlySpan<byte> NextRecord()
    {
        var records = _fixture.Records;
        if (_next == records.Count)
            _next = 0;
        return records[_next++];
    }
}
