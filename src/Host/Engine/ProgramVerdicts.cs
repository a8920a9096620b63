using NetTrace.Abstractions.Plugins;
using NetTrace.Bpf;
using NetTrace.Host.Engine.Config;

namespace NetTrace.Host.Engine;

/// <summary>
/// --bpf-progs, loaded: one small object per watched tc or XDP program (a tracing program is bound to its target when
/// the kernel loads it), each taking the engine's maps by file descriptor so its hits join the engine's lifecycles,
/// ring and filter. A program the kernel refuses to watch is reported and left out; the others go on.
/// </summary>
internal sealed class ProgramVerdicts : IDisposable
{
    private const string ObjectResource = "prog_verdict.bpf.o";
    private const string ObjectName = "nt_verdict";

    private readonly List<BpfObject> _objects = [];

    /// <summary>Loads and attaches an fexit program for each of <paramref name="watched"/>; made links go to <paramref name="links"/>.</summary>
    public static ProgramVerdicts Attach(BpfObject engine, IReadOnlyList<WatchedProgram> watched, EngineConfig engineConfig,
        NtConfig filtering, List<BpfLink> links, List<PlannedHook> attached, List<SkippedTrace> failed, Action<string> verbose)
    {
        var verdicts = new ProgramVerdicts();
        if (watched.Count == 0)
            return verdicts;
        byte[] image = ObjectImage.Embedded(typeof(ProgramVerdicts).Assembly, ObjectResource);
        foreach (var program in watched)
        {
            var traces = program.Traces;
            try
            {
                links.Add(verdicts.AttachOne(image, engine, program, engineConfig, filtering));
                attached.AddRange(traces.Select(t => Hook(t, program)));
                verbose($"bpf-progs: watching {program.Program.Kind} program {program.Program.Id} ({program.Program.Function})");
            }
            catch (BpfException e)
            {
                string why = e.Message.Split('\n')[0];
                failed.AddRange(traces.Select(t => new SkippedTrace(t, new TargetRefusal(t.Spec.Targets[0], why))));
            }
        }
        return verdicts;
    }

    /// <summary>The hook a watched program's trace stands for in records and recordings.</summary>
    public static PlannedHook Hook(CatalogTrace trace, WatchedProgram program) =>
        new(trace, trace.Spec.Targets[0], trace.Name, 0, trace.Id, WithReturn: false) { OnTrampoline = true };

    private BpfLink AttachOne(byte[] image, BpfObject engine, WatchedProgram watched, EngineConfig engineConfig, NtConfig filtering)
    {
        using var target = LoadedPrograms.Open(watched.Program.Id);
        var obj = BpfObject.Open(image, ObjectName);
        _objects.Add(obj);
        foreach (var map in obj.Maps.Where(m => !m.IsInternal))
        {
            if (engine.TryMap(map.Name) is { } shared)
                map.ReuseFd(shared);
        }
        RodataVariable.Write(obj, EngineConfig.VariableName, engineConfig);
        RodataVariable.Write(obj, NtConfig.VariableName, filtering);
        RodataVariable.Write(obj, ProgramVerdictConfig.VariableName, new ProgramVerdictConfig
        {
            Cookie = watched.First.Id,
            ProgramId = watched.Program.Id,
        });
        string name = watched.First.Spec.Targets[0].Program;
        foreach (var program in obj.Programs)
            program.SetAutoload(program.Name == name);
        var fexit = obj.Program(name);
        fexit.SetAttachTarget(target, watched.Program.Function!);
        obj.Load();
        return fexit.AttachTrace(AttachKind.Fexit, $"prog:{watched.Program.Id}:{watched.Program.Function}", 0);
    }

    public void Dispose()
    {
        foreach (var obj in _objects)
            obj.Dispose();
        _objects.Clear();
    }
}
