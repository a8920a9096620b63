using NetTrace.Abstractions.Plugins;
using NetTrace.Plugins.Netfilter;
using NetTrace.Plugins.Path;
using NetTrace.Plugins.Tcp;

namespace NetTrace.Tests.Unit.Catalogue;

/// <summary>The groups of the catalogue-only plugins, as each registers them.</summary>
internal static class CatalogueGroups
{
    public static IReadOnlyList<INetTracePlugin> Plugins { get; } = [new PathPlugin(), new NetfilterPlugin(), new TcpPlugin()];

    public static IReadOnlyList<TraceGroup> All { get; } = Plugins.SelectMany(RecordingRegistry.GroupsOf).ToList();

    public static IEnumerable<(TraceGroup Group, TraceSpec Trace)> Traces =>
        All.SelectMany(g => g.Traces.Select(t => (g, t)));

    public static IEnumerable<(TraceSpec Trace, AttachTarget Target)> Targets =>
        Traces.SelectMany(p => p.Trace.Targets.Select(target => (p.Trace, target)));

    public static TraceGroup Named(string name) => Assert.Single(All, g => g.Name == name);
}
