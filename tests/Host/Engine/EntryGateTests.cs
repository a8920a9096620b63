using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;
using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Host.Engine.Config;
using NetTrace.Tests.Host.Harness;

namespace NetTrace.Tests.Host.Engine;

/// <summary>
/// The entry programs' filter before the hand-off (nt_entry_filter.h), run for real with BPF_PROG_TEST_RUN on a raw
/// tracepoint slot. The hit's skb cannot be read (its probe reads fail), so it parses as no protocol: a TCP filter
/// refuses it. A refused hit must leave the hand-off slots untouched (no tail call, no worker).
/// </summary>
public sealed class EntryGateTests
{
    private const ulong Skb = 0xffff_8880_0000_2000;

    [RootFact]
    public void Entry_GateOpenAndFilterRefuses_NothingHandedOff()
    {
        using var engine = LoadEngine(tcpOnly: true);
        EntryGate.Open(engine, Settings(FuncStatsMode.Off));

        RawTracepointRun.Run(engine.Program("nt_tp_slot0"), Skb, 0, 0);

        Assert.False(HandedOff(engine));
    }

    [RootFact]
    public void Entry_GateNeverOpened_HitReachesTheWorker()
    {
        using var engine = LoadEngine(tcpOnly: true);

        RawTracepointRun.Run(engine.Program("nt_tp_slot0"), Skb, 0, 0);

        Assert.True(HandedOff(engine));
    }

    /// <summary>Once an skb is followed, its hits must reach the worker whatever their headers say (NAT, a tunnel).</summary>
    [RootFact]
    public void Entry_GateOpenWhileFollowing_HitReachesTheWorker()
    {
        using var engine = LoadEngine(tcpOnly: true);
        EntryGate.Open(engine, Settings(FuncStatsMode.Off));
        var gate = Gate(engine);
        gate.Following = 1;
        WriteGate(engine, gate);

        RawTracepointRun.Run(engine.Program("nt_tp_slot0"), Skb, 0, 0);

        Assert.True(HandedOff(engine));
    }

    [RootFact]
    public void Entry_GateOpenAndNoFilter_HitReachesTheWorker()
    {
        using var engine = LoadEngine(tcpOnly: false);
        EntryGate.Open(engine, Settings(FuncStatsMode.Off));

        RawTracepointRun.Run(engine.Program("nt_tp_slot0"), Skb, 0, 0);

        Assert.True(HandedOff(engine));
    }

    /// <summary>--func-stats without a filter counts every hit in the worker: the gate stays shut.</summary>
    [RootFact]
    public void Open_FuncStatsUnfiltered_LeavesTheGateShut()
    {
        using var engine = LoadEngine(tcpOnly: false);
        EntryGate.Open(engine, Settings(FuncStatsMode.Unfiltered));
        Assert.Equal(0u, Gate(engine).Refuse);
        EntryGate.Open(engine, Settings(FuncStatsMode.Filtered));
        Assert.Equal(1u, Gate(engine).Refuse);
    }

    private static TracerSettings Settings(FuncStatsMode stats) => new(default, Track: true, PacketFixed: false, KprobeMulti: false) { FuncStats = stats };

    /// <summary>Whether any CPU's outermost hand-off slot names the hit's skb.</summary>
    private static bool HandedOff(BpfObject engine)
    {
        var map = engine.Map("nt_handoffs");
        int stride = (int)((map.ValueSize + 7) & ~7u);
        var all = new byte[stride * BpfMap.PossibleCpus];
        Assert.True(map.TryLookup(BitConverter.GetBytes(0u), all));
        return all.Chunk(stride).Any(v => BitConverter.ToUInt64(v, 0) == Skb);
    }

    private static NtGate Gate(BpfObject engine)
    {
        var value = new byte[Marshal.SizeOf<NtGate>()];
        Assert.True(engine.Map(EntryGate.MapName).TryLookup(BitConverter.GetBytes(0u), value));
        return MemoryMarshal.Read<NtGate>(value);
    }

    private static void WriteGate(BpfObject engine, NtGate gate) =>
        engine.Map(EntryGate.MapName).Update(BitConverter.GetBytes(0u), MemoryMarshal.AsBytes(new ReadOnlySpan<NtGate>(in gate)));

    private static BpfObject LoadEngine(bool tcpOnly)
    {
        var cookies = new EngineConfig.SlotCookies();
        cookies[0] = 1;
        var config = new NtConfig();
        if (tcpOnly)
            config.Filter.L4Protocol = 6;
        return EngineSlots.Load(new EngineConfig { Track = 1, SlotCookie = cookies }, config);
    }
}
