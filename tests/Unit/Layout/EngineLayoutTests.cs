using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rules;
using NetTrace.Bpf;
using NetTrace.Host.Engine;
using NetTrace.Host.Modes.Monitor;

namespace NetTrace.Tests.Unit.Layout;

/// <summary>The generic skb tracer's record, config and return rules against the BTF of the compiled engine object.</summary>
public sealed class EngineLayoutTests
{
    [Fact]
    public void Layout_SkbTraceRecord_MatchesBtfAfterPacketPrefix()
    {
        using var obj = OpenEngineObject();
        var btf = obj.Btf.Struct("nt_skb_event")!.Value;
        int prefix = btf.Members[0].Size;
        Assert.Equal(Marshal.SizeOf<RecordHeader>() + Marshal.SizeOf<PacketMeta>() + Marshal.SizeOf<PacketCapture>(), prefix);
        MirrorLayout.AssertPairs(btf.Members.Where(m => m.Name is not ("base" or "extra")), typeof(SkbTraceRecord), prefix,
            ("ret", nameof(SkbTraceRecord.Ret)), ("aux0", nameof(SkbTraceRecord.Aux0)), ("aux1", nameof(SkbTraceRecord.Aux1)),
            ("trace", nameof(SkbTraceRecord.Trace)), ("flags", nameof(SkbTraceRecord.Flags)), ("stack_id", nameof(SkbTraceRecord.StackId)),
            ("mark", nameof(SkbTraceRecord.Mark)), ("latency_span", nameof(SkbTraceRecord.LatencySpan)));
        // Recording format 1's records end before the mark: the decoder tells them apart by that length.
        Assert.Equal(SkbTraceRecord.LegacySize, btf.Members.Single(m => m.Name == "mark").Offset - prefix);
        // The extra follows the fixed part directly and is sent only when a plugin filled it.
        var extra = btf.Members.Single(m => m.Name == "extra");
        Assert.Equal(prefix + Unsafe.SizeOf<SkbTraceRecord>(), extra.Offset);
        Assert.Equal(SkbExtraRecord.Size, extra.Size);
        Assert.Equal(btf.Size, extra.Offset + extra.Size);
    }

    [Fact]
    public void Layout_SkbExtraRecord_MatchesBtf()
    {
        using var obj = OpenEngineObject();
        var btf = obj.Btf.Struct("nt_skb_extra")!.Value;
        var members = btf.Members.ToDictionary(m => m.Name);
        Assert.Equal(SkbExtraRecord.Size, btf.Size);
        Assert.Equal(Marshal.SizeOf<SkbExtraRecord>(), btf.Size);
        Assert.Equal(members["kind"].Offset, (int)Marshal.OffsetOf<SkbExtraRecord>(nameof(SkbExtraRecord.Kind)));
        Assert.Equal(members["pf"].Offset, (int)Marshal.OffsetOf<SkbExtraRecord>(nameof(SkbExtraRecord.Pf)));
        Assert.Equal(members["hook"].Offset, (int)Marshal.OffsetOf<SkbExtraRecord>(nameof(SkbExtraRecord.Hook)));
        Assert.Equal(members["nhooks"].Offset, (int)Marshal.OffsetOf<SkbExtraRecord>(nameof(SkbExtraRecord.HookCount)));
        Assert.Equal(8, (int)Marshal.OffsetOf<SkbExtraRecord>(nameof(SkbExtraRecord.Bytes)));
    }

