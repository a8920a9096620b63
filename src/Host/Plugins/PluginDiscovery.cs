using McMaster.NETCore.Plugins;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rendering;

namespace NetTrace.Host.Plugins;

/// <summary>
/// Finds plugins as <c>DIR/&lt;Name&gt;/&lt;Name&gt;.dll</c> (or a <c>DIR</c> that is itself such a folder),
/// loads each in its own context sharing only the contracts assembly, and lets it register.
/// </summary>
internal static class PluginDiscovery
{
    /// <summary>The contracts are shared so host and plugins agree on one type identity.</summary>
    private static readonly Type[] SharedTypes =
        [typeof(INetTracePlugin), typeof(TraceGroup), typeof(ITraceEvent), typeof(IEventRenderer)];

    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "plugins");

    public static PluginCatalog Discover(IEnumerable<string> extraDirectories, Action<string> verbose)
    {
        var catalog = new PluginCatalog();
        foreach (string dll in FindAssemblies(DefaultDirectory, required: false).Concat(extraDirectories.SelectMany(d => FindAssemblies(d, required: true))))
            Load(dll, catalog, verbose);
        return catalog;
    }

    private static IEnumerable<string> FindAssemblies(string directory, bool required)
    {
        if (!Directory.Exists(directory))
        {
            if (required)
                throw new PluginException($"plugin folder '{directory}' does not exist");
            return [];
        }
        string own = Path.Combine(directory, Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)) + ".dll");
        if (File.Exists(own))
            return [Path.GetFullPath(own)];
        return Directory.EnumerateDirectories(directory)
            .Order(StringComparer.Ordinal)
            .Select(d => Path.Combine(d, Path.GetFileName(d) + ".dll"))
            .Where(File.Exists)
            .Select(Path.GetFullPath);
    }

    private static void Load(string dll, PluginCatalog catalog, Action<string> verbose)
    {
        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(dll, SharedTypes, config => config.PreferSharedTypes = true);
            var entryPoints = loader.LoadDefaultAssembly().GetTypes()
                .Where(t => typeof(INetTracePlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
                .ToList();
            if (entryPoints.Count == 0)
                throw new PluginException($"{dll} has no {nameof(INetTracePlugin)} implementation");
            foreach (var type in entryPoints)
            {
                var plugin = (INetTracePlugin)Activator.CreateInstance(type)!;
                plugin.Register(catalog);
                verbose($"plugin {type.FullName} loaded from {dll}");
            }
        }
        catch (PluginException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new PluginException($"cannot load plugin {dll}: {e.Message}", e);
        }
    }
}
