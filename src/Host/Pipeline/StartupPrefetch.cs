using NetTrace.Host.Engine;
using NetTrace.Host.Kernel;
using NetTrace.Host.Plugins;

namespace NetTrace.Host.Pipeline;

/// <summary>
/// Start-up work that needs nothing from the command line, begun the moment the process starts so it
/// overlaps the runtime's own start and the parsing: loading the built-in plugins, reading the kernel's
/// BTF, checking kprobes. A session takes the results; --help, --version and usage errors never wait
/// for them. Under emulation each of these costs seconds, so running them side by side matters.
/// </summary>
internal static class StartupPrefetch
{
    private static Task<IReadOnlyList<LoadedPlugin>>? s_plugins;
    private static Task<(Kernel.KernelBtf? Btf, string? Failure)>? s_btf;
    private static Task<(bool Kprobes, bool Multi, string Reason)>? s_kprobes;

    public static void Begin(string[] args)
    {
        if (args.Any(a => a is "-h" or "--help" or "-?" or "-V" or "--version" or "probe" or "rules"))
            return;
        // Checked: --unsafe-plugins is known only once parsed (a raw "--unsafe-plugins" may be another option's value).
        s_plugins = PluginDiscovery.LoadBuiltIn(allowUnsafe: false);
        s_btf = Task.Run(() =>
        {
            Bpf.LibBpfLog.Install(); // libbpf's own warnings stay quiet unless -v routes them
            return (Kernel.KernelBtf.TryLoad(out string? failure), failure);
        });
        // The offline commands read recordings: no kprobe is attached, so none needs checking.
        if (!args.Contains("--drop") && !args.Contains("replay") && !args.Contains("diff"))
            s_kprobes = Task.Run(KprobeSupport.Check);
    }

    /// <summary>The built-in plugins' load, begun early (its errors surface when awaited, as if loaded then).</summary>
    /// <param name="allowUnsafe">--unsafe-plugins, parsed: a load the trust check refused is done again without it.</param>
    public static Task<IReadOnlyList<LoadedPlugin>> BuiltInPlugins(bool allowUnsafe)
    {
        var checkedLoad = s_plugins ??= PluginDiscovery.LoadBuiltIn(allowUnsafe: false);
        return allowUnsafe
            ? checkedLoad.ContinueWith(load => load.IsFaulted ? PluginDiscovery.LoadBuiltIn(allowUnsafe: true) : load, TaskScheduler.Default).Unwrap()
            : checkedLoad;
    }

    public static Kernel.KernelBtf? KernelBtf(out string? failure)
    {
        var (btf, why) = (s_btf ??= Task.Run(() => (Kernel.KernelBtf.TryLoad(out string? f), f))).GetAwaiter().GetResult();
        s_btf = null; // the caller owns (and disposes) it
        failure = why;
        return btf;
    }

    public static Task<(bool Kprobes, bool Multi, string Reason)> Kprobes() => s_kprobes ??= Task.Run(KprobeSupport.Check);
}
