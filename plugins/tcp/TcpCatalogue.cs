using NetTrace.Abstractions.Plugins;
using static NetTrace.Plugins.Shared.SkbTrace;

namespace NetTrace.Plugins.Tcp;

/// <summary>
/// TCP's packet path; tcp-in's listener traces read the accept and SYN queues first (bpf/tcp.bpf.c), then hand
/// the hit to the host's generic skb tracer. Socket-only functions (tcp_sendmsg_locked, __tcp_push_pending_frames, the
/// state and congestion traces) take no skb and belong to --sock's tracer, not to this catalogue.
/// </summary>
internal static class TcpCatalogue
{
    public static TraceGroup In { get; } = new("tcp-in", TcpObject.InOwner, TcpObject.Open,
    [
        Function("tcp_v4_rcv"),
        Function("tcp_v6_rcv"),
        Tracepoint("tcp_bad_csum").Means("bad TCP checksum"),
        Function("__inet_lookup_listener", skb: 2).Returns("ret NULL: no socket listens on the port"),
        Function("inet6_lookup_listener", skb: 2).Returns("ret NULL: no socket listens on the port"),
        Function("tcp_filter", skb: 1, sock: 0).Means("the socket's BPF filter runs"),
        Function("tcp_child_process", skb: 2, sock: 0).Means("the handshake completes on a new child socket"),
        Function("tcp_v4_send_reset", skb: 1, sock: 0).Means("a RST answers this skb"),
        Function("tcp_v6_send_reset", skb: 1, sock: 0).Means("a RST answers this skb"),
        Function("tcp_v4_do_rcv", skb: 1, sock: 0),
        Function("tcp_v6_do_rcv", skb: 1, sock: 0),
        Function("tcp_rcv_established", skb: 1, sock: 0),
        Function("tcp_rcv_state_process", skb: 1, sock: 0).Means("a segment on a socket not yet (or no longer) established"),
        Function("tcp_queue_rcv", skb: 1, sock: 0).Means("in-order data joins the receive queue"),
        Function("tcp_data_queue_ofo", skb: 1, sock: 0).Means("out-of-order data is queued"),
        Function("tcp_ack", skb: 1, sock: 0).Off().Means("an ACK is processed (every segment: noisy)"),
        new TraceSpec("tcp_conn_request", [AttachTarget.Entry("nt_conn_request", "tcp_conn_request")]) { SkbArg = 3, SockArg = 2 }
            .Means("a SYN reaches a listener: dropped if its accept queue (or, without SYN cookies, its SYN queue) is full"),
        new TraceSpec("tcp_v4_syn_recv_sock", [AttachTarget.Entry("nt_syn_recv_sock", "tcp_v4_syn_recv_sock")]) { SkbArg = 1, SockArg = 0 }
            .Means("the handshake's last ACK makes the child socket: dropped if the accept queue is full"),
        new TraceSpec("tcp_v6_syn_recv_sock", [AttachTarget.Entry("nt_syn_recv_sock", "tcp_v6_syn_recv_sock")]) { SkbArg = 1, SockArg = 0 }
            .Means("the handshake's last ACK makes the child socket: dropped if the accept queue is full"),
    ], [], null, new ListenerRenderer())
    {
        Description = "TCP receive, and the listener's queues a connection request meets",
    };

    public static TraceGroup Out { get; } = TraceGroup.Generic("tcp-out", "TCP transmit",
    [
        // Data joins the write queue (the name changed in 5.x): the start of upstream's send-path latency recipes,
        // followed by its socket's flow. Off unless named: the queued skb lives until acknowledged, and every
        // transmit clones it, so a default lifecycle would gather a connection's whole history.
        Function("skb_entail", skb: 1, sock: 0).ByItsSocket().Off().Means("new data joins the socket's write queue (followed by its socket's flow)"),
        Function("tcp_skb_entail", skb: 1, sock: 0).ByItsSocket().Off().Means("new data joins the socket's write queue (followed by its socket's flow)"),
        Function("__tcp_transmit_skb", skb: 1, sock: 0).Returns("ret != 0: not handed to IP"),
        Function("__tcp_retransmit_skb", skb: 1, sock: 0).Means("a segment is retransmitted"),
        // Every ACKed segment passes here: off unless named (upstream's "queued to ACKed" latency recipe ends here).
        Function("tcp_rate_skb_delivered", skb: 1, sock: 0).Off().Means("the peer acknowledged the segment"),
    ]);
}
