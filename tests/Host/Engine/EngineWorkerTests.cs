using System.Buffers.Binary;
using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;
using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Config;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Engine;

/// <summary>
/// The engine's raw tracepoint path run for real (BPF_PROG_TEST_RUN: a slot program hands off to the worker by tail
/// call) with its per-CPU state prepared as another program, interrupted on this CPU, would have left it.
/// </summary>
public sealed class EngineWorkerTests
{
    private const int Levels = 4;
    private const ulong Skb = 0xffff_8880_0000_1000; // never dereferenced but through probe reads, which fail safely

    [RootFact]
    public void Worker_InsideAnInterruptedProgram_LeavesTheOuterLevelsBuffersAlone()
    {
        using var engine = LoadEngine(k => (ulong)k + 1);
        var scratch = engine.Map("nt_scratch");
        var handoffs = engine.Map("nt_handoffs");
        // The interrupted program holds level 0, its record and hand-off half written.
        SetDepth(engine, 1);
        byte[] outerRecord = WritePerCpu(scratch, 0, 0xa5);
        byte[] outerHandoff = WritePerCpu(handoffs, 0, 0x5a);

        RawTracepointRun.Run(engine.Program("nt_tp_slot0"), Skb, 0, 0);

        Assert.Equal(outerRecord, ReadPerCpu(scratch, 0));
        Assert.Equal(outerHandoff, ReadPerCpu(handoffs, 0));
        Assert.All(Depths(engine), d => Assert.Equal(1u, d));
        // The record was built at level 1 of the CPU it ran on, and went out.
        var built = PerCpuValues(scratch, 1).Select(v => MemoryMarshal.Read<RecordHeader>(v)).ToList();
        Assert.Single(built, h => h.Owner == SkbTraceRecord.Owner && h.Kind == SkbTraceRecord.Kind);
        Assert.Equal(0UL, Lost(engine));
    }

    [RootFact]
    public void Worker_NoLevelLeft_RefusedAndCountedAsLost()
    {
        using var engine = LoadEngine(k => (ulong)k + 1);
        SetDepth(engine, Levels);

        RawTracepointRun.Run(engine.Program("nt_tp_slot0"), Skb, 0, 0);

        Assert.Equal(1UL, Lost(engine));
        Assert.All(Depths(engine), d => Assert.Equal((uint)Levels, d));
        for (uint level = 0; level < Levels; level++)
            Assert.All(ReadPerCpu(engine.Map("nt_scratch"), level), b => Assert.Equal(0, b));
    }

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
        Assert.Equal(0UL, Lost(engine));
    }

    /// <summary>The engine with its raw tracepoint slots and worker only, slot k's cookie given.</summary>
    /// <summary>The engine's lost records, summed over the CPUs.</summary>
    private static ulong Lost(BpfObject engine) => engine.Map("nt_lost").SumPerCpu(0);

    private static BpfObject LoadEngine(Func<int, ulong> slotCookie, uint heldCalls = 0)
    {
        var cookies = new EngineConfig.SlotCookies();
        for (int k = 0; k < EngineConfig.Slots; k++)
            cookies[k] = slotCookie(k);
        return EngineSlots.Load(new EngineConfig { SlotCookie = cookies }, new NtConfig(), heldCalls);
    }

    private static void SetDepth(BpfObject engine, uint depth)
    {
        // A u32 per CPU, each in 8 bytes.
        var values = Enumerable.Repeat((ulong)depth, Cpus).ToArray();
        engine.Map("nt_nest").Update(BitConverter.GetBytes(0u), MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static IEnumerable<uint> Depths(BpfObject engine) =>
        PerCpuValues(engine.Map("nt_nest"), 0).Select(v => BinaryPrimitives.ReadUInt32LittleEndian(v));

    /// <summary>Fills slot <paramref name="key"/> with <paramref name="fill"/> on every CPU; returns what was written.</summary>
    private static byte[] WritePerCpu(BpfMap map, uint key, byte fill)
    {
        var all = new byte[Stride(map) * Cpus];
        Array.Fill(all, fill);
        map.Update(BitConverter.GetBytes(key), all);
        return all;
    }

    private static byte[] ReadPerCpu(BpfMap map, uint key)
    {
        var all = new byte[Stride(map) * Cpus];
        Assert.True(map.TryLookup(BitConverter.GetBytes(key), all));
        return all;
    }

    private static IEnumerable<byte[]> PerCpuValues(BpfMap map, uint key) => ReadPerCpu(map, key).Chunk(Stride(map));

    /// <summary>A per-CPU map's value as the kernel lays them out for user space: each rounded up to 8 bytes.</summary>
    private static int Stride(BpfMap map) => (int)((map.ValueSize + 7) & ~7u);

    private static int Cpus => BpfMap.PossibleCpus;
}
