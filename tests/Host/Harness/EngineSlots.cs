using NetTrace.Abstractions.Events;
using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Config;

namespace NetTrace.Tests.Host.Harness;

/// <summary>
/// The engine's object with only its raw tracepoint slots and worker loaded, its worker connected, for tests that
/// run a slot program with BPF_PROG_TEST_RUN.
/// </summary>
public static class EngineSlots
{
    internal static BpfObject Load(EngineConfig engine, NtConfig config, uint heldCalls = 0)
    {
        NativeLibraries.Install();
        var obj = BpfObject.Open(ObjectImage.Embedded(typeof(SkbTracer).Assembly, "engine.bpf.o"), "nt_engine");
        try
        {
            foreach (var program in obj.Programs)
                program.SetAutoload(program.Name.StartsWith("nt_tp_slot", StringComparison.Ordinal) || program.Name == "nt_tp_worker");
            RodataVariable.Write(obj, EngineConfig.VariableName, engine);
            config.Owner = SkbTraceRecord.Owner;
            RodataVariable.Write(obj, NtConfig.VariableName, config);
            if (heldCalls > 0)
                obj.Map("nt_calls").SetMaxEntries(heldCalls);
            obj.Load();
            obj.Map("nt_tp_workers").SetProgram(0, obj.Program("nt_tp_worker"));
            return obj;
        }
        catch
        {
            obj.Dispose();
            throw;
        }
    }
}
