using NetTrace.Abstractions.Rendering;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Config;
using NetTrace.Host.Engine.Plugins;
using NetTrace.Host.Errors;
using NetTrace.Host.Kernel;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Filters;
using NetTrace.Host.Session.Options;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host.Modes.Incidents;

/// <summary>
/// What every capture of an armed monitor shares, worked out once at start: the --diag trace plan against this
/// kernel (resolving kernel functions is the slow part of a start), the rules, and where incidents go. A capture
/// then only loads the tracer with its flow's filter.
/// </summary>
/// <param name="Directory">The folder each incident gets a folder in.</param>
internal sealed record IncidentPlan(SessionOptions Monitor, ArmOptions Arm, AttachPlan Attach, bool KprobeMulti, RuleBook Rules,
    PluginCatalog Plugins, IRenderContext Context, string Directory)
{
    public static IncidentPlan Make(SessionOptions monitor, ArmOptions arm, PluginCatalog plugins, KernelBtf? btf,
        Task<KprobeAvailability> kprobes, IRenderContext context, Log log)
    {
        string directory = arm.ResolvedDirectory;
        try
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--arm-dir {directory}: {e.Message}");
        }
        var rules = RuleBook.Load(plugins, monitor, RuleBook.DefaultCacheDirectory(), log.Verbose);
        var catalog = TraceCatalog.From(plugins);
        var selection = TraceSelection.From([], [], catalog, rules.WatchedTraces);
        var kernel = KernelHooksDiscovery.Discover(catalog.Traces, btf?.Reader, kprobes, log.Milestone);
        var attach = AttachPlanner.Plan(selection, kernel, showReturn: true);
        if (attach.Hooks.Count == 0)
            throw new UsageException("--arm: none of the packet-path traces can be attached on this kernel (-v says why)");
        log.Verbose($"armed: {attach.Hooks.Count} traces per incident, {attach.Skipped.Count} left out; incidents go to {directory}");
        return new IncidentPlan(monitor, arm, attach, kernel.KprobeMulti, rules, plugins, context, directory);
    }

    /// <summary>The tracer's settings for one flow: the flow is the kernel filter, lifecycles are followed.</summary>
    public TracerSettings SettingsFor(SessionOptions flow) =>
        new(FilterBuilder.Build(flow, flow.NetnsCurrent ? NetnsInode.Current() : null), Track: true, PacketFixed: false, KprobeMulti);
}
