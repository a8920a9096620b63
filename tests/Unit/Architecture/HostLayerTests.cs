using NetTrace.Host.Cli;

namespace NetTrace.Tests.Unit.Architecture;

/// <summary>
/// src/Host is layered (docs/architecture.md): each layer, a top folder and namespace NetTrace.Host.X, uses only the
/// layers below it, and the parts of a layer (NetTrace.Host.X.Y) never depend on each other in a loop. Read from the
/// compiled nettrace.dll, so a reference of any kind counts: base types, fields, signatures, code.
/// </summary>
public sealed class HostLayerTests
{
    /// <summary>Bottom to top. The BPF interop is below them all, in an assembly of its own (NetTrace.Bpf).</summary>
    public static readonly string[] Layers = ["Errors", "Kernel", "Engine", "Session", "Sinks", "Modes", "Cli"];

    private static string Host => typeof(SessionRunner).Assembly.Location;

    [Fact]
    public void HostLayers_ReferenceOnlyLayersBelow()
    {
        var edges = FolderDependencies.Read(Host);
        var unknown = edges.Keys.SelectMany(edge => edge.Split(" -> ")).Distinct().Where(folder => !Layers.Contains(folder)).ToList();
        Assert.True(unknown.Count == 0,
            $"src/Host has folders that are no layer: {string.Join(", ", unknown)}; put their files in a layer folder ({string.Join(", ", Layers)})");

        var upward = edges.Where(edge => Rank(edge.Key.Split(" -> ")[0]) <= Rank(edge.Key.Split(" -> ")[1]))
            .Select(edge => $"{edge.Key}: {edge.Value}").ToList();
        Assert.True(upward.Count == 0,
            $"{upward.Count} references go up (or across) the layers {string.Join(" < ", Layers)}; move the type down, or pass what is " +
            "needed through an interface the lower layer owns:\n" + string.Join("\n", upward));
    }

    [Fact]
    public void LayerParts_DependOnEachOther_WithoutLoops()
    {
        var edges = FolderDependencies.Read(Host, depth: 2);
        var loops = DependencyLoops.Find(edges.Keys.Select(edge => edge.Split(" -> ")).Select(pair => (pair[0], pair[1])));
        Assert.True(loops.Count == 0,
            "parts of src/Host depend on each other in a loop; break it by moving the shared type to the lower part:\n" +
            string.Join("\n", loops.Select(loop => string.Join(" -> ", loop) + "\n  " +
                string.Join("\n  ", loop.Zip(loop.Skip(1)).Select(step => edges[$"{step.First} -> {step.Second}"]))))); 
    }

    [Fact]
    public void Layers_FromBottomToTop_HaveAFolderEach()
    {
        var folders = Directory.GetDirectories(NetTrace.Tests.Shared.RoffPage.PathOf("src/Host"))
            .Select(Path.GetFileName).Where(name => !name!.StartsWith("bin") && !name.StartsWith("obj")).Order().ToList(); // build outputs (obj-native, bin-arm64...)
        Assert.Equal(Layers.Order(), folders);
    }

    [Fact]
    public void FolderOf_HostAndOtherNamespaces_NamesTheLayerOrItsPart()
    {
        var module = Mono.Cecil.ModuleDefinition.CreateModule("probe", Mono.Cecil.ModuleKind.Dll);
        var dispatcher = new Mono.Cecil.TypeReference("NetTrace.Host.Engine.Groups", "EventDispatcher", module, null);
        Assert.Equal("Engine", FolderDependencies.FolderOf(dispatcher));
        Assert.Equal("Engine.Groups", FolderDependencies.FolderOf(dispatcher, depth: 2));
        Assert.Null(FolderDependencies.FolderOf(new Mono.Cecil.TypeReference("NetTrace.Abstractions.Events", "RecordView", module, null)));
        Assert.Null(FolderDependencies.FolderOf(new Mono.Cecil.TypeReference("NetTrace.Host", "Program", module, null)));
    }

    [Fact]
    public void DependencyLoops_FindsALoopAndNothingInATree()
    {
        Assert.Empty(DependencyLoops.Find([("a", "b"), ("b", "c"), ("a", "c")]));
        var loop = Assert.Single(DependencyLoops.Find([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]));
        Assert.Equal(loop[0], loop[^1]);
        Assert.Equal(["a", "b", "c"], loop.Skip(1).Order());
    }

    private static int Rank(string layer) => Array.IndexOf(Layers, layer);
}
