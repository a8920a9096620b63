using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rendering;
using NetTrace.Abstractions.Rules;
using NetTrace.Host.Modes;
using NetTrace.Host.Modes.Monitor;
using NetTrace.Host.Session.Diagnosis;
using NetTrace.Host.Session.Output;
using NetTrace.Host.Sinks.Text;
using NetTrace.Plugins.Sock;
using NetTrace.Rules;
using NetTrace.Tests.Unit.Incidents;

namespace NetTrace.Tests.Unit.Sock;

/// <summary>Socket events as rules see them, and the markers the sock group's rules put on --sock and --monitor lines.</summary>
public sealed class SockRuleTests
{
    private static readonly TraceGroup Group = BuiltInPlugins.Catalog().Find("sock")!;

    // Compiled once from the sock plugin's own rules file (no cache: the test compiles what the source says).
    private static readonly Lazy<GroupEventMarkers> Markers =
        new(() => GroupEventMarkers.Load(BuiltInPlugins.Catalog(), ["sock"], cacheDirectory: null, verbose: null)!);

    private sealed class Kernel : IRenderContext
    {
        public bool HasDropReasons => true;
        public string Symbolize(ulong address) => $"0x{address:x}";
        public string DropReasonName(uint reason) => "";
        public IReadOnlyList<ulong> Stack(int stackId) => [];
        public int KernelHz => 250;
        public string? EnumName(string enumType, long value) =>
            enumType == SockCatalogue.ResetReasonEnum && value == 2 ? "SK_RST_REASON_NO_SOCKET" : null;
    }

    private static SockEvent Event(string trace, Func<SockRecord, SockRecord> change, byte state = 1)
    {
        var ev = MonitorEvents.Sock(trace, "10.0.0.1", 40000, "10.0.0.2", 80, state);
        return new SockEvent(change(ev.Record), trace);
    }

    private static string? Text(IRuleEvent view, string field) => view.TryGetText(field, out string value) ? value : null;

    private static long? Number(IRuleEvent view, string field) => view.TryGetNumber(field, out long value) ? value : null;

    private static MonitorRuleEvent View(SockEvent ev) => new(ev, Group, new Kernel());

    private static IEnumerable<string> Messages(SockEvent ev) => Markers.Value.Match("sock", ev, new Kernel()).Select(r => r.Message);

    private static FindingLevel? Level(SockEvent ev) =>
        Markers.Value.Match("sock", ev, new Kernel()).Select(r => (FindingLevel?)r.Level).Max();

    [Fact]
    public void View_EstablishedSocket_GivesStateTimesAndCounters()
    {
        var view = View(Event("tcp_ack", r => r with { SrttMicroseconds = 37_400, RttMicroseconds = 36_900, RetransOut = 2, PacketsOut = 5, CaState = 4, ReadMemory = 100, RcvBuf = 131072 }));

        Assert.Equal("ESTABLISHED", Text(view, "state"));
        Assert.Equal(37, Number(view, "srtt"));
        Assert.Equal(36, Number(view, "rtt"));
        Assert.Equal(2, Number(view, "retrans_out"));
        Assert.Equal(5, Number(view, "packets_out"));
        Assert.Equal("CA_Loss", Text(view, "ca_state"));
        Assert.Equal(131072, Number(view, "rcvbuf"));
        Assert.Equal(0, Number(view, "rcvbuf_full"));
        Assert.Null(Number(view, "accept_queue"));
        Assert.Null(Text(view, "sock"));
    }

    [Fact]
    public void View_Listener_GivesAcceptQueueAndWhetherItIsFull()
    {
        var full = View(Event("tcp_rcv_state_process", r => r with { Flags = SockFlags.Backlog, Aux0 = 2, Aux1 = 1 }, state: 10));
        var room = View(Event("tcp_rcv_state_process", r => r with { Flags = SockFlags.Backlog, Aux0 = 1, Aux1 = 1 }, state: 10));

        Assert.Equal("LISTEN", Text(full, "state"));
        Assert.Equal(2, Number(full, "accept_queue"));
        Assert.Equal(1, Number(full, "accept_backlog"));
        Assert.Equal(1, Number(full, "accept_queue_full"));
        Assert.Equal(0, Number(room, "accept_queue_full"));
    }

    [Fact]
    public void View_ResetWithoutSocket_SaysNoneAndNamesTheReason()
    {
        var view = View(Event("tcp_send_reset", r => r with { Flags = SockFlags.FromSkb | SockFlags.Reset, Aux0 = 2 }, state: 7));

        Assert.Equal("none", Text(view, "sock"));
        Assert.Equal("NO_SOCKET", Text(view, "reset_reason"));
        Assert.Null(Number(view, "rcvbuf"));
    }

