using NetTrace.Host.Pipeline;
using NetTrace.Tests.Shared;

namespace NetTrace.Tests.Unit.Architecture;

/// <summary>
/// The folders of src/Host may depend on each other only as tests/Unit/Architecture/host-dependencies.txt records:
/// a ratchet. A new edge (the next change deepening the tangle) fails, and so does a recorded edge that is gone
/// (the file must shrink as the layers come apart), each with what to do. See docs/architecture.md.
/// </summary>
public sealed class HostLayerTests
{
    private const string Recorded = "tests/Unit/Architecture/host-dependencies.txt";

    [Fact]
    public void HostFolders_References_OnlyTheRecordedEdges()
    {
        var actual = FolderDependencies.Read(typeof(SessionRunner).Assembly.Location);
        var allowed = File.ReadAllLines(RoffPage.PathOf(Recorded))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(allowed.Count > 0, Recorded + " lists no edge");

        var added = actual.Keys.Where(edge => !allowed.Contains(edge)).Select(edge => $"{edge}: {actual[edge]}").ToList();
        Assert.True(added.Count == 0,
            $"src/Host gained {added.Count} folder dependencies that {Recorded} does not allow; depend downwards instead " +
            "(docs/architecture.md), or record the edge if it is the right direction:\n" + string.Join("\n", added));

        var gone = allowed.Where(edge => !actual.ContainsKey(edge)).ToList();
        Assert.True(gone.Count == 0,
            $"{Recorded} allows {gone.Count} dependencies src/Host no longer has; delete them so they cannot come back:\n" +
            string.Join("\n", gone));
    }

    [Fact]
    public void FolderOf_HostAndOtherNamespaces_NamesTheFirstSegmentOrNothing()
    {
        var module = Mono.Cecil.ModuleDefinition.CreateModule("probe", Mono.Cecil.ModuleKind.Dll);
        Assert.Equal("Engine", FolderDependencies.FolderOf(new Mono.Cecil.TypeReference("NetTrace.Host.Engine", "SkbTracer", module, null)));
        Assert.Equal("Plugins", FolderDependencies.FolderOf(new Mono.Cecil.TypeReference("NetTrace.Host.Plugins.Loading", "PluginLoader", module, null)));
        Assert.Null(FolderDependencies.FolderOf(new Mono.Cecil.TypeReference("NetTrace.Bpf.Interop", "LibBpf", module, null)));
        Assert.Null(FolderDependencies.FolderOf(new Mono.Cecil.TypeReference("NetTrace.Abstractions.Events", "RecordView", module, null)));
        Assert.Null(FolderDependencies.FolderOf(new Mono.Cecil.TypeReference("NetTrace.Host", "Program", module, null)));
    }
}
