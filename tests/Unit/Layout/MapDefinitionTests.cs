using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Plugins.Drop;
using NetTrace.Plugins.Netfilter;
using NetTrace.Plugins.Sock;

namespace NetTrace.Tests.Unit.Layout;

/// <summary>
/// The map definitions of the compiled objects (as libbpf reads them before load) that keep records whole: calls
/// held until their return age out, and programs nesting on one CPU (task, softirq, hardirq, NMI) each build
/// their record in a buffer of their own level.
/// </summary>
public sealed class MapDefinitionTests
{
    // enum bpf_map_type
    private const int PerCpuArray = 6;
    private const int LruHash = 9;
    private const int Levels = 4;

    public static TheoryData<string> ScratchObjects => new() { "engine", "probe", "drop", "sock" };

    [Fact]
    public void HeldCalls_EngineObject_LruSoCallsThatNeverReturnAgeOut()
    {
        using var obj = Open("engine");
        Assert.Equal(LruHash, obj.Map("nt_calls").Type);
    }

    [Theory]
    [MemberData(nameof(ScratchObjects))]
    public void Scratch_EveryObject_OneBufferPerNestingLevel(string name)
    {
        using var obj = Open(name);
        var scratch = obj.Map("nt_scratch");
        Assert.Equal(PerCpuArray, scratch.Type);
        Assert.Equal((uint)Levels, scratch.MaxEntries);
        AssertDepthCounter(obj);
    }

    [Theory]
    [InlineData("engine")]
    [InlineData("netfilter")]
    public void HandOff_EntryObjects_OneSlotPerNestingLevel(string name)
    {
        using var obj = Open(name);
        var slots = obj.Map("nt_handoffs");
        Assert.Equal(PerCpuArray, slots.Type);
        Assert.Equal((uint)Levels, slots.MaxEntries);
        AssertDepthCounter(obj);
    }

    /// <summary>
    /// An entry takes a level the engine's worker releases: the depth must be one map for both objects. Its fexit
    /// flavours send into the engine's ring, judged by the engine's rules: shared as well.
    /// </summary>
    [Fact]
    public void SharedMaps_NetfilterEntryObject_EveryMapItDeclaresIsTheEngines()
    {
        using var engine = Open("engine");
        using var netfilter = Open("netfilter");
        foreach (var map in netfilter.Maps.Where(m => !m.IsInternal))
        {
            Assert.Contains(map.Name, PluginEntries.SharedMaps.Concat(PluginEntries.FexitSharedMaps));
            var own = engine.Map(map.Name);
            Assert.Equal((own.Type, own.MaxEntries, own.ValueSize), (map.Type, map.MaxEntries, map.ValueSize));
        }
    }

    private static void AssertDepthCounter(BpfObject obj)
    {
        var depth = obj.Map("nt_nest");
        Assert.Equal(PerCpuArray, depth.Type);
        Assert.Equal(1u, depth.MaxEntries);
        Assert.Equal((uint)sizeof(uint), depth.ValueSize);
    }

    private static BpfObject Open(string name)
    {
        NativeLibraries.Install();
        var assembly = name switch
        {
            "engine" or "probe" => typeof(SkbTracer).Assembly,
            "drop" => typeof(DropTraceGroup).Assembly,
            "netfilter" => typeof(NetfilterPlugin).Assembly,
            _ => typeof(SockPlugin).Assembly,
        };
        using var stream = assembly.GetManifestResourceStream(name + ".bpf.o")!;
        return BpfObject.Open(ObjectImage.Read(stream), name);
    }
}
