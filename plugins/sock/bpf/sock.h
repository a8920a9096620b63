/* The socket tracer's record. C# mirrors it in plugins/sock/SockRecord.cs; a test compares both
 * layouts through the compiled object's BTF. */
#ifndef NT_SOCK_H
#define NT_SOCK_H

#include "nt_event.h"

#define NT_SOCK_KIND 1

/* Record flags. */
#define NT_SOCK_HAS_RTT 1    /* rtt_us is a measurement taken by this hit (tcp_ack_update_rtt) */
#define NT_SOCK_FROM_SKB 2   /* no socket: the tuple is the skb's, reversed (tcp_send_reset) */
#define NT_SOCK_STATES 4     /* aux0/aux1 are the old and new TCP states (inet_sock_set_state) */
#define NT_SOCK_RESET 8      /* aux0 is the reset reason (tcp_send_reset on kernels that report one) */
#define NT_SOCK_BACKLOG 16   /* a listener: aux0 is its accept queue length, aux1 its listen() backlog */

struct nt_sock_event {
	struct nt_record_hdr hdr;
	struct nt_pkt_meta meta; /* skb holds the sock's address */
	__u8 saddr[16];          /* local address (IPv4 in the first 4 bytes) */
	__u8 daddr[16];          /* remote address */
	__u16 sport;             /* local port, host order */
	__u16 dport;             /* remote port, host order */
	__u8 family;             /* 4 or 6 */
	__u8 state;              /* TCP_* */
	__u8 ca_state;           /* TCP_CA_* */
	__u8 timer;              /* icsk_pending: ICSK_TIME_* or 0 */
	__u32 packets_out;
	__u32 retrans_out;
	__s32 wmem;              /* sk_wmem_queued */
	__s32 rmem;              /* sk_rmem_alloc */
	__s64 timer_jiffies;     /* until the pending timer fires; may be negative (user space knows HZ) */
	__u32 rcvbuf;            /* sk_rcvbuf: the receive buffer limit rmem grows towards */
	__u32 srtt_us;
	__u32 rtt_us;            /* the hit's own measurement, else the socket's latest sample */
	__u32 aux0;
	__u32 aux1;
	__u16 trace;             /* enum nt_sock_trace */
	__u16 flags;             /* NT_SOCK_* */
};

/* The trace id stamped on each record: the trace's position in plugins/sock/SockCatalogue.cs. Each constant is
 * NT_SOCK_TRACE_ followed by the catalogue's trace name exactly (kept lower case so a program's macro can paste
 * it from the traced function's name); a unit test reads the enum from the object's BTF and compares. */
enum nt_sock_trace {
	NT_SOCK_TRACE_inet_listen,
	NT_SOCK_TRACE_tcp_rcv_state_process,
	NT_SOCK_TRACE_tcp_ack,
	NT_SOCK_TRACE___tcp_transmit_skb,
	NT_SOCK_TRACE_tcp_write_timer_handler,
	NT_SOCK_TRACE_tcp_retransmit_timer,
	NT_SOCK_TRACE_tcp_enter_recovery,
	NT_SOCK_TRACE_tcp_enter_loss,
	NT_SOCK_TRACE_tcp_retransmit_skb,
	NT_SOCK_TRACE_tcp_send_loss_probe,
	NT_SOCK_TRACE_tcp_send_active_reset,
	NT_SOCK_TRACE_tcp_close,
	NT_SOCK_TRACE_tcp_ack_update_rtt,
	NT_SOCK_TRACE_inet_sock_set_state,
	NT_SOCK_TRACE_tcp_probe,
	NT_SOCK_TRACE_tcp_send_reset,
	NT_SOCK_TRACE_tcp_receive_reset,
	NT_SOCK_TRACE_tcp_destroy_sock,
	NT_SOCK_TRACE_tcp_send_probe0,
	NT_SOCK_TRACE_tcp_try_keep_open,
	NT_SOCK_TRACE_tcp_enter_cwr,
	NT_SOCK_TRACE_tcp_dsack_set,
	NT_SOCK_TRACE_tcp_ack_probe,
	NT_SOCK_TRACE_tcp_probe_timer,
	NT_SOCK_TRACE_tcp_fastretrans_alert,
	NT_SOCK_TRACE_tcp_rearm_rto,
	NT_SOCK_TRACE_tcp_event_new_data_sent,
	NT_SOCK_TRACE_tcp_schedule_loss_probe,
	NT_SOCK_TRACE_tcp_rtx_synack,
	NT_SOCK_TRACE_tcp_rcv_spurious_retrans,
	NT_SOCK_TRACE_tcp_sendmsg_locked,
	NT_SOCK_TRACE___tcp_push_pending_frames,
};

/* Set by the host before load: the RTT filters of --tcp-rtt and --tcp-srtt, in microseconds, and the modes' switches. */
struct nt_sock_cfg {
	__u32 min_rtt_us;
	__u32 min_srtt_us;
	__u32 full_listeners_only; /* --monitor: tcp_rcv_state_process only on a listener whose accept queue is full */
	__u32 rtt_hist;            /* --rtt: each RTT sample is counted in nt_sock_rtt_hist (µs), no record is sent */
};

_Static_assert(sizeof(struct nt_sock_event) == 160, "sock event layout");

#endif
