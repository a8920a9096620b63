using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Kernel;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Filters;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host.Modes.Diff;

/// <summary>`nettrace diff GOOD BAD`: aligns two recorded packets' kernel paths and shows where they part, in text or JSON.</summary>
internal sealed class DiffCommand(DiffRequest request, StartupPrefetch prefetch, TextWriter stdout, TextWriter stderr)
{
    public int Run()
    {
        var options = request.Options;
        var log = new Log(stderr, options.Verbosity >= LogLevel.Verbose, options.Verbosity >= LogLevel.Debug);
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
