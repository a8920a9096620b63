/* What the tcp plugin's entry programs read from the listener a connection request meets: placed in the payload
 * of struct nt_skb_extra (nt_handoff.h), whose kind is NT_EXTRA_LISTENER. C# reads it in
 * Abstractions/Events/ListenerEvidence.cs. */
#ifndef NT_LISTEN_H
#define NT_LISTEN_H

struct nt_listen_evidence {
	__u32 accept_queue;   /* sk_ack_backlog: handshakes done, waiting for accept() */
	__u32 accept_backlog; /* sk_max_ack_backlog: the listen() backlog, capped by net.core.somaxconn */
	__u32 syn_queue;      /* icsk_accept_queue.qlen: requests still in the handshake */
	__u32 pad;
};

_Static_assert(sizeof(struct nt_listen_evidence) == 16, "listen evidence layout");

#endif
