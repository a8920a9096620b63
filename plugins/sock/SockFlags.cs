namespace NetTrace.Plugins.Sock;

/// <summary>Mirror of NT_SOCK_* (plugins/sock/bpf/sock.h).</summary>
[Flags]
public enum SockFlags : ushort
{
    None = 0,

    /// <summary>The RTT is a measurement taken by this hit (tcp_ack_update_rtt).</summary>
    HasRtt = 1,

    /// <summary>No socket: the tuple is the packet's, reversed (a reset answering a packet nobody owns).</summary>
    FromSkb = 2,

    /// <summary>Aux0 and Aux1 are the old and new TCP states (inet_sock_set_state).</summary>
    States = 4,

    /// <summary>Aux0 is the reset reason (tcp_send_reset on kernels that report one).</summary>
    Reset = 8,

    /// <summary>A listener: Aux0 is its accept queue length, Aux1 its listen() backlog.</summary>
    Backlog = 16,
}
