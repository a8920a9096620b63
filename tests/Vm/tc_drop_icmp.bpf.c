/* A test tc program for the bpf_progs scenario: drops IPv4 ICMP (TC_ACT_SHOT), lets everything else through
 * (TC_ACT_OK). Attached with `tc filter ... bpf da` at a device's ingress. */
#define SEC(name) __attribute__((section(name), used))

/* The context as a tc program sees it: only its first fields are named; the helper reads the packet. */
struct __sk_buff {
	unsigned int len;
	unsigned int pkt_type;
	unsigned int mark;
	unsigned int queue_mapping;
	unsigned int protocol;
};

/* bpf_skb_load_bytes, helper 26. */
static long (*const load_bytes)(const void *skb, unsigned int offset, void *to, unsigned int len) = (void *)26;

SEC("tc")
int tc_drop_icmp(struct __sk_buff *skb)
{
	unsigned char proto = 0;
	/* skb->protocol is the EtherType in network byte order: 0x0800 reads as 0x0008 here. */
	if (skb->protocol != 0x0008 || load_bytes(skb, 14 + 9, &proto, 1))
		return 0; /* TC_ACT_OK */
	return proto == 1 ? 2 /* TC_ACT_SHOT */ : 0;
}

char LICENSE[] SEC("license") = "GPL";
