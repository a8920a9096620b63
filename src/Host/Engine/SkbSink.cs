using NetTrace.Abstractions.Events;
using NetTrace.Host.Lifecycle;

namespace NetTrace.Host.Engine;

/// <summary>
/// Where decoded hits go: grouped into lifecycles (default mode) or printed one by one (--basic).
/// <see cref="Packets"/> counts what -c limits: printed lifecycles, or printed hits in basic mode.
/// </summary>
internal sealed class SkbSink
{
    /// <summary>A lifecycle whose skbs saw no hit for this long is printed as it is (its free went unseen).</summary>
    private static readonly ulong IdleNs = 5_000_000_000;

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
    public static SkbSink Lifecycle(LifecycleWriter writer, long? limit) => new(new LifecycleAssembler(), writer, null, limit);

    /// <param name="limit">-c: print at most this many hits.</param>
    public static SkbSink Basic(BasicWriter writer, long? limit) => new(null, null, writer, limit);

    /// <summary>The sink a session's options ask for: --basic prints hits, the others lifecycles (with --diag's analysis).</summary>
    public static SkbSink For(Cli.SessionOptions options, TextWriter output, Output.EventClock clock, Abstractions.Rendering.IRenderContext context,
        Diagnosis.Diagnoser? diagnoser, Output.IEventTap? tap) =>
        options.Mode == Cli.TraceMode.Basic
            ? Basic(new BasicWriter(output, clock, options.Detail, options.ShowReturn, context, tap: tap, text: !options.Json), options.Count)
            : Lifecycle(new LifecycleWriter(output, clock, options.Detail, options.ShowReturn, context,
                (ulong)(options.MinLatencyMs ?? 0) * 1_000_000, diagnoser, tap, !options.Json), options.Count);

    public long Packets => _lifecycle?.Printed ?? _basicPrinted;

    /// <summary>-c is satisfied: nothing more will be printed.</summary>
    public bool Done => Packets >= _limit || (_lifecycle?.Finished ?? false);

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
        _completed.AddRange(_assembler!.Add(ev));
    }

    /// <summary>
    /// Called after each poll: prints the lifecycles completed during it (their late records, held by the
    /// kernel until a function returned, have arrived by now) and those that went idle.
    /// </summary>
    public void Tick()
    {
        if (_assembler is null)
            return;
        _completed.AddRange(_assembler.Expire(MonotonicNs(), IdleNs));
        PrintCompleted();
    }

    /// <summary>At exit: prints every lifecycle still open.</summary>
    public void Finish()
    {
        if (_assembler is null)
            return;
        _completed.AddRange(_assembler.Flush());
        PrintCompleted();
    }

    private void PrintCompleted()
    {
        _assembler!.Settle();
        foreach (var context in _completed)
        {
            if (Done)
                break;
            if (Keep is null || Keep(context))
                _lifecycle!.Write(context);
        }
        _completed.Clear();
    }

    private static ulong MonotonicNs() => (ulong)Output.EventClock.MonotonicNowNs();
}
