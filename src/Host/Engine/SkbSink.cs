using System.Diagnostics;
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
    private long _basicPrinted;

    private SkbSink(LifecycleAssembler? assembler, LifecycleWriter? lifecycle, BasicWriter? basic)
    {
        _assembler = assembler;
        _lifecycle = lifecycle;
        _basic = basic;
    }

    public static SkbSink Lifecycle(LifecycleWriter writer) => new(new LifecycleAssembler(), writer, null);

    public static SkbSink Basic(BasicWriter writer) => new(null, null, writer);

    public long Packets => _lifecycle?.Printed ?? _basicPrinted;

    public void Add(SkbTraceEvent ev)
    {
        if (_basic is not null)
        {
            _basic.Write(ev);
            _basicPrinted++;
            return;
        }
        _lifecycle!.Write(_assembler!.Add(ev));
    }

    /// <summary>Called between polls: prints lifecycles that went idle.</summary>
    public void Tick()
    {
        if (_assembler is not null)
            _lifecycle!.Write(_assembler.Expire(MonotonicNs(), IdleNs));
    }

    /// <summary>At exit: prints every lifecycle still open.</summary>
    public void Finish()
    {
        if (_assembler is not null)
            _lifecycle!.Write(_assembler.Flush());
    }

    // bpf_ktime_get_ns is CLOCK_MONOTONIC, which is what Stopwatch reads on Linux.
    private static ulong MonotonicNs() =>
        (ulong)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));
}
