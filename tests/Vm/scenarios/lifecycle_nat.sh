# shellcheck shell=bash
# vm-modules: nf_nat nft_chain_nat xt_MASQUERADE nft_masq iptable_nat
# A packet SNATed by iptables MASQUERADE on a router stays in one context across the address change.
nat_router

start_nettrace -p icmp --saddr 10.99.3.1
in_ns ntc ping -c 1 -W 2 10.99.4.2 >"$NT_WORK/ping.log" 2>&1 || true
stop_nettrace
expect_line '1 packets transmitted, 1 (packets )?received' "$NT_WORK/ping.log"

hit() { echo "^\\[[0-9]+\\.[0-9]{6}\\] \\[($1) *\\] ICMP: $2 ping request"; }
# Before NAT the client's address, after it the router's, in one context; forwarded on the way.
expect_context "$(hit ip_forward '10\.99\.3\.1 -> 10\.99\.4\.2')" "$(hit nf_nat_manip_pkt '10\.99\.3\.1 -> 10\.99\.4\.2')" \
    "$(hit '[a-z_0-9.]+' '10\.99\.4\.1 -> 10\.99\.4\.2')"
expect_in_order "$(hit ip_forward '10\.99\.3\.1 -> 10\.99\.4\.2')" "$(hit nf_nat_manip_pkt '10\.99\.3\.1 -> 10\.99\.4\.2')" \
    "$(hit '[a-z_0-9.]+' '10\.99\.4\.1 -> 10\.99\.4\.2')"

# --pkt-fixed parses the packet only at its first hit: the context is the same, the address shown is not
# rewritten any more.
start_nettrace -p icmp --saddr 10.99.3.1 --pkt-fixed
in_ns ntc ping -c 1 -W 2 10.99.4.2 >/dev/null 2>&1 || true
stop_nettrace
expect_context "$(hit ip_forward '10\.99\.3\.1 -> 10\.99\.4\.2')" "$(hit ip_finish_output2 '10\.99\.3\.1 -> 10\.99\.4\.2')"
expect_no_line '10\.99\.4\.1 -> 10\.99\.4\.2'
