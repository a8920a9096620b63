using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Host.Session.Output;

namespace NetTrace.Host.Modes.Live;

/// <summary>
/// A session's --bpf-progs: the tc and XDP programs loaded now, added to the catalogue as traces, watched by the
/// tracer, and one line that says which are watched and which could not be (no BTF, or no BPF trampolines).
/// </summary>
internal sealed class BpfProgramsRequest
{
    private readonly List<LoadedProgram> _withoutBtf;

    private BpfProgramsRequest(List<WatchedProgram> watched, List<LoadedProgram> withoutBtf)
    {
        Watched = watched;
        _withoutBtf = withoutBtf;
    }

    /// <summary>The programs to watch, each with its traces.</summary>
    public IReadOnlyList<WatchedProgram> Watched { get; }

    /// <summary>The catalogue with the loaded programs' traces when --bpf-progs asks for them (<paramref name="request"/> set).</summary>
    public static TraceCatalog Extend(TraceCatalog catalog, bool wanted, Log log, out BpfProgramsRequest? request)
    {
        request = null;
        if (!wanted)
            return catalog;
        var programs = LoadedPrograms.TcAndXdp();
        var group = ProgramVerdictTraces.Group(programs, out var withoutBtf);
        var extended = catalog.With(group);
        request = new BpfProgramsRequest(ProgramVerdictTraces.Watched(extended, programs), withoutBtf);
        log.Milestone($"--bpf-progs: {programs.Count} tc and XDP programs loaded, {withoutBtf.Count} of them without BTF");
        return extended;
    }

    /// <summary>What was watched and what was not, in one line on stderr.</summary>
    public void Report(SkbTracer tracer, TextWriter stderr)
    {
        var refused = tracer.Failed.Where(f => f.Trace.Group.Name == ProgramVerdictTraces.Name).ToList();
        var watching = Watched.Where(w => tracer.Attached.Any(h => h.Trace == w.First)).ToList();
        string withoutBtf = _withoutBtf.Count == 0 ? ""
            : $"; left out {_withoutBtf.Count} loaded without BTF, which fexit needs ({string.Join(", ", _withoutBtf.Take(4).Select(Describe))}" +
              (_withoutBtf.Count > 4 ? ", ..." : "") + ")";
        if (Watched.Count + _withoutBtf.Count == 0)
        {
            stderr.WriteLine("nettrace: --bpf-progs: no tc or XDP program is loaded: nothing to watch");
            return;
        }
        if (Watched.Count == 0)
        {
            stderr.WriteLine($"nettrace: --bpf-progs: nothing to watch: the {_withoutBtf.Count} tc and XDP programs loaded have no BTF, which fexit " +
                             $"needs (built without -g: {string.Join(", ", _withoutBtf.Take(4).Select(Describe))}{(_withoutBtf.Count > 4 ? ", ..." : "")})");
            return;
        }
        if (watching.Count == 0 && refused.Count > 0)
        {
            stderr.WriteLine($"nettrace: --bpf-progs: the kernel refused to watch the {Watched.Count} tc and XDP programs " +
                             $"({string.Join(", ", Watched.Take(4).Select(w => Describe(w.Program)))}{(Watched.Count > 4 ? ", ..." : "")}): " +
                             $"fexit on a BPF program needs BPF trampolines ({refused[0].Cause}){withoutBtf}");
            return;
        }
        string left = refused.Count > 0 ? $"; {Watched.Count - watching.Count} refused ({refused[0].Cause}; -v lists them)" : "";
        stderr.WriteLine($"nettrace: --bpf-progs: watching {watching.Count} programs ({string.Join(", ", watching.Select(w => Describe(w.Program)))}){left}{withoutBtf}");
    }

    /// <summary>A left-out trace of this request, which <see cref="Report"/> has spoken for.</summary>
    public static bool Owns(SkippedTrace skipped) => skipped.Trace.Group.Name == ProgramVerdictTraces.Name;

    private static string Describe(LoadedProgram p) => $"{(p.Kind == LoadedProgramKind.Tc ? "tc" : "xdp")} {p.Name} id {p.Id}";
}
