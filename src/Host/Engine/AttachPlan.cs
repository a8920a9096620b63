namespace NetTrace.Host.Engine;

/// <summary>The outcome of planning: the hooks to attach and the traces left out.</summary>
internal sealed record AttachPlan(IReadOnlyList<PlannedHook> Hooks, IReadOnlyList<SkippedTrace> Skipped);
