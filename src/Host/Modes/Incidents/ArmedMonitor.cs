using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Output;
using NetTrace.Rules;

namespace NetTrace.Host.Modes.Incidents;

/// <summary>
/// --monitor --arm: watches the monitor's events for a trigger and turns each into an incident — lifecycle tracing
/// of that flow alone, one at a time, rate limited — then back to plain monitoring. Runs on the poll thread.
/// </summary>
internal sealed class ArmedMonitor(IncidentPlan plan, ArmTriggers triggers, TextWriter notices) : IDisposable
{
    /// <summary>A flow just recorded is not recorded again for this long: its next packets tell nothing new.</summary>
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(1);

    private readonly IncidentRateLimit _limit = new(plan.Arm.Rate, RepeatWindow);
    private IncidentCapture? _active;
    private int _recorded;
    private long _busy;
    private long _limited;
    private long _repeats;

    public int Recorded => _recorded;

    /// <summary>A monitor event of a plugin group (a drop, a socket event).</summary>
    public void Consider(string group, ITraceEvent ev, IRenderContext context)
    {
        if (triggers.Match(group, ev, context) is { } why)
            Arm(ev, why);
    }

    /// <summary>A packet-path event the monitor printed as abnormal.</summary>
    public void ConsiderFinding(SkbTraceEvent ev, IReadOnlyList<CompiledRule> abnormal, IRenderContext context)
    {
        if (triggers.MatchFinding(ev, abnormal, context) is { } why)
            Arm(ev, why);
    }

    /// <summary>After each poll: drives the running capture and reports it when it ends.</summary>
    public void Tick()
    {
        if (_active is null || !_active.Tick(EventClock.MonotonicNowNs() / 1_000_000))
            return;
        Report(_active);
        _active = null;
    }

    /// <summary>A running capture reads its own ring buffer in <see cref="Tick"/>: it is driven every poll interval; else -1.</summary>
    public int TickTimeoutMs() => _active is null ? -1 : SessionPipeline.PollTimeoutMs;

    /// <summary>One line for the exit summary.</summary>
    public string Summary()
    {
        long skipped = _busy + _limited;
        return $"{Plural(_recorded, "incident")} recorded in {plan.Directory}" +
               (skipped > 0 ? $", {Plural(skipped, "trigger")} not armed ({_busy} during another incident, {_limited} by --arm-rate {plan.Arm.Rate})" : "") +
               (_repeats > 0 ? $", {Plural(_repeats, "repeat")} of a recorded flow ignored" : "");
    }

    public void Dispose()
    {
        if (_active is null)
            return;
        _active.Stop();
        Report(_active);
        _active = null;
    }

    private void Arm(ITraceEvent ev, string why)
    {
        if (FlowKey.Of(ev) is not { } flow)
            return; // not an IP flow (ARP, a socket without a tuple): nothing to narrow tracing to
        if (_active is not null)
        {
            if (!_active.Flow.Equals(flow))
                _busy++;
            return;
        }
        switch (_limit.TryAcquire(flow, EventClock.MonotonicNowNs() / 1_000_000))
        {
            case IncidentRateLimit.Verdict.Repeat:
                _repeats++;
                return;
            case IncidentRateLimit.Verdict.Limited:
                _limited++;
                return;
        }
        _recorded++;
        _active = IncidentCapture.Begin(plan, _recorded, flow, why);
        notices.WriteLine($"nettrace: incident {_recorded}: {flow} ({why}); tracing its lifecycle into {_active.Folder}");
        notices.Flush();
    }

    private static string Plural(long n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";

    private void Report(IncidentCapture capture)
    {
        notices.WriteLine($"nettrace: incident {capture.Number} ended ({capture.Ended}): {Plural(capture.Packets, "packet")} traced" +
                          (capture.Finding is { } finding ? $", {finding}" : ", no abnormal finding") + $"; nettrace replay {Path.Combine(capture.Folder, IncidentCapture.RecordingName)}");
        notices.Flush();
    }
}
