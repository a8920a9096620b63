# shellcheck shell=bash
# vm-modules: nf_nat nft_chain_nat xt_MASQUERADE nft_masq iptable_nat
# --diag on the seed's NAT example: a MASQUERADEd ping gets a WARNING (no ERROR, so the diagnosis goes on) and
# the nat table's POSTROUTING chain is named in full.
nat_router
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
