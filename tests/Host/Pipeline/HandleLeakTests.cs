using NetTrace.Abstractions.Plugins;
using NetTrace.Bpf;
using NetTrace.Bpf.Handles;
using NetTrace.Host.Engine.Config;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Plugins.Drop;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Pipeline;

/// <summary>Loading, attaching and polling in-process leaves no libbpf handle behind.</summary>
public sealed class HandleLeakTests
{
    [RootFact]
    public void LoadedGroup_LoadAttachPollDispose_ReleasesEveryHandle()
    {
        NativeLibraries.Install();
        var catalog = new PluginCatalog();
        new DropTraceGroup().Register(catalog);
        TraceGroup group = catalog.Groups.Single();
        int before = HandleTracker.Live;

        using (var loaded = LoadedGroup.Load(new GroupLoadRequest(group, group.Traces, new NtFilter(), Stacks: true), _ => { }))
        using (var ring = new RingBuffer())
        {
            Assert.NotEmpty(loaded.Attached);
            Assert.True(HandleTracker.Live > before);
            ring.Add(loaded.Events, _ => { });
            ring.Poll(10);
        }

        Assert.Equal(before, HandleTracker.Live);
    }

    [RootFact]
    public void LoadedGroup_TraceWithNoUsableTarget_FailsWithEveryReasonAndLeaksNothing()
    {
        NativeLibraries.Install();
        var catalog = new PluginCatalog();
        new DropTraceGroup().Register(catalog);
        var group = catalog.Groups.Single();
        var impossible = new TraceSpec("nowhere", [new AttachTarget(AttachKind.RawTracepoint, "nt_drop_raw_tp", "no_such_tracepoint_nt")]);
        int before = HandleTracker.Live;

        var e = Assert.Throws<BpfException>(() => LoadedGroup.Load(new GroupLoadRequest(group, [impossible], new NtFilter(), Stacks: false), _ => { }));

        Assert.Contains("nowhere: raw_tp:no_such_tracepoint_nt", e.Message);
        Assert.Equal(before, HandleTracker.Live);
    }
}
