using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;
using NetTrace.Plugins.Sock;

namespace NetTrace.Tests.Unit.Sock;

/// <summary>--sock lines against the seed README's section 3.4 samples, and the decoder's checks.</summary>
public sealed class SockRenderingTests
{
    private sealed class Kernel(int hz = 250) : IRenderContext
    {
        public bool HasDropReasons => true;
        public string Symbolize(ulong address) => $"0x{address:x}";
        public string DropReasonName(uint reason) => "";
        public IReadOnlyList<ulong> Stack(int stackId) => [];
        public int KernelHz => hz;
        public string? EnumName(string enumType, long value) =>
            enumType == SockCatalogue.ResetReasonEnum && value == 2 ? "SK_RST_REASON_NO_SOCKET" : null;
    }

    private static int Index(string trace) => SockCatalogue.Traces.ToList().FindIndex(t => t.Name == trace);

    private static SockRecord Record(string trace, string source, ushort sport, string destination, ushort dport)
    {
        var r = new SockRecord { Trace = (ushort)Index(trace), SourcePort = sport, DestinationPort = dport, State = 1 };
        var s = IPAddress.Parse(source).GetAddressBytes();
        var d = IPAddress.Parse(destination).GetAddressBytes();
        r.Family = (byte)(s.Length == 4 ? 4 : 6);
        s.CopyTo((Span<byte>)r.SourceAddress);
        d.CopyTo((Span<byte>)r.DestinationAddress);
        return r;
    }

    private static string Render(SockRecord record, int hz = 250)
    {
        var line = new StringBuilder();
        var ev = new SockDecoder().Decode(View(record));
        Assert.NotNull(ev);
        new SockRenderer().AppendSummary(line, ev, new Kernel(hz));
        return line.ToString();
    }

    private static RecordView View(SockRecord record) => View(MemoryMarshal.AsBytes(new[] { record }.AsSpan()).ToArray());

    private static RecordView View(byte[] tail) => new(new RecordHeader { Owner = SockPlugin.Owner, Kind = SockRecord.Kind }, tail, tail, default, null);

    [Fact]
    public void Render_RetransTimer_MatchesSeed341()
    {
        var r = Record("tcp_rcv_state_process", "127.0.0.1", 36562, "127.0.0.1", 9999);
        r.PacketsOut = 1;
        r.Timer = 1;
        r.TimerJiffies = 250;

        Assert.Equal("[tcp_rcv_state_process] TCP: 127.0.0.1:36562 -> 127.0.0.1:9999 ESTABLISHED CA_Open info:(1 0) mem:(w0 r0) timer:(retrans, 1.000s)",
            Render(r));
    }

    [Fact]
    public void Render_TimerUsesTheKernelsHz()
    {
        var r = Record("tcp_write_timer_handler", "10.0.0.1", 1, "10.0.0.2", 2);
        r.Timer = 5;
        r.TimerJiffies = 50;

        Assert.EndsWith("timer:(loss_probe, 0.050s)", Render(r, hz: 1000));
    }

    [Fact]
    public void Render_RttUpdate_MatchesSeed342()
    {
        var r = Record("tcp_ack_update_rtt", "10.37.80.82", 22, "10.85.114.159", 53493);
        r.SrttMicroseconds = 37_400;
        r.RttMicroseconds = 36_900;
        r.Flags = SockFlags.HasRtt;

        Assert.Equal("[tcp_ack_update_rtt  ] TCP: 10.37.80.82:22 -> 10.85.114.159:53493 ESTABLISHED CA_Open info:(0 0) mem:(w0 r0) *srtt:37ms, rtt:36ms*",
            Render(r));
    }

    [Fact]
    public void Render_Ipv6_BracketsAddressesApartFromPorts()
    {
        var r = Record("tcp_close", "::1", 40000, "fe80::1", 9999);
        r.State = 8;
        r.CaState = 4;
        r.WriteMemory = 4096;
        r.ReadMemory = 512;

        Assert.Equal("[tcp_close           ] TCP: [::1]:40000 -> [fe80::1]:9999 CLOSE_WAIT CA_Loss info:(0 0) mem:(w4096 r512)", Render(r));
    }

    [Fact]
    public void Render_StateChangeAndResetReason_AsNotes()
    {
        var change = Record("inet_sock_set_state", "127.0.0.1", 1, "127.0.0.1", 2);
        change.Flags = SockFlags.States;
        change.Aux0 = 2;
        change.Aux1 = 1;
        var reset = Record("tcp_send_reset", "127.0.0.1", 9999, "127.0.0.1", 40000);
        reset.State = 7;
        reset.Flags = SockFlags.Reset | SockFlags.FromSkb;
        reset.Aux0 = 2;

        Assert.EndsWith(" *SYN_SENT -> ESTABLISHED*", Render(change));
        Assert.EndsWith("CLOSE CA_Open info:(0 0) mem:(w0 r0) *reset reason: NO_SOCKET*", Render(reset));
    }

    [Fact]
    public void Decode_DamagedRecords_AreRefused()
    {
        var good = Record("tcp_close", "10.0.0.1", 1, "10.0.0.2", 2);
        var badTrace = good;
        badTrace.Trace = 999;
        var badFamily = good;
        badFamily.Family = 0;
        byte[] whole = MemoryMarshal.AsBytes(new[] { good }.AsSpan()).ToArray();

        Assert.Null(new SockDecoder().Decode(View(whole[..^1])));
        Assert.Null(new SockDecoder().Decode(View(badTrace)));
        Assert.Null(new SockDecoder().Decode(View(badFamily)));
        Assert.NotNull(new SockDecoder().Decode(View(whole)));
    }

    [Fact]
    public void Catalogue_IndexesMatchTheBpfPrograms()
    {
        // bpf/sock.bpf.c stamps these indexes; a reordering of the catalogue would mislabel every line.
        Assert.Equal(0, Index("inet_listen"));
        Assert.Equal(8, Index("tcp_retransmit_skb"));
        Assert.Equal(11, Index("tcp_close"));
        Assert.Equal(12, Index("tcp_ack_update_rtt"));
        Assert.Equal(13, Index("inet_sock_set_state"));
        Assert.Equal(14, Index("tcp_probe"));
        Assert.Equal(15, Index("tcp_send_reset"));
        Assert.Equal(17, Index("tcp_destroy_sock"));
        Assert.Equal(22, Index("tcp_ack_probe"));
        Assert.Equal(29, Index("tcp_rcv_spurious_retrans"));
        Assert.Equal(31, Index("__tcp_push_pending_frames"));
        Assert.Equal(32, SockCatalogue.Traces.Count);
        Assert.False(SockCatalogue.Traces[Index("tcp_ack_update_rtt")].DefaultOn);
        // Hit for (nearly) every ACK or segment sent: named with -t only.
        Assert.All(["tcp_rearm_rto", "tcp_event_new_data_sent", "tcp_schedule_loss_probe", "tcp_sendmsg_locked", "__tcp_push_pending_frames"], t => Assert.False(SockCatalogue.Traces[Index(t)].DefaultOn));
        Assert.All(SockCatalogue.Traces.SelectMany(t => t.Targets), t => Assert.StartsWith("nt_sock_", t.Program));
    }
}
