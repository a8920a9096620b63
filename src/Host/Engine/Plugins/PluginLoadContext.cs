using System.Reflection;
using System.Runtime.Loader;

namespace NetTrace.Host.Engine.Plugins;

/// <summary>
/// One plugin's own load context. Every assembly the host can load (the contracts, the framework) comes from the
/// default context, so host and plugin agree on one type identity; only what the host lacks comes from the
/// plugin's folder, through the runtime's own resolver of its deps.json. That resolver is the native host's: no
/// JSON library and no reflection at start-up, which a general plugin loader pays for every plugin.
/// </summary>
internal sealed class PluginLoadContext(string mainAssembly) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(mainAssembly))
{
    private readonly AssemblyDependencyResolver _resolver = new(mainAssembly);

    protected override Assembly? Load(AssemblyName name)
    {
        try
        {
            return Default.LoadFromAssemblyName(name);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException)
        {
            // Not the host's (or a newer version than it has): the plugin's private copy.
            // Created only by the JIT build (PluginDiscovery.Load): the native executable loads no assembly.
#pragma warning disable IL2026
            return _resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;
#pragma warning restore IL2026
        }
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
