using NetTrace.Abstractions.Plugins;

namespace NetTrace.Plugins.Sock;

/// <summary>
/// The --sock traces. The position in <see cref="Traces"/> is the id the BPF programs stamp on their records
/// (enum nt_sock_trace in bpf/sock.h, compared with this list by a unit test), so the order is fixed. Functions
/// attach as kprobes; the tracepoints at the end are what a kernel without kprobes still offers
/// (tcp_retransmit_skb falls back to its tracepoint).
/// </summary>
public static class SockCatalogue
{
    /// <summary>The trace whose every hit shows srtt and rtt.</summary>
    public const string RttProbe = "tcp_probe";

    /// <summary>The kernel enum naming tcp_send_reset's reason (6.10 and later), and its names' prefix.</summary>
    public const string ResetReasonEnum = "sk_rst_reason";
    public const string ResetReasonPrefix = "SK_RST_REASON_";

    public static IReadOnlyList<TraceSpec> Traces { get; } =
    [
        Function("inet_listen", "a socket starts listening"),
        Function("tcp_rcv_state_process", "a segment in a state other than ESTABLISHED"),
        Function("tcp_ack", "an ACK is processed"),
        Function("__tcp_transmit_skb", "a segment is sent"),
        Function("tcp_write_timer_handler", "the retransmit/probe timer fires"),
        Function("tcp_retransmit_timer", "retransmission timeout"),
        Function("tcp_enter_recovery", "fast recovery starts"),
        Function("tcp_enter_loss", "loss state after a timeout"),
        new("tcp_retransmit_skb",
        [
            new AttachTarget(AttachKind.Kprobe, "nt_sock_tcp_retransmit_skb", "tcp_retransmit_skb"),
            new AttachTarget(AttachKind.RawTracepoint, "nt_sock_tp_retransmit", "tcp_retransmit_skb"),
        ]) { SockArg = 0, Description = "a segment is retransmitted" },
        Function("tcp_send_loss_probe", "a tail loss probe is sent"),
        Function("tcp_send_active_reset", "the socket resets its connection"),
        Function("tcp_close", "the application closes the socket"),
        Function("tcp_ack_update_rtt", "an RTT is measured (*srtt, rtt*; --tcp-rtt filters on it)") with { DefaultOn = false },
        Tracepoint("inet_sock_set_state", "nt_sock_tp_set_state", "a state change (*OLD -> NEW*)"),
        Tracepoint(RttProbe, "nt_sock_tp_probe", "a segment received on an established socket (*srtt, rtt*)"),
        new("tcp_send_reset",
        [
            new AttachTarget(AttachKind.RawTracepoint, "nt_sock_tp_send_reset_reason", "tcp_send_reset"),
            new AttachTarget(AttachKind.RawTracepoint, "nt_sock_tp_send_reset", "tcp_send_reset"),
        ]) { SockArg = 0, Description = "a reset is sent (with its reason since 6.10)" },
        Tracepoint("tcp_receive_reset", "nt_sock_tp_receive_reset", "a reset is received"),
        Tracepoint("tcp_destroy_sock", "nt_sock_tp_destroy", "the socket is destroyed"),
        Function("tcp_send_probe0", "a zero-window probe is sent"),
        Function("tcp_try_keep_open", "the congestion state may return to Open"),
        Function("tcp_enter_cwr", "the congestion window is reduced (CWR)"),
        Function("tcp_dsack_set", "a duplicate segment arrived: the peer's retransmission was spurious (D-SACK)"),
        Function("tcp_ack_probe", "an ACK arrives while zero-window probing: probing stops once the window opens"),
        Function("tcp_probe_timer", "the zero-window probe timer fires: the peer's window is still closed"),
        // Static and sometimes inlined (then "not in this kernel"); called for dubious ACKs only, so on by default.
        Function("tcp_fastretrans_alert", "a dubious ACK (duplicate, SACK, ECE) drives the loss recovery state machine"),
        // The next three fire for nearly every ACK or segment: named with -t only.
        Function("tcp_rearm_rto", "the retransmission timer is rearmed (per ACK)") with { DefaultOn = false },
        Function("tcp_event_new_data_sent", "a segment of new data is sent") with { DefaultOn = false },
        Function("tcp_schedule_loss_probe", "a tail loss probe is scheduled") with { DefaultOn = false },
        Function("tcp_rtx_synack", "a SYN-ACK is retransmitted (the listener's socket)"),
        Function("tcp_rcv_spurious_retrans", "a segment already received arrives again: a spurious retransmission"),
        // The send path before any segment exists (upstream's tcp group): each write, and each push of the write queue.
        Function("tcp_sendmsg_locked", "the application writes to the socket") with { DefaultOn = false },
        Function("__tcp_push_pending_frames", "the write queue is pushed out (Nagle and corking decide what goes)") with { DefaultOn = false },
    ];

    private static TraceSpec Function(string name, string meaning) =>
        new(name, [new AttachTarget(AttachKind.Kprobe, "nt_sock_" + name, name)]) { SockArg = 0, Description = meaning };

    private static TraceSpec Tracepoint(string name, string program, string meaning) =>
        new(name, [new AttachTarget(AttachKind.RawTracepoint, program, name)]) { SockArg = 0, Description = meaning };
}
