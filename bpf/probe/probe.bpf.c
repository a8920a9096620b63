/* Empty programs, one per attach type: the kernel probe loads and attaches each one to a
 * stable target to learn what this kernel really allows (loading alone is not enough: a
 * kernel without kprobes still loads kprobe programs). */
#include "nt_common.h"

char LICENSE[] SEC("license") = "GPL";

SEC("kprobe")
int nt_probe_kprobe(void *ctx) { return 0; }

SEC("kretprobe")
int nt_probe_kretprobe(void *ctx) { return 0; }

SEC("fentry")
int nt_probe_fentry(void *ctx) { return 0; }

SEC("fexit")
int nt_probe_fexit(void *ctx) { return 0; }

SEC("tp_btf")
int nt_probe_tp_btf(void *ctx) { return 0; }

SEC("raw_tp")
int nt_probe_raw_tp(void *ctx) { return 0; }

SEC("tracepoint")
int nt_probe_tracepoint(void *ctx) { return 0; }

/* Never attached: references the ring buffer so loading the object proves ringbuf maps work. */
SEC("raw_tp")
int nt_probe_ringbuf(void *ctx)
{
	__u64 marker = 0;
	nt_emit(&marker, sizeof(marker));
	return 0;
}

SEC("kprobe.multi")
int nt_probe_kprobe_multi(void *ctx) { return 0; }
