using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine;
using NetTrace.Host.Modes.Lifecycle;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Lifecycle;

namespace NetTrace.Host.Modes.Diff;

/// <summary>Diff's mode: a recording's packets as replay would print them, kept instead of printed.</summary>
internal sealed class LifecycleCollector(IReadOnlyCollection<PlannedHook> hooks) : ISessionMode
{
    // Packets as replay prints them: numbered alike, lone frees left out alike.
    private readonly LifecycleAssembler _assembler = new() { KeepLoneFrees = SkbSink.NoPathTraced(hooks) };

    /// <summary>Every packet, in the order replay prints them (as each one's lifecycle completed).</summary>
    public List<SkbContext> Packets { get; } = [];

    public bool Done => false;

    public string Counts => "";

    public string Notes => "";

    public void Add(TraceGroup group, ITraceEvent ev, ReadOnlySpan<byte> record)
    {
        if (ev is SkbTraceEvent hit)
            Packets.AddRange(_assembler.Add(hit));
    }

    public void Tick()
    {
    }

    /// <summary>A recording is read to its end: nothing expires by the clock.</summary>
    public int TickTimeoutMs() => -1;

    public void Finish() => Packets.AddRange(_assembler.Flush());
}
