using NetTrace.Host.Cli;
using NetTrace.Host.Config;
using NetTrace.Host.Plugins;

namespace NetTrace.Host.Pipeline;

/// <summary>Which groups and traces a mode needs, with the session's kernel-side filter.</summary>
internal static class SessionPlan
{
    private const string DropGroup = "drop";

    public static IReadOnlyList<GroupLoadRequest> Build(SessionOptions options, PluginCatalog catalog, uint? currentNetns)
    {
        var filter = FilterBuilder.Build(options, currentNetns);
        switch (options.Mode)
        {
            case TraceMode.Drop:
                var group = catalog.Find(DropGroup)
                    ?? throw new PluginException($"--drop needs the '{DropGroup}' plugin, which is not installed in {PluginDiscovery.DefaultDirectory}");
                return [new GroupLoadRequest(group, group.Traces, filter, options.DropStack)];
            default:
                throw new PluginException($"mode {options.Mode} is not available in this build yet");
        }
    }
}
