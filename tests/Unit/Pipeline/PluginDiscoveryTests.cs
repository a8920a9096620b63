using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Errors;
using NetTrace.Plugins.Drop;

namespace NetTrace.Tests.Unit.Pipeline;

/// <summary>The real compiled drop plugin, loaded the way nettrace loads it from a plugin folder.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PluginDiscoveryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("nt-plugins-").FullName;

    [Fact]
    public void Discover_PluginFolder_RegistersItsGroups()
    {
        string folder = CopyDropPlugin(Path.Combine(_root, "NetTrace.Plugins.Drop"));

        var catalog = PluginDiscovery.Discover([folder], _ => { });

        var group = Assert.Single(catalog.Groups, g => g.Name == DropTraceGroup.GroupName && g.Owner == DropTraceGroup.Owner);
        Assert.Equal("kfree_skb", Assert.Single(group.Traces).Name);
        using var bpf = group.OpenBpfObject!();
        Assert.True(bpf.Length > 0);
    }

    [Fact]
    public void Discover_ParentOfPluginFolders_FindsEachPlugin()
    {
        CopyDropPlugin(Path.Combine(_root, "NetTrace.Plugins.Drop"));

        var catalog = PluginDiscovery.Discover([_root], _ => { });

        Assert.Contains(catalog.Groups, g => g.Name == DropTraceGroup.GroupName);
    }

    [Fact]
    public void Discover_MissingFolder_SaysWhichFolder()
    {
        var e = Assert.Throws<PluginException>(() => PluginDiscovery.Discover(["/nonexistent/plugins"], _ => { }));

        Assert.Equal("plugin folder '/nonexistent/plugins' does not exist", e.Message);
    }

    [Fact]
    public void Discover_GroupWritablePlugin_RefusedUnlessUnsafeAllowed()
    {
        string folder = CopyDropPlugin(Path.Combine(_root, "NetTrace.Plugins.Drop"));
        string dll = Path.Combine(folder, "NetTrace.Plugins.Drop.dll");
        File.SetUnixFileMode(dll, (UnixFileMode)0b110_110_100);

        var e = Assert.Throws<UntrustedFileException>(() => PluginDiscovery.Discover([folder], _ => { }));
        var catalog = PluginDiscovery.Discover([folder], _ => { }, allowUnsafe: true);

        Assert.Equal($"refusing plugin {dll}: {dll} is writable by its group (--unsafe-plugins overrides this for development)", e.Message);
        Assert.Contains(catalog.Groups, g => g.Name == DropTraceGroup.GroupName);
    }

    [Fact]
    public void Register_SameGroupTwice_IsRefused()
    {
        var catalog = new PluginCatalog();
        new DropTraceGroup().Register(catalog);

        var e = Assert.Throws<PluginException>(() => new DropTraceGroup().Register(catalog));

        Assert.Contains("'drop'", e.Message);
    }

    private static string CopyDropPlugin(string target)
    {
        Directory.CreateDirectory(target);
        string built = Path.GetDirectoryName(typeof(DropTraceGroup).Assembly.Location)!;
        File.Copy(Path.Combine(built, "NetTrace.Plugins.Drop.dll"), Path.Combine(target, "NetTrace.Plugins.Drop.dll"));
        return target;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
