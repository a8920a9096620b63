using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Kernel;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Session.Recording;
using NetTrace.Plugins.Drop;
using NetTrace.Plugins.Netfilter;
using NetTrace.Plugins.Path;
using NetTrace.Plugins.Sock;
using NetTrace.Plugins.Tcp;

namespace NetTrace.Bench.Pipeline;

/// <summary>
/// A recording made by a real nettrace run (`--record`), loaded into memory with the decoders it needs: the
/// built-in plugins' groups, and for the engine's records the hooks rebuilt from the recording's header.
/// </summary>
internal sealed class ReplayFixture
{
    private ReplayFixture(RecordingHeader header, List<byte[]> records, PluginCatalog plugins)
    {
        Header = header;
        Records = records;
        Plugins = plugins;
        Session = RecordedSession.From(header, plugins);
        Context = new HostRenderContext(new Lazy<KallsymsSymbolizer>(() => KallsymsSymbolizer.Load()), DropReasons.Load(null), null);
    }

    public RecordingHeader Header { get; }

    public List<byte[]> Records { get; }

    public PluginCatalog Plugins { get; }

    /// <summary>The recording's decoders: the plugin groups it names and the engine hooks from its header.</summary>
    public RecordedSession Session { get; }

    public List<PlannedHook> Hooks => Session.Hooks;

    public HostRenderContext Context { get; }

    public EventDispatcher Dispatcher() => Session.Dispatcher();

    /// <summary>Loads the recording named NAME.ntrec from the folder in NT_BENCH_RECORDINGS.</summary>
    public static ReplayFixture Load(string name)
    {
        string folder = Environment.GetEnvironmentVariable("NT_BENCH_RECORDINGS")
            ?? throw new InvalidOperationException("set NT_BENCH_RECORDINGS to the folder of the recordings (bench/pipeline-bench.sh does)");
        using var reader = RecordingReader.Open(Path.Combine(folder, name + ".ntrec"));
        var records = reader.ReadAll();
        if (records.Count == 0)
            throw new InvalidOperationException($"{name}.ntrec holds no records");
        var plugins = new PluginCatalog();
        INetTracePlugin[] builtIn = [new DropTraceGroup(), new PathPlugin(), new NetfilterPlugin(), new TcpPlugin(), new SockPlugin()];
        foreach (var plugin in builtIn)
            plugin.Register(plugins);
        return new ReplayFixture(reader.Header, records, plugins);
    }
}
