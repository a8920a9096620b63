using NetTrace.Host.Bpf;
using NetTrace.Host.Engine;

namespace NetTrace.Tests.Unit.Layout;

/// <summary>
/// The map definitions of the compiled objects (as libbpf reads them before load) that keep records whole: calls
/// held until their return age out.
/// </summary>
public sealed class MapDefinitionTests
{
    // enum bpf_map_type
    private const int LruHash = 9;

    [Fact]
    public void HeldCalls_EngineObject_LruSoCallsThatNeverReturnAgeOut()
    {
        using var obj = Open("engine");
        Assert.Equal(LruHash, obj.Map("nt_calls").Type);
    }

    private static BpfObject Open(string name)
    {
        NativeLibraries.Install();
        using var stream = typeof(SkbTracer).Assembly.GetManifestResourceStream(name + ".bpf.o")!;
        return BpfObject.Open(ObjectImage.Read(stream), name);
    }
}
