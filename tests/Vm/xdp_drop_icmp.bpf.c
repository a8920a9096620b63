/* A test XDP program for the diag_xdp scenario: drops IPv4 ICMP, passes everything else (ARP too). */
#define SEC(name) __attribute__((section(name), used))

struct xdp_md {
	unsigned int data;
	unsigned int data_end;
};

SEC("xdp")
int xdp_drop_icmp(struct xdp_md *ctx)
{
	unsigned char *data = (unsigned char *)(long)ctx->data;
	unsigned char *end = (unsigned char *)(long)ctx->data_end;
	if (data + 34 > end)
		return 2; /* XDP_PASS */
	/* EtherType 0x0800 and IP protocol 1 */
	if (data[12] == 0x08 && data[13] == 0x00 && data[23] == 1)
		return 1; /* XDP_DROP */
	return 2;
}

char LICENSE[] SEC("license") = "GPL";
