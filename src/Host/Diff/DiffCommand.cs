using NetTrace.Host.Config;
using NetTrace.Host.Kernel;
using NetTrace.Host.Output;
using NetTrace.Host.Pipeline;
using NetTrace.Host.Plugins;

namespace NetTrace.Host.Diff;

/// <summary>`nettrace diff GOOD BAD`: aligns two recorded packets' kernel paths and shows where they part, in text or JSON.</summary>
internal sealed class DiffCommand(DiffRequest request, StartupPrefetch prefetch, TextWriter stdout, TextWriter stderr)
{
    public int Run()
    {
        var options = request.Options;
        var log = new Log(stderr, options.Verbosity >= Cli.LogLevel.Verbose, options.Verbosity >= Cli.LogLevel.Debug);
        var plugins = PluginDiscovery.Discover(options.PluginDirs, log.Verbose, prefetch.BuiltInPlugins(options.UnsafePlugins), log.Warn, options.UnsafePlugins);
        using var btf = prefetch.KernelBtf(out _);
        var context = new HostRenderContext(new Lazy<KallsymsSymbolizer>(() => KallsymsSymbolizer.Load()), DropReasons.Load(btf?.Reader), null);
        var filter = new PacketFilter(options);
        var good = RecordedPackets.Load(request.Good, plugins, filter, context);
        var bad = RecordedPackets.Load(request.Bad, plugins, filter, context);
        var diff = PathAlignment.Align(good, bad);
        if (options.Json)
            DiffJsonWriter.Write(stdout, diff);
        else
            DiffTextWriter.Write(stdout, diff);
        return 0;
    }
}
