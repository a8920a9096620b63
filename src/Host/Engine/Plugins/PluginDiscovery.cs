using System.Runtime.CompilerServices;
using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Errors;

namespace NetTrace.Host.Engine.Plugins;

/// <summary>
/// Finds plugins as <c>DIR/&lt;Name&gt;/&lt;Name&gt;.dll</c> (or a <c>DIR</c> that is itself such a folder),
/// loads each in its own context (<see cref="PluginLoadContext"/>, the contracts shared), and lets it register.
/// </summary>
internal static class PluginDiscovery
{
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>
    /// The catalogue of the built-in plugins (loaded now, or taken from <paramref name="builtIn"/>) and those
    /// in <paramref name="extraDirectories"/>, registered in folder order so clashes read the same every time.
    /// </summary>
    /// <param name="warn">Told of each plugin that could not be loaded; the others still are.</param>
    /// <param name="allowUnsafe">--unsafe-plugins: load plugins others could change (<see cref="FileTrust"/>).</param>
    public static PluginCatalog Discover(IEnumerable<string> extraDirectories, Action<string> verbose, Task<IReadOnlyList<LoadedPlugin>>? builtIn = null,
        Action<string>? warn = null, bool allowUnsafe = false)
    {
        var extras = LoadAll(extraDirectories.SelectMany(d => FindAssemblies(d, required: true)), allowUnsafe);
        var catalog = new PluginCatalog();
        foreach (var plugin in (builtIn ?? LoadBuiltIn(allowUnsafe)).GetAwaiter().GetResult().Concat(extras.GetAwaiter().GetResult()))
        {
            if (plugin.Failure is { } failure)
            {
                (warn ?? verbose)($"plugin {plugin.Dll} skipped: {failure}");
                continue;
            }
            foreach (var group in plugin.Groups)
                catalog.AddGroup(group);
            verbose(plugin.Linked ? $"plugin {plugin.Name} linked in (in place of {plugin.Dll})" : $"plugin {plugin.Name} loaded from {plugin.Dll}");
        }
        return catalog;
    }

    /// <summary>Loads the plugins beside the executable; may start before the command line is parsed.</summary>
    /// <param name="include">Which of them (by assembly path) to load; null: all.</param>
    public static Task<IReadOnlyList<LoadedPlugin>> LoadBuiltIn(bool allowUnsafe, Func<string, bool>? include = null) =>
        LoadAll(FindAssemblies(DefaultDirectory, required: false).Where(dll => include?.Invoke(dll) ?? true), allowUnsafe);

    /// <summary>Loading (reading, resolving, JIT, declaring) runs in parallel, one task per assembly.</summary>
    private static Task<IReadOnlyList<LoadedPlugin>> LoadAll(IEnumerable<string> dlls, bool allowUnsafe)
    {
        var loads = dlls.Select(dll => Task.Run(() => Load(dll, allowUnsafe))).ToList();
        return Task.WhenAll(loads).ContinueWith<IReadOnlyList<LoadedPlugin>>(
            all => all.IsFaulted ? throw all.Exception!.InnerExceptions[0] : all.Result.SelectMany(p => p).ToList(),
            TaskScheduler.Default);
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

    /// <summary>Loads one plugin assembly (or takes the entry points linked in for it) and lets each declare its groups.</summary>
    private static List<LoadedPlugin> Load(string dll, bool allowUnsafe)
    {
        FileTrust.Check(dll, "plugin", allowUnsafe);
        if (LinkedPlugins.For(Path.GetFileName(dll)) is { } linked)
            return [.. linked.Select(plugin => Declare(dll, plugin) with { Linked = true })];
        if (!RuntimeFeature.IsDynamicCodeSupported)
            throw new JitRequiredException($"plugin {dll}");
        // Loading and reflecting over an assembly: only the JIT build gets past the throw above (constant in the
        // native executable, whose trimmer drops what follows), so the trim analyzer's warnings do not apply.
#pragma warning disable IL2026, IL2075
        try
        {
            var loaded = new List<LoadedPlugin>();
            foreach (var type in new PluginLoadContext(dll).LoadFromAssemblyPath(dll).GetTypes())
            {
                if (!typeof(INetTracePlugin).IsAssignableFrom(type) || type.IsAbstract || type.IsInterface)
                    continue;
                // The constructor, not Activator.CreateInstance: its per-type cache is generic code the JIT compiles first.
                var plugin = (INetTracePlugin)(type.GetConstructor(Type.EmptyTypes)
                    ?? throw new PluginException($"{type.FullName} has no public parameterless constructor")).Invoke(null);
                loaded.Add(Declare(dll, plugin));
            }
            if (loaded.Count == 0)
                throw new PluginException($"{dll} has no {nameof(INetTracePlugin)} implementation");
            return loaded;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One broken plugin must not stop the others: it is reported and left out.
            return [new LoadedPlugin(dll, Path.GetFileNameWithoutExtension(dll), []) { Failure = e.Message.Split('\n')[0] }];
        }
#pragma warning restore IL2026, IL2075
    }

    /// <summary>Lets an entry point declare its groups (into a list, for now).</summary>
    private static LoadedPlugin Declare(string dll, INetTracePlugin plugin)
    {
        var declared = new DeclaredGroups();
        plugin.Register(declared);
        return new LoadedPlugin(dll, plugin.GetType().FullName ?? "?", declared.Groups);
    }
}
