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
    private string? _pluginScope; // the manifest word of the built-in plugins _plugins loads; null: all
    private Task<(KernelBtf? Btf, string? Failure)>? _btf;
    private Task<DropStartFacts?>? _dropFacts; // --drop: the boot's saved facts, in place of parsing the BTF
    private Task<KprobeAvailability>? _kprobes;

    /// <summary>Nothing begun early: each result is worked out when first asked for (tests, benchmarks).</summary>
    public static StartupPrefetch None => new();

    public static StartupPrefetch Begin(string[] args)
    {
        var prefetch = new StartupPrefetch();
        if (args.Any(a => a is "-h" or "--help" or "-?" or "-V" or "--version" or "probe" or "rules"))
            return prefetch;
        // --drop runs the plugin that serves it alone, the packet path (no mode flag, no -t) those that list path: a
        // guess from the raw words, which the parsed options correct (BuiltInPlugins loads what is missing).
        prefetch._pluginScope = args.Contains("--drop") ? PluginManifest.Drop
            : args.Any(MayNeedEveryPlugin) ? null : PluginManifest.Path;
        // Checked: --unsafe-plugins is known only once parsed (a raw "--unsafe-plugins" may be another option's value).
        // Even finding the plugins (their folders, manifests, one task each) took Main 13-16 ms of CPU on the host.
        var scope = Scope(prefetch._pluginScope);
        prefetch._plugins = Task.Run(() => PluginDiscovery.LoadBuiltIn(allowUnsafe: false, scope));
        // Marked only when marks are kept: the continuation is a thread-pool hop on the start's critical path.
        if (Output.StartupMarks.Enabled)
            prefetch._plugins.ContinueWith(_ => Output.StartupMarks.Add("built-in plugins loaded (prefetch)"), TaskScheduler.Default);
        // Another BTF than the kernel's: read it, and check kprobes with it, once the command line says which.
        if (args.Any(a => a.StartsWith("--btf-path", StringComparison.Ordinal)))
            return prefetch;
        // The offline commands read recordings: they load no BPF object and attach no kprobe.
        bool offline = args.Contains("replay") || args.Contains("diff");
        // --drop needs from the BTF only what the boot's first --drop left (DropStartFacts): parsed only when there is none.
        bool drop = args.Contains("--drop") && !offline;
        prefetch._dropFacts = drop ? Task.Run(DropStartFacts.ForBoot) : null;
        prefetch._btf = Task.Run(() =>
        {
            if (prefetch._dropFacts?.GetAwaiter().GetResult() is not null)
            {
                Output.StartupMarks.Add("the boot's drop facts read (prefetch)");
                return (null, null);
            }
            Bpf.LibBpfLog.Install(); // libbpf's own warnings stay quiet unless -v routes them
            var btf = Kernel.KernelBtf.TryLoad(out string? failure);
            Output.StartupMarks.Add("kernel BTF parsed (prefetch)");
            if (!offline)
            {
                btf?.IndexCoreTypes();
                Output.StartupMarks.Add("kernel types indexed for CO-RE (prefetch)");
            }
            return (btf, failure);
        });
        if (!args.Contains("--drop") && !offline)
            prefetch._kprobes = Task.Run(() =>
            {
                var kprobes = KprobeSupport.Check();
                Output.StartupMarks.Add("kprobes checked (prefetch)");
                return kprobes;
            });
        return prefetch;
    }

    /// <summary>The built-in plugins' load, begun early (its errors surface when awaited, as if loaded then).</summary>
    /// <param name="allowUnsafe">--unsafe-plugins, parsed: a load the trust check refused is done again without it.</param>
    /// <param name="serving">
    /// The manifest word the session needs (<see cref="PluginManifest"/>), null for every plugin (-t ?, --metrics, the
    /// modes whose rules span the plugins). What the early load left out is loaded now; what it took beyond stays.
    /// </param>
    public Task<IReadOnlyList<LoadedPlugin>> BuiltInPlugins(bool allowUnsafe, string? serving = null)
    {
        var begun = Scope(_pluginScope);
        var checkedLoad = _plugins ??= PluginDiscovery.LoadBuiltIn(allowUnsafe: false, begun);
        var needed = Scope(serving);
        if (begun is not null && serving != _pluginScope)
            checkedLoad = InFolderOrder(checkedLoad, PluginDiscovery.LoadBuiltIn(allowUnsafe: false, dll => !begun(dll) && (needed?.Invoke(dll) ?? true)));
        return allowUnsafe
            ? checkedLoad.ContinueWith(load => load.IsFaulted ? PluginDiscovery.LoadBuiltIn(allowUnsafe: true, needed) : load, TaskScheduler.Default).Unwrap()
            : checkedLoad;
    }

    /// <summary>The kernel's BTF (from <paramref name="path"/>, --btf-path, when given), handed over once: the caller owns (and disposes) it.</summary>
    public KernelBtf? KernelBtf(out string? failure, string? path = null)
    {
        var (btf, why) = (_btf ?? Task.Run(() => (Kernel.KernelBtf.TryLoad(out string? f, path), f))).GetAwaiter().GetResult();
        _btf = null;
        // The prefetch found the boot's drop facts and parsed nothing, but the session wants the BTF after all.
        if (btf is null && why is null && _dropFacts is not null)
            btf = Kernel.KernelBtf.TryLoad(out why, path);
        failure = why;
        return btf;
    }

    /// <summary>
    /// The boot's saved --drop facts, when the prefetch found them (and so parsed no BTF), handed over once; null
    /// otherwise. A session that takes them does not ask for <see cref="KernelBtf"/>.
    /// </summary>
    public DropStartFacts? DropFacts()
    {
        var facts = _dropFacts?.GetAwaiter().GetResult();
        if (facts is not null)
            _btf = null;
        _dropFacts = null;
        return facts;
    }

    /// <summary>
    /// The kprobe check begun early, or one that starts when first awaited (<see cref="KprobeSupport.Result"/>): --drop
    /// never needs it, and the check attaches a real kprobe.multi link, which costs the kernel an ftrace update.
    /// </summary>
    public Task<KprobeAvailability> Kprobes() => _kprobes ??= new Task<KprobeAvailability>(KprobeSupport.Check);

    /// <summary>Which plugins (by assembly path) serve <paramref name="word"/>; null (every plugin) for null.</summary>
    private static Func<string, bool>? Scope(string? word) => word is null ? null : dll => PluginManifest.MayServe(dll, word);

    /// <summary>Raw words after which the session may want plugins beyond the packet path's (a mode, -t, --metrics, the offline commands).</summary>
    private static bool MayNeedEveryPlugin(string arg) =>
        arg is "replay" or "diff" or "--sock" or "--monitor" or "--rtt" or "--rtt-detail" or "--diag" or "-t" or "--trace" or "--trace-stack" or "--metrics"
        || arg.StartsWith("--trace", StringComparison.Ordinal) || arg.StartsWith("--metrics=", StringComparison.Ordinal)
        || (arg.StartsWith("-t", StringComparison.Ordinal) && !arg.StartsWith("--", StringComparison.Ordinal));

    /// <summary>Two loads as one, in folder order (the catalogue registers in that order, so clashes read the same).</summary>
    private static async Task<IReadOnlyList<LoadedPlugin>> InFolderOrder(Task<IReadOnlyList<LoadedPlugin>> first, Task<IReadOnlyList<LoadedPlugin>> second)
    {
        var loaded = await Task.WhenAll(first, second);
        return [.. loaded.SelectMany(l => l).OrderBy(p => p.Dll, StringComparer.Ordinal)];
    }
}
