using System.Globalization;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Netfilter;
using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Engine.Packets;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Errors;
using NetTrace.Host.Session;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Filters;
using NetTrace.Host.Session.Lifecycle;
using NetTrace.Host.Session.Recording;

namespace NetTrace.Host.Modes.Diff;

/// <summary>
/// One side of `nettrace diff`: "FILE" or "FILE#N" read back into lifecycles, the Nth packet that matches the filters
/// (numbered as `nettrace replay` prints them) turned into the steps the diff aligns.
/// </summary>
internal static class RecordedPackets
{
    /// <summary>Reads the packet <paramref name="spec"/> names; a missing packet or a recording without paths is one clear error.</summary>
    public static PathSide Load(string spec, PluginCatalog plugins, PacketFilter filter, IRenderContext context)
    {
        var (file, index) = Split(spec);
        bool explicitIndex = file != spec;
        using var reader = RecordingReader.Open(file);
        var session = RecordedSession.From(reader.Header, plugins);
        if (!session.HasPacketPath)
            throw new UsageException($"{file} holds no packet paths (recorded in {reader.Header.Mode} mode); diff needs a recording of the default, --basic or --diag mode");
        var packets = new LifecycleCollector(session.Hooks);
        new SessionPipeline(new RecordingSource(reader), session.Dispatcher(), packets, live: false).Run(CancellationToken.None);
        var contexts = packets.Packets;
        // Numbered in the order replay prints them (as each packet's lifecycle completed).
        var matching = contexts.Where(c => c.Events.Any(filter.Matches)).ToList();
        if (matching.Count == 0)
            throw new UsageException($"{file} holds no packet{(filter.IsEmpty ? "" : " that matches the filters")}");
        if (index > matching.Count)
            throw new UsageException($"{spec}: {file} holds {matching.Count} packet{(matching.Count == 1 ? "" : "s")}{(filter.IsEmpty ? "" : " that match the filters")}");
        // Without #N: the first packet seen on its way, not one caught only as it was dropped (the assembler left out lone normal frees).
        index = explicitIndex ? index : matching.FindIndex(c => c.Events.Count > 1) is int found and >= 0 ? found + 1 : 1;
        var packet = matching[index - 1];
        return new PathSide($"{Path.GetFileName(file)}#{index}", Summary(packet), Steps(packet, context));
    }

    /// <summary>"FILE#N" → (FILE, N); a name that exists as given, or has no "#N", is (FILE, 1).</summary>
    public static (string File, int Index) Split(string spec)
    {
        int hash = spec.LastIndexOf('#');
        if (hash <= 0 || File.Exists(spec))
            return (spec, 1);
        string number = spec[(hash + 1)..];
        if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index < 1)
            throw new UsageException($"{spec}: after '#' comes the packet's number, counted from 1");
        return (spec[..hash], index);
    }

    private static List<PathStep> Steps(SkbContext packet, IRenderContext context) =>
        packet.Events.OrderBy(e => e.Meta.Timestamp).Select(e => new PathStep(e.Point, Detail(e, context), e.Meta.Timestamp)).ToList();

    /// <summary>What tells two passes through the same function apart: the verdict, the drop reason, a failed return.</summary>
    private static string? Detail(SkbTraceEvent ev, IRenderContext context)
    {
        if (SkbRuleEvent.Reason(ev, context) is { } reason)
            return "reason " + reason;
        if (ev.Return is not { } ret)
            return null;
        return (NetfilterNames.Verdict(ev.Trace, ret) ?? Engine.BpfVerdicts.Name(ev.Group, ev.Trace, ret)) is { } verdict
            ? "verdict " + verdict : ret != 0 ? $"ret {ret}" : null;
    }

    private static string Summary(SkbContext packet) =>
        packet.Events.FirstOrDefault(e => e.Packet is not null)?.Packet is { } p ? PacketFormatter.Format(p) : "(packet not captured)";
}
