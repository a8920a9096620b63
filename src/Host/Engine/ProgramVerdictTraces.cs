using NetTrace.Abstractions.Plugins;
using NetTrace.Bpf;

namespace NetTrace.Host.Engine;

/// <summary>A watched program and its traces in id order: tc's ingress and egress (whose id is the next), XDP's one.</summary>
internal sealed record WatchedProgram(LoadedProgram Program, IReadOnlyList<CatalogTrace> Traces)
{
    public CatalogTrace First => Traces[0];
}

/// <summary>
/// --bpf-progs: the loaded tc and XDP programs as traces of a group named "bpf-progs" after the catalogue's, one per
/// place a program runs (a tc program's ingress and egress, an XDP program's frame), so records, lifecycles, rules and
/// recordings treat a program's verdict as any traced function's return. A program loaded without BTF cannot be
/// watched (fexit binds to a function of its BTF) and is listed apart.
/// </summary>
internal static class ProgramVerdictTraces
{
    public const string Name = "bpf_progs";

    public const string Description = "the verdicts of the tc and XDP BPF programs loaded in the kernel (--bpf-progs)";

    /// <summary>The group for the programs that have BTF; <paramref name="withoutBtf"/> gets the others.</summary>
    public static TraceGroup Group(IReadOnlyList<LoadedProgram> programs, out List<LoadedProgram> withoutBtf)
    {
        withoutBtf = [.. programs.Where(p => p.Function is null)];
        var traces = new List<TraceSpec>();
        foreach (var program in programs.Where(p => p.Function is not null).OrderBy(p => p.Id))
        {
            bool shared = programs.Count(p => p.Kind == program.Kind && p.Name == program.Name) > 1;
            string name = program.Name + (shared ? $"#{program.Id}" : "");
            string[] hooks = program.Kind == LoadedProgramKind.Tc ? [BpfVerdicts.TcIngressHook, BpfVerdicts.TcEgressHook] : [BpfVerdicts.XdpHook];
            foreach (string hook in hooks)
            {
                traces.Add(new TraceSpec($"{hook}:{name}", [Target(program)])
                {
                    DefaultOn = false,
                    NeedsReturn = true,
                    Description = $"BPF program id {program.Id} ({program.Function}), its verdict at {hook}",
                });
            }
        }
        return TraceGroup.Generic(Name, Description, traces);
    }

    /// <summary>Where a trace of this group attaches: fexit on the program, named by its id.</summary>
    public static AttachTarget Target(LoadedProgram program) => new(AttachKind.Fexit, program.Kind == LoadedProgramKind.Tc ? "nt_tc_verdict" : "nt_xdp_verdict", $"prog:{program.Id}");

    /// <summary>The programs of <paramref name="catalog"/>'s group, each with its first trace.</summary>
    public static List<WatchedProgram> Watched(TraceCatalog catalog, IReadOnlyList<LoadedProgram> programs)
    {
        var byTarget = programs.ToDictionary(p => $"prog:{p.Id}");
        return [.. catalog.Traces.Where(t => t.Group.Name == Name)
            .GroupBy(t => t.Spec.Targets[0].Target)
            .Select(g => new WatchedProgram(byTarget[g.Key], [.. g.OrderBy(t => t.Id)]))];
    }
}
