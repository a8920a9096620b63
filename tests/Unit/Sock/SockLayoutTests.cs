using System.Runtime.InteropServices;
using NetTrace.Abstractions.Events;
using NetTrace.Bpf;
using NetTrace.Plugins.Sock;
using NetTrace.Tests.Unit.Layout;

namespace NetTrace.Tests.Unit.Sock;

/// <summary>The C# mirrors of the sock record and config, the trace ids and every program name against the compiled object.</summary>
public sealed class SockLayoutTests
{
    [Fact]
    public void Layout_SockRecord_MatchesBtf()
    {
        using var obj = Open();
        var btf = obj.Btf.Struct("nt_sock_event")!.Value;
        var members = btf.Members.ToDictionary(m => m.Name);
        int header = Marshal.SizeOf<RecordHeader>();
        Assert.Equal(btf.Size, header + Marshal.SizeOf<SockRecord>());
        (string C, string Cs)[] pairs =
        [
            ("meta", nameof(SockRecord.Meta)), ("saddr", nameof(SockRecord.SourceAddress)), ("daddr", nameof(SockRecord.DestinationAddress)),
            ("sport", nameof(SockRecord.SourcePort)), ("dport", nameof(SockRecord.DestinationPort)), ("family", nameof(SockRecord.Family)),
            ("state", nameof(SockRecord.State)), ("ca_state", nameof(SockRecord.CaState)), ("timer", nameof(SockRecord.Timer)),
            ("packets_out", nameof(SockRecord.PacketsOut)), ("retrans_out", nameof(SockRecord.RetransOut)), ("wmem", nameof(SockRecord.WriteMemory)),
            ("rmem", nameof(SockRecord.ReadMemory)), ("timer_jiffies", nameof(SockRecord.TimerJiffies)), ("srtt_us", nameof(SockRecord.SrttMicroseconds)),
            ("rtt_us", nameof(SockRecord.RttMicroseconds)), ("rcvbuf", nameof(SockRecord.RcvBuf)), ("aux0", nameof(SockRecord.Aux0)), ("aux1", nameof(SockRecord.Aux1)),
            ("trace", nameof(SockRecord.Trace)), ("flags", nameof(SockRecord.Flags)),
        ];
        foreach (var (c, cs) in pairs)
            Assert.True(members[c].Offset - header == (int)Marshal.OffsetOf<SockRecord>(cs), $"{c} vs {cs}");
    }

    [Fact]
    public void Layout_SockConfig_MatchesBtf()
    {
        using var obj = Open();
        MirrorLayout.AssertStruct(obj, "nt_sock_cfg", typeof(NtSockConfig),
            ("min_rtt_us", nameof(NtSockConfig.MinRttMicroseconds)), ("min_srtt_us", nameof(NtSockConfig.MinSrttMicroseconds)),
            ("full_listeners_only", nameof(NtSockConfig.FullListenersOnly)), ("rtt_hist", nameof(NtSockConfig.RttHistogram)));
        Assert.True(obj.Btf.VariableOffset(".rodata", NtSockConfig.VariableName) >= 0, $"{NtSockConfig.VariableName} is not in .rodata");
    }

    [Fact]
    public void TraceIds_EnumInBtf_AreTheCataloguePositions()
    {
        // Every record's trace id is a constant of enum nt_sock_trace: NT_SOCK_TRACE_ + the trace's name.
        using var obj = Open();
        var ids = obj.Btf.Enum("nt_sock_trace");
        Assert.True(ids is not null, "enum nt_sock_trace is not in the object's BTF");
        var expected = SockCatalogue.Traces.Select((t, i) => ("NT_SOCK_TRACE_" + t.Name, (long)i));
        Assert.Equal(expected.OrderBy(e => e.Item2), ids.OrderBy(e => e.Value));
    }

    [Fact]
    public void Object_HasEveryProgramTheCatalogueNames()
    {
        using var obj = Open();
        var programs = obj.Programs.Select(p => p.Name).ToHashSet();
        Assert.All(SockCatalogue.Traces.SelectMany(t => t.Targets), t => Assert.Contains(t.Program, programs));
    }

    private static BpfObject Open() => MirrorLayout.Open(typeof(SockPlugin).Assembly, "sock.bpf.o", "sock");
}