    [Fact]
    public void View_StateChange_GivesOldAndNewState()
    {
        var view = View(Event("inet_sock_set_state", r => r with { Flags = SockFlags.States, Aux0 = 2, Aux1 = 1 }));

        Assert.Equal("SYN_SENT", Text(view, "old_state"));
        Assert.Equal("ESTABLISHED", Text(view, "new_state"));
    }

    [Fact]
    public void Rules_EveryUpstreamSocketRule_MarksItsTrace()
    {
        string[] traces = ["inet_listen", "tcp_rcv_state_process", "tcp_close", "tcp_send_active_reset", "tcp_retransmit_timer", "tcp_enter_recovery",
            "tcp_enter_loss", "tcp_try_keep_open", "tcp_enter_cwr", "tcp_dsack_set", "tcp_send_probe0"];

        Assert.All(traces, trace => Assert.NotEmpty(Messages(Event(trace, r => r))));
    }

    [Theory]
    [InlineData("tcp_probe_timer", "the peer's receive window stays closed")]
    [InlineData("tcp_rtx_synack", "the client's handshake ACK did not arrive")]
    [InlineData("tcp_rcv_spurious_retrans", "a spurious retransmission happened")]
    public void Rules_NewRetransmissionTraces_AreWarnings(string trace, string says)
    {
        var ev = Event(trace, r => r);

        Assert.Contains(Messages(ev), m => m.Contains(says, StringComparison.Ordinal));
        Assert.Equal(FindingLevel.Warn, Level(ev));
    }

    [Fact]
    public void Rules_PerAckTraces_CarryNoMarker()
    {
        Assert.All(["tcp_rearm_rto", "tcp_event_new_data_sent", "tcp_schedule_loss_probe"], t => Assert.Empty(Messages(Event(t, r => r))));
    }

    [Fact]
    public void Rules_RetransmissionTimeout_IsAWarning()
    {
        var ev = Event("tcp_retransmit_timer", r => r);

        Assert.Contains("the TCP retransmission timer expired: nothing was acknowledged in time", Messages(ev));
        Assert.Equal(FindingLevel.Warn, Level(ev));
    }

    [Fact]
    public void Rules_SynOnFullListener_IsAnErrorNamingTheCounters()
    {
        var full = Event("tcp_rcv_state_process", r => r with { Flags = SockFlags.Backlog, Aux0 = 2, Aux1 = 1 }, state: 10);
        var room = Event("tcp_rcv_state_process", r => r with { Flags = SockFlags.Backlog, Aux0 = 0, Aux1 = 1 }, state: 10);

        Assert.Contains(Messages(full), m => m.Contains("accept queue is full", StringComparison.Ordinal) && m.Contains("ListenOverflows", StringComparison.Ordinal));
        Assert.Equal(FindingLevel.Error, Level(full));
        Assert.Equal(FindingLevel.Info, Level(room));
    }

    [Fact]
    public void Rules_StackReset_SaysWhetherASocketOwnedTheSegment()
    {
        var noSocket = Event("tcp_send_reset", r => r with { Flags = SockFlags.FromSkb }, state: 7);
        var badState = Event("tcp_send_reset", r => r, state: 2);

        Assert.Contains(Messages(noSocket), m => m.Contains("no socket owns the segment", StringComparison.Ordinal));
        Assert.Equal(FindingLevel.Error, Level(noSocket));
        Assert.Contains(Messages(badState), m => m.Contains("does not fit the socket's state", StringComparison.Ordinal));
        Assert.DoesNotContain(Messages(badState), m => m.Contains("no socket", StringComparison.Ordinal));
    }

    [Fact]
    public void Rules_ReceiveBufferOverLimit_IsAWarning()
    {
        var ev = Event("tcp_probe", r => r with { ReadMemory = 200_000, RcvBuf = 131_072 });

        Assert.Contains(Messages(ev), m => m.Contains("receive buffer is full", StringComparison.Ordinal));
    }

    [Fact]
    public void Rules_PlainAck_CarriesNoMarker()
    {
        Assert.Empty(Messages(Event("tcp_ack", r => r with { RcvBuf = 131_072, ReadMemory = 10 })));
    }

    [Fact]
    public void GroupEventsMode_SockLine_EndsWithTheRulesMarkers()
    {
        var output = new StringWriter();
        var kernel = new Kernel();
        var mode = new GroupEventsMode(new TextEventWriter(output, new EventClock(date: false), detail: false), null, _ => kernel, null)
        {
            Markers = Markers.Value,
        };
        var ev = Event("tcp_retransmit_timer", r => r with { PacketsOut = 1, RetransOut = 1, CaState = 4 });

        mode.Add(Group, ev, default);

        Assert.EndsWith("[tcp_retransmit_timer] TCP: 10.0.0.1:40000 -> 10.0.0.2:80 ESTABLISHED CA_Loss info:(1 1) mem:(w0 r0)"
            + " *the TCP retransmission timer expired: nothing was acknowledged in time*" + Environment.NewLine, output.ToString());
    }
}
