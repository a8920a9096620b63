using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Modes.Lifecycle;
using NetTrace.Host.Session;

namespace NetTrace.Host.Modes;

/// <summary>The default, --basic and --diag modes: the skb tracer's hits, as lifecycles or one by one (<see cref="SkbSink"/>).</summary>
internal sealed class PacketPathMode(SkbSink sink, bool basic) : ISessionMode
{
    public bool Done => sink.Done;

    public string Counts => $", {sink.Packets} {(basic ? "printed" : "packets")}";

    public string Notes => sink.LoneFreesNote;

    public void Add(TraceGroup group, ITraceEvent ev, ReadOnlySpan<byte> record)
    {
        if (ev is SkbTraceEvent hit)
            sink.Add(hit);
    }

    public void Tick() => sink.Tick();

    public int TickTimeoutMs() => sink.TickTimeoutMs();

    public void Finish() => sink.Finish();
}
