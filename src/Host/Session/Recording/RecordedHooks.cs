using NetTrace.Host.Engine;

namespace NetTrace.Host.Session.Recording;

/// <summary>
/// The engine hooks of a recording, rebuilt against today's catalogue: each trace is found by name (ids may
/// have moved since) and keeps the id its recorded records carry.
/// </summary>
internal static class RecordedHooks
{
    public static List<PlannedHook> Rebuild(RecordingHeader header, TraceCatalog catalog, out List<string> unknown)
    {
        var byName = catalog.Traces.ToDictionary(t => t.Name, StringComparer.Ordinal);
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
