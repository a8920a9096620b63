/* Records of the drop group. Mirrored by plugins/drop/DropRecord.cs. */
#ifndef NT_DROP_H
#define NT_DROP_H

#include "nt_event.h"

#define NT_DROP_KIND_DROP 1

struct nt_drop_event {
	struct nt_pkt_event base;
	__u64 location;  /* the kernel address that freed the skb */
	__u32 reason;    /* enum skb_drop_reason; 0 when the kernel has none */
	__s32 stack_id;  /* nt_stacks key, or negative */
};

_Static_assert(sizeof(struct nt_drop_event) == 224, "drop event layout");

#endif
