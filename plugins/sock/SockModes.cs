using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rendering;

namespace NetTrace.Plugins.Sock;

/// <summary>The sock group's part in --sock and --monitor.</summary>
public static class SockModes
{
    /// <summary>The traces --monitor keeps: only abnormal events (retransmits, losses, resets).</summary>
    private static readonly string[] AbnormalTraces =
        ["tcp_retransmit_skb", "tcp_retransmit_timer", "tcp_enter_loss", "tcp_send_active_reset", "tcp_send_reset", "tcp_receive_reset",
            // Kept in the kernel only where it meets a listener whose accept queue is full (nt_sock_cfg.full_listeners_only).
            "tcp_rcv_state_process"];

    /// <summary>RTT events, which --monitor adds only when --tcp-rtt or --tcp-srtt bounds them.</summary>
    private static readonly string[] RttTraces = ["tcp_ack_update_rtt", SockCatalogue.RttProbe];

    public static ServedModes Serves { get; } = new() { Sock = true, Monitor = InMonitor };

    /// <summary>A reset arms a capture by default, named by its trace.</summary>
    public static string? Arm(ITraceEvent ev, IRenderContext context) =>
        ev.Trace.Contains("reset", StringComparison.Ordinal) ? ev.Trace : null;

    private static bool InMonitor(TraceSpec trace, SessionSettings session) =>
        AbnormalTraces.Contains(trace.Name)
        || ((session.TcpRttMs is not null || session.TcpSrttMs is not null) && RttTraces.Contains(trace.Name));
}
