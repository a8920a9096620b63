using NetTrace.Bpf;
using NetTrace.Host.Engine;

namespace NetTrace.Host.Session.Recording;

/// <summary>
/// The engine hooks of a recording, rebuilt against today's catalogue: each trace is found by name (ids may
/// have moved since) and keeps the id its recorded records carry. A `-t kernel` function (group "kernel") is made
/// again from its recorded name: the recording's kernel had it, whatever today's catalogue lists.
/// </summary>
internal static class RecordedHooks
{
    public static List<PlannedHook> Rebuild(RecordingHeader header, TraceCatalog catalog, out List<string> unknown)
    {
        var byName = catalog.Traces.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var kernel = header.Hooks.Where(h => h.Group == KernelFunctionTraces.Name && !byName.ContainsKey(h.Trace))
            .Select(h => new SkbFunction(h.Trace, 0, null)).ToList();
        if (kernel.Count > 0)
        {
            catalog = catalog.With(KernelFunctionTraces.Group(kernel, catalog, out _, deny: false));
            byName = catalog.Traces.ToDictionary(t => t.Name, StringComparer.Ordinal);
        }
        // A --bpf-progs program's traces are made again from their recorded names, as the kernel's functions are.
        var programs = header.Hooks.Where(h => h.Group == Engine.ProgramVerdictTraces.Name && !byName.ContainsKey(h.Trace))
            .Select(h => new Abstractions.Plugins.TraceSpec(h.Trace, [new Abstractions.Plugins.AttachTarget(Abstractions.Plugins.AttachKind.Fexit, "", h.Point)]) { DefaultOn = false })
            .ToList();
        if (programs.Count > 0)
        {
            catalog = catalog.With(Abstractions.Plugins.TraceGroup.Generic(Engine.ProgramVerdictTraces.Name, Engine.ProgramVerdictTraces.Description, programs));
            byName = catalog.Traces.ToDictionary(t => t.Name, StringComparer.Ordinal);
        }
        var hooks = new List<PlannedHook>();
        unknown = [];
        foreach (var recorded in header.Hooks)
        {
            if (!byName.TryGetValue(recorded.Trace, out var trace) || trace.Spec.Targets.Count == 0)
            {
                unknown.Add(recorded.Trace);
                continue;
            }
            hooks.Add(new PlannedHook(trace with { Id = recorded.Id }, trace.Spec.Targets[0], recorded.Point, 0, 0, WithReturn: false));
        }
        return hooks;
    }
}
