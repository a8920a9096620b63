using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Lifecycle;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Lifecycle;

namespace NetTrace.Host.Modes.Lifecycle;

/// <summary>
/// Where decoded hits go: grouped into lifecycles (default mode) or printed one by one (--basic).
/// <see cref="Packets"/> counts what -c limits: printed lifecycles, or printed hits in basic mode.
/// </summary>
internal sealed class SkbSink
{
    /// <summary>A lifecycle whose skbs saw no hit for this long is printed as it is (its free went unseen).</summary>
    private static readonly ulong IdleNs = 5_000_000_000;

    /// <summary>
    /// How long a lifecycle completed by its free waits before it is printed: a record the kernel makes when a
    /// function returns (the verdict of nf_hook_slow, which frees the packet itself) is written after the free's, and
    /// a poll may wake between the two; under emulation or on a loaded machine the gap has been seen to cross a poll.
    /// </summary>
    private static readonly ulong SettleNs = 50_000_000;

    private readonly LifecycleAssembler? _assembler;
    private readonly LifecycleWriter? _lifecycle;
    private readonly BasicWriter? _basic;
    private readonly List<SkbContext> _completed = [];
    private long _basicPrinted;

    private readonly long _limit;

    /// <summary>Which lifecycles to print (replay's user-space filters: one matching hit keeps the whole packet).</summary>
    public Func<SkbContext, bool>? Keep { get; set; }

    /// <summary>Which hits to print in basic mode.</summary>
    public Func<SkbTraceEvent, bool>? KeepHit { get; set; }

    private SkbSink(LifecycleAssembler? assembler, LifecycleWriter? lifecycle, BasicWriter? basic, long? limit)
    {
        _assembler = assembler;
        _lifecycle = lifecycle;
        _basic = basic;
        _limit = limit ?? long.MaxValue;
    }

    /// <param name="limit">-c: print at most this many lifecycles.</param>
    /// <param name="keepLoneFrees">Print skbs seen only as they are freed (see <see cref="LifecycleAssembler.KeepLoneFrees"/>).</param>
    public static SkbSink Lifecycle(LifecycleWriter writer, long? limit, bool keepLoneFrees = false) =>
        new(new LifecycleAssembler { KeepLoneFrees = keepLoneFrees, Discarded = EventDispatcher.Release }, writer, null, limit);

    /// <param name="limit">-c: print at most this many hits.</param>
    public static SkbSink Basic(BasicWriter writer, long? limit) => new(null, null, writer, limit);

    /// <summary>The sink a session's options ask for: --basic prints hits, the others lifecycles (with --diag's analysis).</summary>
    /// <param name="hooks">The traces the records come from (see <see cref="NoPathTraced"/>).</param>
    public static SkbSink For(SessionOptions options, IReadOnlyCollection<PlannedHook> hooks, TextWriter output, EventClock clock, Abstractions.Rendering.IRenderContext context,
        Diagnoser? diagnoser, IEventTap? tap) =>
        options.Mode == TraceMode.Basic
            ? Basic(new BasicWriter(output, clock, options.Detail, options.ShowReturn, context, tap: tap, text: !options.Json), options.Count)
            : Lifecycle(new LifecycleWriter(output, clock, options.Detail, options.ShowReturn, context,
                options.MinLatencyNs ?? 0, diagnoser, tap, !options.Json,
                options.LatencyShow ? new LatencyShow(options.LatencyFree) : null, options.TinyShow), options.Count, NoPathTraced(hooks));

    /// <summary>
    /// True when no trace sees a packet pass, only its clones and frees (<c>-t life</c>): most packets are then first
    /// seen as they are freed, and that is what was asked for.
    /// </summary>
    public static bool NoPathTraced(IEnumerable<PlannedHook> hooks) => hooks.All(h => h.Trace.Spec.Role != TraceRole.Pass);

    public long Packets => _lifecycle?.Printed ?? _basicPrinted;

    /// <summary>Skbs seen only as they were freed normally, not printed (<see cref="LifecycleAssembler.LoneFrees"/>).</summary>
    public long LoneFrees => _assembler?.LoneFrees ?? 0;

    /// <summary>", N lone frees left out" for the exit summary when some were, else empty: nothing is left out silently.</summary>
    public string LoneFreesNote => LoneFrees > 0 ? $", {LoneFrees} lone free{(LoneFrees == 1 ? "" : "s")} left out" : "";

    /// <summary>-c is satisfied: nothing more will be printed.</summary>
    public bool Done => Packets >= _limit || DiagnosisFinished;

    /// <summary>--diag found its answer and printed it, "end trace..." included.</summary>
    public bool DiagnosisFinished => _lifecycle?.Finished ?? false;

    public void Add(SkbTraceEvent ev)
    {
        if (_basic is not null)
        {
            if (Done || (KeepHit is not null && !KeepHit(ev)))
                return;
            _basic.Write(ev);
            _basicPrinted++;
            return;
        }
        _assembler!.Add(ev, _completed);
    }

    /// <summary>
    /// Called after each poll: prints the lifecycles completed more than <see cref="SettleNs"/> ago (their late
    /// records, made by the kernel when a function returned, have arrived by then) and those that went idle.
    /// </summary>
    public void Tick()
    {
        if (_assembler is null)
            return;
        ulong now = MonotonicNs();
        _assembler.Expire(now, IdleNs, _completed);
        PrintCompleted(now > SettleNs ? now - SettleNs : 0);
    }

    /// <summary>
    /// How long until <see cref="Tick"/> has something to do: the first completed lifecycle settles, or the least
    /// recently active open one goes idle; -1 when neither waits (basic mode, or nothing in flight).
    /// </summary>
    public int TickTimeoutMs()
    {
        if (_assembler is null)
            return -1;
        ulong? due = _assembler.NextExpiry(IdleNs);
        if (_completed.Count > 0)
            due = Math.Min(due ?? ulong.MaxValue, _completed[0].CompletedAt + SettleNs);
        if (due is not { } at)
            return -1;
        ulong now = MonotonicNs();
        // Rounded up, so the tick comes after the deadline rather than one short wait before it.
        return at <= now ? 0 : (int)Math.Min((at - now + 999_999) / 1_000_000, int.MaxValue);
    }

    /// <summary>At exit: prints every lifecycle still open.</summary>
    public void Finish()
    {
        if (_assembler is null)
            return;
        _completed.AddRange(_assembler.Flush());
        PrintCompleted(ulong.MaxValue);
    }

    /// <summary>Prints, in completion order, the lifecycles completed at or before <paramref name="completedBy"/>.</summary>
    private void PrintCompleted(ulong completedBy)
    {
        _assembler!.Settle(completedBy);
        int ready = 0;
        while (ready < _completed.Count && _completed[ready].CompletedAt <= completedBy)
            ready++;
        for (int i = 0; i < ready; i++)
        {
            if (!Done && (Keep is null || Keep(_completed[i])))
                _lifecycle!.Write(_completed[i]);
            Recycle(_completed[i]);
        }
        _completed.RemoveRange(0, ready);
    }

    /// <summary>
    /// A lifecycle is printed (or left out) and settled: nothing refers to it or its hits any more, so they go back
    /// to their pools for the next records.
    /// </summary>
    private void Recycle(SkbContext context)
    {
        var events = context.Events;
        for (int i = 0; i < events.Count; i++)
            EventDispatcher.Release(events[i]);
        _assembler!.Recycle(context);
    }

    private static ulong MonotonicNs() => (ulong)EventClock.MonotonicNowNs();
}
