using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Bpf;

namespace NetTrace.Host.Session;

/// <summary>
/// A mode behind a gate: only the events <paramref name="pass"/> lets through reach <paramref name="inner"/>, and
/// only they are recorded (an incident leaves out packets already in flight when its tracer attached).
/// </summary>
internal sealed class GatedMode(ISessionMode inner, Func<ITraceEvent, bool> pass, RingBuffer.RecordHandler? record) : ISessionMode
{
    /// <summary>Events that passed the gate.</summary>
    public long Passed { get; private set; }

    public bool Done => inner.Done;

    public string Counts => inner.Counts;

    public string Notes => inner.Notes;

    public void Add(TraceGroup group, ITraceEvent ev, ReadOnlySpan<byte> raw)
    {
        if (!pass(ev))
            return;
        record?.Invoke(raw);
        Passed++;
        inner.Add(group, ev, raw);
    }

    public void Tick() => inner.Tick();

    public int TickTimeoutMs() => inner.TickTimeoutMs();

    public void Finish() => inner.Finish();
}