    [Fact]
    public void Layout_EngineConfig_MatchesBtf()
    {
        using var obj = OpenEngineObject();
        var btf = obj.Btf.Struct("nt_engine_cfg")!.Value;
        var members = btf.Members.ToDictionary(m => m.Name);
        Assert.Equal(members["track"].Offset, (int)Marshal.OffsetOf<EngineConfig>(nameof(EngineConfig.Track)));
        Assert.Equal(members["pkt_fixed"].Offset, (int)Marshal.OffsetOf<EngineConfig>(nameof(EngineConfig.PacketFixed)));
        Assert.Equal(members["monitor"].Offset, (int)Marshal.OffsetOf<EngineConfig>(nameof(EngineConfig.Monitor)));
        Assert.Equal(members["func_stats"].Offset, (int)Marshal.OffsetOf<EngineConfig>(nameof(EngineConfig.FuncStats)));
        Assert.Equal(members["latency"].Offset, (int)Marshal.OffsetOf<EngineConfig>(nameof(EngineConfig.Latency)));
        Assert.Equal(members["latency_free"].Offset, (int)Marshal.OffsetOf<EngineConfig>(nameof(EngineConfig.LatencyFree)));
        Assert.Equal(members["latency_min_ns"].Offset, (int)Marshal.OffsetOf<EngineConfig>(nameof(EngineConfig.LatencyMinNs)));
        Assert.Equal(members["slot_cookie"].Offset, (int)Marshal.OffsetOf<EngineConfig>(nameof(EngineConfig.SlotCookie)));
        Assert.Equal(EngineConfig.Slots * sizeof(ulong), members["slot_cookie"].Size);
        Assert.Equal(btf.Size, Unsafe.SizeOf<EngineConfig>());
    }

    [Fact]
    public void Layout_FexitSlots_MatchesBtf()
    {
        using var obj = OpenEngineObject();
        var btf = obj.Btf.Struct("nt_fexit_cfg")!.Value;
        var members = btf.Members.ToDictionary(m => m.Name);
        Assert.Equal(members["cookie"].Offset, (int)Marshal.OffsetOf<FexitSlots>(nameof(FexitSlots.Cookie)));
        Assert.Equal(members["skb_arg"].Offset, (int)Marshal.OffsetOf<FexitSlots>(nameof(FexitSlots.SkbArg)));
        Assert.Equal(FexitSlots.Count * sizeof(ulong), members["cookie"].Size);
        Assert.Equal(btf.Size, Unsafe.SizeOf<FexitSlots>());
        Assert.All(Enumerable.Range(0, FexitSlots.Count), slot => Assert.NotNull(obj.Programs.SingleOrDefault(p => p.Name == FexitSlots.Program(slot))));
    }

    [Fact]
    public void Layout_EntryGate_MatchesBtf()
    {
        using var obj = OpenEngineObject();
        MirrorLayout.AssertStruct(obj, "nt_gate", typeof(NtGate), ("refuse", nameof(NtGate.Refuse)), ("following", nameof(NtGate.Following)));
        Assert.Contains(EntryGate.MapName, PluginEntries.SharedMaps);
    }

    [Fact]
    public void Layout_ReturnRule_MatchesBtf()
    {
        using var obj = OpenEngineObject();
        MirrorLayout.AssertStruct(obj, "nt_ret_rule", typeof(NtRetRule),
            ("nclauses", nameof(NtRetRule.ClauseCount)), ("clauses", nameof(NtRetRule.Clauses)));
        MirrorLayout.AssertStruct(obj, "nt_ret_clause", typeof(NtRetClause),
            ("nterms", nameof(NtRetClause.TermCount)), ("terms", nameof(NtRetClause.Terms)));
        MirrorLayout.AssertStruct(obj, "nt_ret_term", typeof(NtRetTerm),
            ("op", nameof(NtRetTerm.Op)), ("view", nameof(NtRetTerm.View)), ("value", nameof(NtRetTerm.Value)));
    }

    [Fact]
    public void Layout_ReturnTermEnums_MatchBtf()
    {
        using var obj = OpenEngineObject();
        MirrorLayout.AssertEnum(obj, "nt_ret_op",
            ("NT_OP_EQ", ReturnOp.Equal), ("NT_OP_NE", ReturnOp.NotEqual), ("NT_OP_LT", ReturnOp.Less),
            ("NT_OP_LE", ReturnOp.LessOrEqual), ("NT_OP_GT", ReturnOp.Greater), ("NT_OP_GE", ReturnOp.GreaterOrEqual));
        MirrorLayout.AssertEnum(obj, "nt_ret_view",
            ("NT_VIEW_INT", ReturnView.Int), ("NT_VIEW_LOW8", ReturnView.Low8), ("NT_VIEW_HIGH16", ReturnView.High16));
    }

    private static BpfObject OpenEngineObject() => MirrorLayout.Open(typeof(SkbTracer).Assembly, "engine.bpf.o", "engine");
}
