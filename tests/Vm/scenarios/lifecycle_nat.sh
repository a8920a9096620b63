# shellcheck shell=bash
# vm-modules: nf_nat nft_chain_nat xt_MASQUERADE nft_masq iptable_nat
# A packet SNATed by iptables MASQUERADE on a router stays in one context across the address change.
netns_add ntc
netns_add ntr
netns_add nts
veth_pair ntc 10.99.3.1/24 ntr 10.99.3.2/24
veth_pair ntr 10.99.4.1/24 nts 10.99.4.2/24
in_ns ntc ip route add default via 10.99.3.2
in_ns ntr sysctl -qw net.ipv4.ip_forward=1
ipt=""
for cmd in iptables-nft iptables-legacy; do
    if in_ns ntr "$cmd" -t nat -A POSTROUTING -o vntrnts -j MASQUERADE 2>"$NT_WORK/iptables.log"; then
        ipt=$cmd
        break
    fi
done
[[ -n $ipt ]] || fail "no iptables backend could add the MASQUERADE rule"
echo "rule added with $ipt"

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
