using System.Globalization;
using NetTrace.Abstractions.Events;
using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Modes.Lifecycle;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Session.Recording;
using NetTrace.Host.Sinks.Pcap;

namespace NetTrace.Host.Modes.Incidents;

/// <summary>
/// One incident: --diag lifecycle tracing of one flow, filtered in the kernel, for a bounded time or number of
/// packets. Its folder holds the recording of every raw record (replayable), the diagnosed text and a pcapng.
/// The tracer loads on a worker thread so the monitor never stalls; <see cref="Tick"/> drives it from the poll loop.
/// </summary>
internal sealed class IncidentCapture : IDisposable
{
    public const string RecordingName = "incident.ntrec";
    public const string TextName = "incident.txt";
    public const string PcapName = "incident.pcapng";

    private readonly IncidentPlan _plan;
    private readonly SessionOptions _flowOptions;
    private readonly Task<SkbTracer> _loading;
    private readonly StreamWriter _text;
    private readonly PcapngWriter _pcap;
    private readonly FindingCollector _findings = new();
    private SkbTracer? _tracer;
    private RingBuffer? _ring;
    private RecordingWriter? _recording;
    private SkbSink? _sink;
    private SessionPipeline? _pipeline;
    private GatedMode? _mode;
    private long _deadlineMs;
    private bool _disposed;
    private readonly HashSet<ulong> _seen = [];
    private readonly HashSet<ulong> _inFlight = [];
    private ulong _attachedNs;
    private const int MaxSeen = 65536;

    private IncidentCapture(IncidentPlan plan, int number, FlowKey flow, string trigger, string folder)
    {
        _plan = plan;
        Number = number;
        Flow = flow;
        Trigger = trigger;
        Folder = folder;
        _flowOptions = flow.Narrow(plan.Monitor);
        _text = new StreamWriter(Path.Combine(folder, TextName));
        _pcap = PcapngWriter.Create(Path.Combine(folder, PcapName), _ => plan.Context);
        _text.WriteLine($"incident {number}: {flow}");
        _text.WriteLine($"trigger: {trigger}");
        _text.WriteLine($"armed: {DateTime.Now:yyyy-MM-dd HH:mm:ss}, tracing this flow (filtered in the kernel) for {plan.Arm.Duration.TotalSeconds:0} s " +
                        $"or {plan.Arm.PacketLimit} packets, until the first abnormal one");
        var settings = plan.SettingsFor(_flowOptions);
        var loadTime = System.Diagnostics.Stopwatch.StartNew();
        _loading = Task.Run(() =>
        {
            var tracer = SkbTracer.Load(plan.Attach, settings, _ => { });
            LoadMs = loadTime.ElapsedMilliseconds;
            _attachedNs = (ulong)EventClock.MonotonicNowNs();
            return tracer;
        });
    }

    public int Number { get; }
    public FlowKey Flow { get; }
    public string Trigger { get; }
    public string Folder { get; }

    /// <summary>From the trigger to the flow's tracer attached, in ms (0 until then).</summary>
    public long LoadMs { get; private set; }

    /// <summary>Lifecycles traced so far.</summary>
    public long Packets => _sink?.Packets ?? 0;

    /// <summary>The first WARN/ERROR finding, for the report line.</summary>
    public string? Finding => _findings.Best;

    /// <summary>Why the capture ended; null while it runs.</summary>
    public string? Ended { get; private set; }

