# shellcheck shell=bash
# vm-modules: cls_bpf sch_ingress
# --bpf-progs: a tc program that drops IPv4 ICMP at one server's ingress and an XDP program that drops it on
# another's device are found among the loaded programs and watched by fexit; each hit shows the program and its
# verdict, --diag's ANALYSIS RESULT names each program as the cause with its id and device, and a ping that no
# program drops shows the tc program's TC_ACT_OK.
netns_add ntc
netns_add nts
netns_add ntx
veth_pair ntc 10.99.12.1/24 nts 10.99.12.2/24
veth_pair ntc 10.99.13.1/24 ntx 10.99.13.2/24
in_ns nts tc qdisc add dev vntsntc clsact || fail "no clsact qdisc"
in_ns nts tc filter add dev vntsntc ingress bpf da obj /tests/tc_drop_icmp.o sec tc || fail "could not attach the tc program"
in_ns ntx ip link set dev vntxntc xdpgeneric obj /tests/xdp_drop_icmp.o sec xdp || fail "could not attach the XDP program"
tc_id=$(bpftool prog show name tc_drop_icmp | sed -nE 's/^([0-9]+): sched_cls .*/\1/p')
xdp_id=$(bpftool prog show name xdp_drop_icmp | sed -nE 's/^([0-9]+): xdp .*/\1/p')
[[ -n $tc_id && -n $xdp_id ]] || fail "bpftool does not list the test programs: $(bpftool prog show)"

NT_START_TIMEOUT=300
start_nettrace --bpf-progs -p icmp --diag --diag-keep
in_ns ntc ping -c 1 -W 2 10.99.12.2 >"$NT_WORK/tc.log" 2>&1 || true
in_ns ntc ping -c 1 -W 2 10.99.13.2 >"$NT_WORK/xdp.log" 2>&1 || true
# The reply passes the tc program's device the other way (egress): no program of the test watches that direction.
stop_nettrace
expect_line ' 0 (packets )?received' "$NT_WORK/tc.log"
expect_line ' 0 (packets )?received' "$NT_WORK/xdp.log"

expect_line "^nettrace: --bpf-progs: watching 2 programs \\((tc tc_drop_icmp id $tc_id, xdp xdp_drop_icmp id $xdp_id|xdp xdp_drop_icmp id $xdp_id, tc tc_drop_icmp id $tc_id)\\)"
hit() { echo "^\\[[0-9]+\\.[0-9]{6}\\] \\[$1 *\\] ICMP: $2 ping request, seq: [0-9]+, id: [0-9]+ \\*verdict $3\\*"; }
expect_line "$(hit 'tc-ingress:tc_drop_icmp' '10\.99\.12\.1 -> 10\.99\.12\.2' TC_ACT_SHOT)"
expect_line "$(hit 'xdp:xdp_drop_icmp' '10\.99\.13\.1 -> 10\.99\.13\.2' XDP_DROP)"
expect_analysis '^\[[0-9]+\] ERROR happens in tc-ingress:tc_drop_icmp\(bpf_progs\):$' \
    "^        packet is dropped by the tc BPF program tc_drop_icmp \\(id $tc_id\\) at tc-ingress of vntsntc$" \
    '^    fix advice:$' "bpftool prog dump xlated id $tc_id"
expect_analysis '^\[[0-9]+\] ERROR happens in xdp:xdp_drop_icmp\(bpf_progs\):$' \
    "^        packet is dropped by the XDP program xdp_drop_icmp \\(id $xdp_id\\) on vntxntc$"
# The tc drop's lifecycle goes on to its free (tc frees what its program shot).
expect_context "$(hit 'tc-ingress:tc_drop_icmp' '10\.99\.12\.1 -> 10\.99\.12\.2' TC_ACT_SHOT)" '^\[[0-9]+\.[0-9]{6}\] \[kfree_skb *\] ICMP: 10\.99\.12\.1 -> 10\.99\.12\.2'

# Without the programs' drops: ARP passes both (TC_ACT_OK), seen with -p arp.
in_ns nts ip neigh flush all
in_ns ntc ip neigh flush all
start_nettrace --bpf-progs -p arp
in_ns ntc ping -c 1 -W 1 10.99.12.2 >/dev/null 2>&1 || true
stop_nettrace
expect_line '^\[[0-9]+\.[0-9]{6}\] \[tc-ingress:tc_drop_icmp *\] ARP: 10\.99\.12\.1 -> 10\.99\.12\.2 request.* \*verdict TC_ACT_OK\*'
