using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Plugins.Drop;
using NetTrace.Plugins.Netfilter;
using NetTrace.Plugins.Path;
using NetTrace.Plugins.Sock;
using NetTrace.Plugins.Tcp;

namespace NetTrace.Tests.Unit.Plugins;

/// <summary>The .modes file each built-in plugin ships says what its groups serve: --drop trusts it to skip the others.</summary>
public sealed class PluginManifestTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nt-manifest-").FullName;

    public static TheoryData<string> Shipped() =>
        [nameof(DropTraceGroup), nameof(PathPlugin), nameof(NetfilterPlugin), nameof(TcpPlugin), nameof(SockPlugin)];

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Manifest_BuiltInPlugin_ListsExactlyWhatItsGroupsServe(string entryPoint)
    {
        INetTracePlugin plugin = entryPoint switch
        {
            nameof(DropTraceGroup) => new DropTraceGroup(),
            nameof(PathPlugin) => new PathPlugin(),
            nameof(NetfilterPlugin) => new NetfilterPlugin(),
            nameof(TcpPlugin) => new TcpPlugin(),
            _ => new SockPlugin(),
        };
        var declared = new DeclaredGroups();
        plugin.Register(declared);
        string manifest = Path.Combine(AppContext.BaseDirectory, plugin.GetType().Assembly.GetName().Name + PluginManifest.Extension);

        Assert.True(File.Exists(manifest), $"{manifest} is not built beside the plugin");
        Assert.Equal(PluginManifest.Of(declared.Groups).Order(), PluginManifest.Read(File.ReadAllText(manifest)).Order());
    }

    [Fact]
    public void MayServe_ManifestWithoutTheMode_IsSkipped()
    {
        string dll = Plugin("Acme", "# comment\nsock monitor\n");

        Assert.False(PluginManifest.MayServe(dll, PluginManifest.Drop));
        Assert.True(PluginManifest.MayServe(dll, "monitor"));
    }

    [Fact]
    public void MayServe_NoManifest_MayServeAnything()
    {
        Assert.True(PluginManifest.MayServe(Plugin("Vendor", null), PluginManifest.Drop));
    }

    [Fact]
    public void MayServe_DropPluginsManifest_ServesDrop()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, typeof(DropTraceGroup).Assembly.GetName().Name + ".dll");

        Assert.True(PluginManifest.MayServe(dll, PluginManifest.Drop));
        Assert.False(PluginManifest.MayServe(Path.Combine(AppContext.BaseDirectory, typeof(SockPlugin).Assembly.GetName().Name + ".dll"), PluginManifest.Drop));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Plugin(string name, string? manifest)
    {
        string dll = Path.Combine(_root, name + ".dll");
        File.WriteAllBytes(dll, []);
        if (manifest is not null)
            File.WriteAllText(Path.ChangeExtension(dll, PluginManifest.Extension), manifest);
        return dll;
    }
}