    /// <summary>Creates the incident's folder and starts loading its tracer.</summary>
    public static IncidentCapture Begin(IncidentPlan plan, int number, FlowKey flow, string trigger)
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"{DateTime.Now:yyyyMMdd-HHmmss}-{number:D3}-{flow.FileName()}");
        string folder = Path.Combine(plan.Directory, name);
        Directory.CreateDirectory(folder);
        return new IncidentCapture(plan, number, flow, trigger, folder);
    }

    /// <summary>Reads the capture's records; true once it has ended (time, packets, first abnormal packet, or a failed load).</summary>
    public bool Tick(long nowMs)
    {
        if (Ended is not null)
            return true;
        if (_tracer is null && !Start(nowMs))
            return Ended is not null;
        _pipeline!.Step(0);
        if (_sink!.Done)
            Finish(_sink.Packets >= _plan.Arm.PacketLimit ? $"{_plan.Arm.PacketLimit} packets traced" : "the first abnormal packet was diagnosed");
        else if (nowMs >= _deadlineMs)
            Finish($"--arm-for {_plan.Arm.Duration.TotalSeconds:0} s passed");
        return Ended is not null;
    }

    /// <summary>Ends the capture now (the monitor stops).</summary>
    public void Stop()
    {
        if (Ended is null)
            Finish("the monitor stopped");
    }

    private bool Start(long nowMs)
    {
        if (!_loading.IsCompleted)
            return false;
        if (_loading.Exception is { } failed)
        {
            Ended = "its tracer could not be loaded: " + (failed.InnerException ?? failed).Message;
            _text.WriteLine("incident ended: " + Ended);
            Dispose();
            return false;
        }
        _tracer = _loading.Result;
        _deadlineMs = nowMs + (long)_plan.Arm.Duration.TotalMilliseconds;
        _text.WriteLine($"tracing: {_tracer.Attached.Count} traces attached through {_tracer.LinkCount} links, {LoadMs} ms after the trigger");
        _text.WriteLine();
        _ring = new RingBuffer();
        var header = SessionRecorder.NewHeader(TraceMode.Diagnose, [], _tracer.Attached) with { Incident = $"{Flow}; trigger: {Trigger}" };
        var recording = RecordingWriter.Create(Path.Combine(Folder, RecordingName), header);
        _recording = recording;
        var diagnoser = Diagnoser.For(_flowOptions, _plan.Rules, _plan.Context, _plan.Plugins);
        _sink = SkbSink.For(_flowOptions with { Count = _plan.Arm.PacketLimit }, _tracer.Attached, _text, new EventClock(_flowOptions.Date), _plan.Context, diagnoser,
            EventTaps.Of(_pcap, _findings));
        var dispatcher = new EventDispatcher([new SkbEventDecoder(_tracer.Attached).AsGroup()]) { KeepRawPackets = true };
        _mode = new GatedMode(new PacketPathMode(_sink, basic: false), ev => ev is SkbTraceEvent hit && !InFlightAtAttach(hit), recording.Write);
        _pipeline = new SessionPipeline(new RingSource(_ring, [_tracer.Events]), dispatcher, _mode, live: true);
        return true;
    }

    /// <summary>
    /// A packet already in flight while the tracer attached is seen only in part: the functions it entered before
    /// their probes were in place never report. Counted, it would end the incident with a diagnosis that misses the
    /// cause, so every packet first seen before the attach ended — or first seen as it is freed — is left out of
    /// the incident, text and recording alike, with its clones.
    /// </summary>
    private bool InFlightAtAttach(SkbTraceEvent ev)
    {
        ulong skb = ev.Meta.Skb;
        if (_inFlight.Contains(skb) || (!_seen.Contains(skb) && (ev.Meta.Timestamp < _attachedNs || ev.IsFree)))
        {
            if (ev.Clone is { } inFlightClone)
                _inFlight.Add(inFlightClone);
            if (ev.IsFree)
                _inFlight.Remove(skb);
            else if (_inFlight.Count < MaxSeen)
                _inFlight.Add(skb);
            return true;
        }
        if (_seen.Count > MaxSeen)
            _seen.Clear(); // a long, busy capture: forgetting only lets a later lone free through
        _seen.Add(skb);
        if (ev.Clone is { } clone)
            _seen.Add(clone);
        return false;
    }

    private void Finish(string why)
    {
        Ended = why;
        _pipeline?.Stop();
        _text.WriteLine($"incident ended: {why}; {_mode?.Passed ?? 0} events, {Packets} packet{(Packets == 1 ? "" : "s")}");
        Dispose();
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _ring?.Dispose();
        if (_tracer is null)
        {
            // Stopped while loading: wait for the load, so its programs and links are released too.
            try
            {
                _loading.Wait();
                _loading.Result.Dispose();
            }
            catch (AggregateException)
            {
                // the load failed: nothing was attached
            }
        }
        _tracer?.Dispose();
        _recording?.Dispose();
        _pcap.Dispose();
        _text.Dispose();
    }
}
