using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rendering;

namespace NetTrace.Plugins.Sock;

/// <summary>The sock group's part in --sock, --monitor and --rtt.</summary>
public static class SockModes
{
    /// <summary>The traces --monitor keeps: only abnormal events (retransmits, losses, resets).</summary>
    private static readonly string[] AbnormalTraces =
        ["tcp_retransmit_skb", "tcp_retransmit_timer", "tcp_enter_loss", "tcp_send_active_reset", "tcp_send_reset", "tcp_receive_reset",
            // Kept in the kernel only where it meets a listener whose accept queue is full (nt_sock_cfg.full_listeners_only).
            "tcp_rcv_state_process"];

    /// <summary>RTT events, which --monitor adds only when --tcp-rtt or --tcp-srtt bounds them.</summary>
    private static readonly string[] RttTraces = ["tcp_ack_update_rtt", SockCatalogue.RttProbe];

    /// <summary>
    /// --rtt: tcp_ack_update_rtt's samples (the RTT each ACK measured); without kprobes the tcp_probe tracepoint's
    /// srtt, which the kernel smooths from those samples, at each segment received.
    /// </summary>
    public static RttSource Rtt { get; } = new(
        new TraceSpec("tcp_ack_update_rtt",
        [
            new AttachTarget(AttachKind.Kprobe, "nt_sock_tcp_ack_update_rtt", "tcp_ack_update_rtt"),
            new AttachTarget(AttachKind.RawTracepoint, "nt_sock_tp_probe", SockCatalogue.RttProbe),
        ]) { SockArg = 0, Description = "an RTT is measured" },
        "nt_sock_rtt_hist",
        "--rtt counts the smoothed RTT (srtt) of the tcp_probe tracepoint at each segment received: tcp_ack_update_rtt needs kprobes");

    public static ServedModes Serves { get; } = new() { Sock = true, Monitor = InMonitor, Rtt = Rtt };

    /// <summary>A reset arms a capture by default, named by its trace.</summary>
    public static string? Arm(ITraceEvent ev, IRenderContext context) =>
        ev.Trace.Contains("reset", StringComparison.Ordinal) ? ev.Trace : null;

    private static bool InMonitor(TraceSpec trace, SessionSettings session) =>
        AbnormalTraces.Contains(trace.Name)
        || ((session.TcpRttMs is not null || session.TcpSrttMs is not null) && RttTraces.Contains(trace.Name));
}
