# shellcheck shell=bash
# vm-modules: nf_nat nft_chain_nat xt_MASQUERADE nft_masq iptable_nat
# --diag on the seed's NAT example: a MASQUERADEd ping gets a WARNING (no ERROR, so the diagnosis goes on) and
# the nat table's POSTROUTING chain is named in full.
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
table=nft_do_chain
[[ $ipt == iptables-legacy ]] && table=ipt_do_table

start_nettrace -p icmp --saddr 10.99.3.1 --diag
in_ns ntc ping -c 1 -W 2 10.99.4.2 >"$NT_WORK/ping.log" 2>&1 || true
stop_nettrace
expect_line '1 packets transmitted, 1 (packets )?received' "$NT_WORK/ping.log"

hit() { echo "^\\[[0-9]+\\.[0-9]{6}\\] \\[($1) *\\] ICMP: 10\\.99\\.3\\.1 -> 10\\.99\\.4\\.2 ping request, seq: [0-9]+, id: [0-9]+ $2"; }
expect_line "$(hit nf_hook_slow '\*ipv4 in chain: POST_ROUTING\*')"
expect_line "$(hit $table '\*iptables table:nat, chain:POSTROUTING\* \*packet is accepted\*')"
expect_line "$(hit nf_nat_manip_pkt '\*NAT happens \(packet address will change\)\*')"
expect_in_order '^---------------- ANALYSIS RESULT ---------------------$' \
    '^\[[0-9]+\] WARNING happens in nf_nat_manip_pkt\(netfilter\):$' '^        NAT happens \(packet address will change\)$'
expect_no_line '^analysis finished!$'
expect_no_line 'ERROR happens'
