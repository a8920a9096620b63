using NetTrace.Abstractions.Plugins;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Groups;
using NetTrace.Host.Engine.Plugins;

namespace NetTrace.Host.Session.Recording;

/// <summary>
/// What decoding a recording again needs: its header, the plugin groups whose records it holds (found by name
/// in today's plugins) and the engine hooks rebuilt from the header, so each record reaches the decoder that
/// the live session used.
/// </summary>
internal sealed class RecordedSession
{
    private RecordedSession(RecordingHeader header, PluginCatalog plugins)
    {
        Header = header;
        var catalog = TraceCatalog.From(plugins);
        Hooks = RecordedHooks.Rebuild(header, catalog, out var unknownTraces);
        UnknownTraces = unknownTraces;
        var known = plugins.Groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
        PluginGroups = header.Groups.Where(known.ContainsKey).Select(g => known[g]).ToList();
        UnknownGroups = header.Groups.Where(g => !known.ContainsKey(g)).ToList();
    }

    public RecordingHeader Header { get; }

    /// <summary>The engine's traces as recorded (lifecycle, --basic, --diag, and --monitor's return-rule traces).</summary>
    public List<PlannedHook> Hooks { get; }

    public List<TraceGroup> PluginGroups { get; }

    /// <summary>Recorded plugin groups no loaded plugin provides: their records cannot be decoded.</summary>
    public List<string> UnknownGroups { get; }

    /// <summary>Recorded engine traces today's catalogue does not have.</summary>
    public List<string> UnknownTraces { get; }

    /// <summary>True when the recording holds engine (packet path) records.</summary>
    public bool HasPacketPath => Hooks.Count > 0;

    /// <summary>The live session's mode, as the header names it (lifecycle, basic, diagnose, drop, sock, monitor).</summary>
    public string Mode => Header.Mode;

    public static RecordedSession From(RecordingHeader header, PluginCatalog plugins) => new(header, plugins);

    /// <summary>A dispatcher for every group of the recording, the engine's pseudo group included.</summary>
    public EventDispatcher Dispatcher(bool keepRawPackets = false)
    {
        var groups = new List<TraceGroup>(PluginGroups);
        if (HasPacketPath)
            groups.Add(new SkbEventDecoder(Hooks).AsGroup());
        return new EventDispatcher(groups) { KeepRawPackets = keepRawPackets };
    }
}
