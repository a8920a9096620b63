using NetTrace.Abstractions.Plugins;

namespace NetTrace.Host.Engine;

/// <summary>
/// How one trace will be hooked: the chosen target, what is really hooked (<see cref="Point"/>: the
/// kernel symbol or tracepoint), its address for functions, the cookie, and whether a return probe
/// goes with it.
/// </summary>
internal sealed record PlannedHook(CatalogTrace Trace, AttachTarget Target, string Point, ulong Address, ulong Cookie, bool WithReturn)
{
    /// <summary>Hooked by an fexit program (--monitor on BPF trampolines), which sees arguments and return at once.</summary>
    public bool OnTrampoline { get; init; }

    public bool IsFunction => Target.Kind == AttachKind.Kprobe;

    /// <summary>A function whose entry program is its group's own (it reads more than the skb).</summary>
    public bool IsPluginEntry => IsFunction && !Target.IsGeneric;

    public string Method => OnTrampoline ? "fexit" : IsFunction ? (WithReturn ? "kprobe+kretprobe" : "kprobe") : "raw_tp";
}
