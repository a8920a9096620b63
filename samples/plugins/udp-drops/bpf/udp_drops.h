/* The udp-drops group's one record, defined here only. UdpDropRecord.cs mirrors the fields after the packet
 * prefix at the offsets asserted below, so a change on either side fails the build instead of misreading. */
#ifndef UDP_DROPS_H
#define UDP_DROPS_H

#include "nt_event.h"

#define UDPD_KIND_QUEUE_FAIL 1

struct udpd_event {
	struct nt_pkt_event base; /* header {owner, kind, size}, where and when, the datagram from its IP header */
	__s32 rc;                 /* __udp_enqueue_schedule_skb's error: -ENOMEM (rcvbuf), -ENOBUFS (udp_mem) */
	__s32 rcvbuf;             /* sk_rcvbuf: the socket's receive buffer limit, in bytes */
	__s32 rmem;               /* sk_rmem_alloc: bytes already queued on the socket */
	__u32 truesize;           /* what this datagram would have cost the buffer (data plus overhead) */
};

_Static_assert(__builtin_offsetof(struct udpd_event, rc) == 208, "rc follows the packet prefix");
_Static_assert(__builtin_offsetof(struct udpd_event, rcvbuf) == 212, "udpd_event layout");
_Static_assert(__builtin_offsetof(struct udpd_event, rmem) == 216, "udpd_event layout");
_Static_assert(__builtin_offsetof(struct udpd_event, truesize) == 220, "udpd_event layout");
_Static_assert(sizeof(struct udpd_event) == 224, "udpd_event layout");

#endif
