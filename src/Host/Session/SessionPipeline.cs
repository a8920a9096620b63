using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host.Session;

/// <summary>
/// The one poll loop: source → decode → mode (which runs the analysis and feeds the sinks) → flush, with the lost
/// counters read after each poll. Live sessions, incidents, replay and diff differ only in the parts they plug in.
/// An idle session sleeps until a record, its next deadline (a lifecycle to expire, a loss to report, a capture to
/// drive) or a stop: no periodic wake-up.
/// </summary>
internal sealed class SessionPipeline
{
    /// <summary>The tick interval of what must be driven while it runs (an armed monitor's capture).</summary>
    public const int PollTimeoutMs = 100;

    private readonly IRecordSource _source;
    private readonly EventDispatcher _dispatcher;
    private readonly ISessionMode _mode;
    private readonly bool _live;
    private readonly List<Action> _afterPoll = [];
    private readonly List<Func<int>> _afterPollTimeouts = [];
    private long _records;

    /// <param name="live">A live source: the mode ticks after each poll (idle lifecycles expire by the clock).</param>
    public SessionPipeline(IRecordSource source, EventDispatcher dispatcher, ISessionMode mode, bool live)
    {
        _source = source;
        _dispatcher = dispatcher;
        _mode = mode;
        _live = live;
        source.Start(Deliver);
    }

    /// <summary>Events decoded and handed to the mode.</summary>
    public long Events { get; private set; }

    /// <summary>The records lost on the way, when the source can lose any (null for a recording).</summary>
    public LostRecords? Lost { get; init; }

    /// <summary>The records --rate-limit held back in the kernel, when it was given.</summary>
    public LostRecords? RateLimited { get; init; }

    /// <summary>Flushed after each poll and at stop: stdout and the --json/--pcap sinks.</summary>
    public IReadOnlyList<Action> Flushes { get; init; } = [];

    /// <summary>Runs after each poll, once the sinks are flushed (an armed monitor's captures, the lost-events metric).</summary>
    /// <param name="timeoutMs">When <paramref name="action"/> is next due without a record, in ms (-1: never); none: never.</param>
    public void AfterPoll(Action action, Func<int>? timeoutMs = null)
    {
        _afterPoll.Add(action);
        if (timeoutMs is not null)
            _afterPollTimeouts.Add(timeoutMs);
    }

    /// <summary>One poll and what follows it; false once the session has nothing more to do.</summary>
    public bool Step(int timeoutMs)
    {
        bool more = _source.Poll(timeoutMs);
        if (_live)
            _mode.Tick();
        Flush();
        Lost?.Tick(_records);
        foreach (var action in _afterPoll)
            action();
        return more && !_mode.Done;
    }

    /// <summary>Polls until the source ends, the mode is done, or <paramref name="cancel"/>; then drains and finishes.</summary>
    public void Run(CancellationToken cancel)
    {
        // The stop (Ctrl-C, SIGTERM) wakes a poll that would otherwise sleep until the next record.
        using (cancel.Register(_source.Interrupt))
        {
            while (!cancel.IsCancellationRequested && Step(NextTimeoutMs()))
            {
            }
        }
        Stop();
    }

    /// <summary>How long the next poll may sleep: until the nearest deadline of the mode, the loss report and the after-poll actions.</summary>
    public int NextTimeoutMs()
    {
        int timeout = _live ? _mode.TickTimeoutMs() : -1;
        if (Lost is not null)
            timeout = Nearer(timeout, Lost.TickTimeoutMs(_records));
        foreach (var due in _afterPollTimeouts)
            timeout = Nearer(timeout, due());
        return timeout;
    }

    /// <summary>The shorter of two timeouts, where -1 is none.</summary>
    private static int Nearer(int a, int b) => a < 0 ? b : b < 0 ? a : Math.Min(a, b);

    /// <summary>Hands over what is left (unless -c is satisfied) and lets the mode print what is still open.</summary>
    public void Stop()
    {
        if (!_mode.Done)
            _source.Drain();
        _mode.Finish();
        Flush();
    }

    /// <summary>"N events, M packets, K lost, J undecodable", the exit summary after "nettrace: ".</summary>
    public string Summary()
    {
        string lost = Lost is null ? "" : ", " + LostRecords.Describe(Lost.PerCpu);
        string undecodable = _dispatcher.Undecodable > 0 ? $", {_dispatcher.Undecodable} undecodable" : "";
        string held = RateLimited is null ? "" : $", {RateLimited.Total} held back by --rate-limit";
        return $"{Events} events{_mode.Counts}{lost}{held}{_mode.Notes}{undecodable}";
    }

    private void Deliver(ReadOnlySpan<byte> record)
    {
        _records++;
        if (_mode.Done || _dispatcher.Decode(record) is not { } decoded)
            return;
        Events++;
        _mode.Add(decoded.Group, decoded.Event, record);
    }

    private void Flush()
    {
        foreach (var flush in Flushes)
            flush();
    }
}
