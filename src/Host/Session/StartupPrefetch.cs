using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Kernel;

namespace NetTrace.Host.Session;

/// <summary>
/// Start-up work that needs nothing from the command line, begun the moment the process starts so it
/// overlaps the runtime's own start and the parsing: loading the built-in plugins, reading the kernel's
/// BTF, checking kprobes. Program makes one and hands it to the command that runs (a session, replay, diff),
/// which takes the results; --help, --version and usage errors never wait for them. Under emulation each of
/// these costs seconds, so running them side by side matters.
/// </summary>
internal sealed class StartupPrefetch
{
    private Task<IReadOnlyList<LoadedPlugin>>? _plugins;
    private Func<string, bool>? _pluginScope; // which built-in plugins _plugins loads (by path); null: all
    private Task<(KernelBtf? Btf, string? Failure)>? _btf;
    private Task<KprobeAvailability>? _kprobes;

    /// <summary>Nothing begun early: each result is worked out when first asked for (tests, benchmarks).</summary>
    public static StartupPrefetch None => new();

    public static StartupPrefetch Begin(string[] args)
    {
        var prefetch = new StartupPrefetch();
        if (args.Any(a => a is "-h" or "--help" or "-?" or "-V" or "--version" or "probe" or "rules"))
            return prefetch;
        // --drop runs the plugin that serves it alone: the others are loaded only if the parsed options need them.
        if (args.Contains("--drop"))
            prefetch._pluginScope = dll => PluginManifest.MayServe(dll, PluginManifest.Drop);
        // Checked: --unsafe-plugins is known only once parsed (a raw "--unsafe-plugins" may be another option's value).
        prefetch._plugins = PluginDiscovery.LoadBuiltIn(allowUnsafe: false, prefetch._pluginScope);
        // Another BTF than the kernel's: read it, and check kprobes with it, once the command line says which.
        if (args.Any(a => a.StartsWith("--btf-path", StringComparison.Ordinal)))
            return prefetch;
        prefetch._btf = Task.Run(() =>
        {
            Bpf.LibBpfLog.Install(); // libbpf's own warnings stay quiet unless -v routes them
            return (Kernel.KernelBtf.TryLoad(out string? failure), failure);
        });
        // The offline commands read recordings: no kprobe is attached, so none needs checking.
        if (!args.Contains("--drop") && !args.Contains("replay") && !args.Contains("diff"))
            prefetch._kprobes = Task.Run(KprobeSupport.Check);
        return prefetch;
    }

    /// <summary>The built-in plugins' load, begun early (its errors surface when awaited, as if loaded then).</summary>
    /// <param name="allowUnsafe">--unsafe-plugins, parsed: a load the trust check refused is done again without it.</param>
    /// <param name="all">Every plugin, also when only --drop's were begun early (its -t ?, --metrics): the rest are loaded now.</param>
    public Task<IReadOnlyList<LoadedPlugin>> BuiltInPlugins(bool allowUnsafe, bool all = true)
    {
        var scope = all ? null : _pluginScope;
        var checkedLoad = _plugins ??= PluginDiscovery.LoadBuiltIn(allowUnsafe: false, _pluginScope);
        if (all && _pluginScope is { } begun)
            checkedLoad = InFolderOrder(checkedLoad, PluginDiscovery.LoadBuiltIn(allowUnsafe: false, dll => !begun(dll)));
        return allowUnsafe
            ? checkedLoad.ContinueWith(load => load.IsFaulted ? PluginDiscovery.LoadBuiltIn(allowUnsafe: true, scope) : load, TaskScheduler.Default).Unwrap()
            : checkedLoad;
    }

    /// <summary>The kernel's BTF (from <paramref name="path"/>, --btf-path, when given), handed over once: the caller owns (and disposes) it.</summary>
    public KernelBtf? KernelBtf(out string? failure, string? path = null)
    {
        var (btf, why) = (_btf ?? Task.Run(() => (Kernel.KernelBtf.TryLoad(out string? f, path), f))).GetAwaiter().GetResult();
        _btf = null;
        failure = why;
        return btf;
    }

    public Task<KprobeAvailability> Kprobes() => _kprobes ??= Task.Run(KprobeSupport.Check);

    /// <summary>Two loads as one, in folder order (the catalogue registers in that order, so clashes read the same).</summary>
    private static async Task<IReadOnlyList<LoadedPlugin>> InFolderOrder(Task<IReadOnlyList<LoadedPlugin>> first, Task<IReadOnlyList<LoadedPlugin>> second)
    {
        var loaded = await Task.WhenAll(first, second);
        return [.. loaded.SelectMany(l => l).OrderBy(p => p.Dll, StringComparer.Ordinal)];
    }
}
