# shellcheck shell=bash
# vm-modules: nf_nat
# --diag --hooks on the seed's own fault: an iptables DROP in FORWARD on a router (iptables-legacy, whose hook
# functions are the ones blamed). The ANALYSIS RESULT must be one entry naming the firewall, the table, the chain
# and the hook, with the hook functions blamed and the command that lists the rule, and the diagnosis must end by
# itself at that first ERROR (diag_firewalls covers every chain and front end in one --diag-keep session).
router

hit() { echo "^\\[[0-9]+\\.[0-9]{6}\\] \\[($1) *\\] ICMP: 10\\.99\\.5\\.1 -> 10\\.99\\.6\\.2 ping request, seq: [0-9]+, id: [0-9]+ $2"; }

diagnose() {
    local ipt=$1
    in_ns ntr "$ipt" -A FORWARD -p icmp -j DROP || fail "$ipt could not add the DROP rule"
    start_nettrace -p icmp --saddr 10.99.5.1 --diag --hooks
    in_ns ntc ping -c 1 -W 1 10.99.6.2 >"$NT_WORK/ping.log" 2>&1 || true
    wait_nettrace_exit
    in_ns ntr "$ipt" -D FORWARD -p icmp -j DROP
    cp "$NT_LOG" "$NT_WORK/$ipt.log"
    expect_line '^0 packets received|1 packets transmitted, 0 (packets )?received' "$NT_WORK/ping.log"
    expect_line "$(hit nf_hook_slow '\*ipv4 in chain: FORWARD\*')"
    # One entry for the drop, ended by itself at that first ERROR.
    expect_in_order '^---------------- ANALYSIS RESULT ---------------------$' '^\[1\] ERROR happens in ' \
        '^    drop reason:$' '^        NETFILTER_DROP$' '^analysis finished!$' '^$' '^end trace\.\.\.$'
    expect_no_line '^\[2\] '
    expect_line '^    location:$'
}

diagnose iptables-legacy
expect_line "$(hit nf_hook_slow '\*ipv4 in chain: FORWARD\* \*packet is dropped by netfilter \(NF_DROP\) at the ipv4 FORWARD hook\*')"
expect_line "$(hit ipt_do_table '\*iptables table:filter, chain:FORWARD\* \*packet is dropped by iptables-legacy: table filter, chain FORWARD \(ipv4 FORWARD hook\)\*')"
expect_in_order '^\[1\] ERROR happens in ipt_do_table\(netfilter\):$' \
    '^        packet is dropped by iptables-legacy: table filter, chain FORWARD \(ipv4 FORWARD hook\)$' \
    '^    evidence:$' "^        the chain's policy is accept: a rule in chain FORWARD" \
    '^        nf_hook_slow\(netfilter\): packet is dropped by netfilter \(NF_DROP\) at the ipv4 FORWARD hook$' \
    '^    following hook functions are blamed:$' '^        (ipt_do_table|iptable_filter_hook)' \
    '^    fix advice:$' '^        find the rule by its number and counters: iptables-legacy -t filter -L FORWARD -v -n --line-numbers$'
expect_line '^        nf_hook_slow\+0x[0-9a-f]+$'
