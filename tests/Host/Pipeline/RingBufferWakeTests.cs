using System.Diagnostics;
using NetTrace.Abstractions.Plugins;
using NetTrace.Bpf;
using NetTrace.Host.Engine.Config;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Plugins.Drop;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Pipeline;

/// <summary>An idle session polls without a timeout: a stop from another thread must still end the wait at once.</summary>
public sealed class RingBufferWakeTests
{
    [RootFact]
    public void Poll_NoTimeout_EndsWhenInterrupted()
    {
        NativeLibraries.Install();
        var catalog = new PluginCatalog();
        new DropTraceGroup().Register(catalog);
        TraceGroup group = catalog.Groups.Single();
        // Loaded but not attached to anything that fires: only the interrupt can end the wait.
        using var loaded = LoadedGroup.Load(new GroupLoadRequest(group, group.Traces, new NtFilter { Pid = 0x3ffffff0 }, Stacks: false), _ => { });
        using var ring = new RingBuffer();
        ring.Add(loaded.Events, _ => { });

        var waited = Stopwatch.StartNew();
        var stopper = Task.Delay(200).ContinueWith(_ => ring.Interrupt());
        ring.Poll(-1);
        waited.Stop();
        stopper.Wait();

        Assert.InRange(waited.ElapsedMilliseconds, 150, 5_000);
    }

    [RootFact]
    public void Interrupt_BeforePollOrAfterDispose_PollReturnsAtOnceAndNothingThrows()
    {
        NativeLibraries.Install();
        var catalog = new PluginCatalog();
        new DropTraceGroup().Register(catalog);
        TraceGroup group = catalog.Groups.Single();
        using var loaded = LoadedGroup.Load(new GroupLoadRequest(group, group.Traces, new NtFilter { Pid = 0x3ffffff0 }, Stacks: false), _ => { });
        var ring = new RingBuffer();
        ring.Add(loaded.Events, _ => { });

        ring.Interrupt();
        var waited = Stopwatch.StartNew();
        ring.Poll(10_000);
        waited.Stop();
        ring.Dispose();
        ring.Interrupt();

        Assert.True(waited.ElapsedMilliseconds < 5_000, $"the poll waited {waited.ElapsedMilliseconds} ms");
    }
}
