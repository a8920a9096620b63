using System.Buffers.Binary;
using NetTrace.Abstractions.Events;
using NetTrace.Host.Bpf;
using NetTrace.Host.Config;
using NetTrace.Host.Engine;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Engine;

/// <summary>
/// The engine's raw tracepoint path run for real (BPF_PROG_TEST_RUN: a slot program hands off to the worker by tail
/// call), its maps prepared and read back around the runs.
/// </summary>
public sealed class EngineWorkerTests
{
    private const ulong Skb = 0xffff_8880_0000_1000; // never dereferenced but through probe reads, which fail safely

    /// <summary>Calls whose return never came (kretprobe instances exhausted) fill the map; the next call is still held.</summary>
    [RootFact]
    public void Worker_HeldCallsMapFullOfCallsThatNeverReturned_StillHoldsTheNextCall()
    {
        const uint heldCalls = 4;
        using var engine = LoadEngine(k => (ulong)EngineCookie.Return | ((ulong)k + 1), heldCalls);
        var calls = engine.Map("nt_calls");

        for (int slot = 0; slot < EngineConfig.Slots; slot++)
            RawTracepointRun.Run(engine.Program($"nt_tp_slot{slot}"), Skb, 0, 0);
        ulong pidTgid = RawTracepointRun.CurrentPidTgid;

        var key = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(key, pidTgid);
        BinaryPrimitives.WriteUInt64LittleEndian(key.AsSpan(8), (ulong)EngineCookie.Return | EngineConfig.Slots);
        Assert.True(calls.TryLookup(key, new byte[calls.ValueSize]), "the last call's record is not held");
        Assert.Equal(0UL, engine.Map("nt_lost").SumPerCpu(0));
    }

    /// <summary>The engine with its raw tracepoint slots and worker only, slot k's cookie given.</summary>
    private static BpfObject LoadEngine(Func<int, ulong> slotCookie, uint heldCalls = 0)
    {
        NativeLibraries.Install();
        var obj = BpfObject.Open(ObjectImage.Embedded("engine.bpf.o"), "nt_engine");
        try
        {
            foreach (var program in obj.Programs)
                program.SetAutoload(program.Name.StartsWith("nt_tp_slot", StringComparison.Ordinal) || program.Name == "nt_tp_worker");
            var cookies = new EngineConfig.SlotCookies();
            for (int k = 0; k < EngineConfig.Slots; k++)
                cookies[k] = slotCookie(k);
            RodataVariable.Write(obj, EngineConfig.VariableName, new EngineConfig { SlotCookie = cookies });
            RodataVariable.Write(obj, NtConfig.VariableName, new NtConfig { Owner = SkbTraceRecord.Owner });
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
