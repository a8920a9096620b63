/* Minimal kernel type declarations: only the fields nettrace reads, relocated with CO-RE
 * (preserve_access_index), so no vmlinux.h or kernel headers are needed at build time. */
#ifndef NT_KERNEL_H
#define NT_KERNEL_H

/* Tells bpf_tracing.h that pt_regs has the kernel's field names (x86's di, si...), as declared below. */
#define __VMLINUX_H__

typedef unsigned char __u8;
typedef signed char __s8;
typedef unsigned short __u16;
typedef short __s16;
typedef unsigned int __u32;
typedef int __s32;
typedef unsigned long long __u64;
typedef long long __s64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;
typedef _Bool bool;
#define true 1
#define false 0

enum bpf_map_type {
	BPF_MAP_TYPE_HASH = 1,
	BPF_MAP_TYPE_ARRAY = 2,
	BPF_MAP_TYPE_PROG_ARRAY = 3,
	BPF_MAP_TYPE_PERCPU_ARRAY = 6,
	BPF_MAP_TYPE_STACK_TRACE = 7,
	BPF_MAP_TYPE_LRU_HASH = 9,
	BPF_MAP_TYPE_RINGBUF = 27,
};

enum {
	BPF_F_FAST_STACK_CMP = (1ULL << 9),
};

enum {
	BPF_ANY = 0,
	BPF_NOEXIST = 1,
};

/* A raw tracepoint's context: the tracepoint's arguments as 64-bit words. */
struct bpf_raw_tracepoint_args {
	__u64 args[0];
};

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

struct ns_common {
	unsigned int inum;
};

struct net {
	struct ns_common ns;
};

typedef struct {
	struct net *net;
} possible_net_t;

struct net_device {
	char name[16];
	int ifindex;
	unsigned short type; /* ARPHRD_*: 1 Ethernet, 772 loopback (an Ethernet-shaped header too) */
	possible_net_t nd_net;
};

struct sock_common {
	possible_net_t skc_net;
};

struct sock {
	struct sock_common __sk_common;
};

struct sk_buff {
	struct net_device *dev;
	struct sock *sk;
	unsigned int len;
	__u32 mark;
	__be16 protocol;
	__u16 transport_header;
	__u16 network_header;
	__u16 mac_header;
	unsigned int tail;
	unsigned char *head;
	unsigned char *data;
	__u8 tc_at_ingress : 1; /* set while tc's ingress hook runs (CONFIG_NET_CLS_ACT, CONFIG_NET_XGRESS) */
	/* A VLAN tag the device took out of the frame (offload): present when vlan_proto is set (6.1+: vlan_all != 0),
	 * or, before 6.1, when vlan_present is. */
	__be16 vlan_proto;
	__u16 vlan_tci;
	__u8 vlan_present : 1;
};

/* What an XDP program's frame is (its struct xdp_md, as the kernel passes it to the program). */
struct xdp_rxq_info {
	struct net_device *dev;
};

struct xdp_buff {
	void *data;
	void *data_end;
	struct xdp_rxq_info *rxq;
};

/* The registers as kprobes see them, for the architecture the build names (-D__TARGET_ARCH_x86 or _arm64):
 * bpf_tracing.h's PT_REGS_PARM and PT_REGS_RC read them by these names, relocated against the kernel's BTF. */
#if defined(__TARGET_ARCH_x86)
struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};
#elif defined(__TARGET_ARCH_arm64)
/* arm64's pt_regs begins with user_pt_regs, which is what bpf_tracing.h casts a kprobe's context to. */
struct user_pt_regs {
	__u64 regs[31];
	__u64 sp;
	__u64 pc;
	__u64 pstate;
};

struct pt_regs;
#else
#error "nettrace's BPF objects are built for x86 or arm64: define __TARGET_ARCH_x86 or __TARGET_ARCH_arm64 (BpfArch)"
#endif

struct trace_entry {
	unsigned short type;
};

/* The classic tracepoint's record; "reason" is absent before 5.17 and "rx_sk" appears in 6.12. */
struct trace_event_raw_kfree_skb {
	struct trace_entry ent;
	void *skbaddr;
	void *location;
	unsigned short protocol;
	int reason;
};

#pragma clang attribute pop

#endif
