# shellcheck shell=bash
# --diag --diag-quiet on the seed's "port not listened": a SYN to a closed port. Only the abnormal context is
# printed; the lookup finds no listener (WARNING with the seed's advice) and the SYN is dropped (NO_SOCKET).
netns_add ntc
netns_add nts
veth_pair ntc 10.99.7.1/24 nts 10.99.7.2/24

start_nettrace --diag --diag-quiet -p tcp --dport 9997
tcp_connect ntc 10.99.7.2 9997 2
wait_nettrace_exit

expect_line '^\[[0-9]+\.[0-9]{6}\] \[__inet_lookup_listener *\] TCP: 10\.99\.7\.1:[0-9]+ -> 10\.99\.7\.2:9997 seq:[0-9]+, ack:0, flags:S \*tcp port is not listened\*'
expect_in_order '^---------------- ANALYSIS RESULT ---------------------$' \
    '^\[1\] WARNING happens in __inet_lookup_listener\(tcp-in\):$' '^        tcp port is not listened$' \
    '^    fix advice:$' '^        check your target tcp port$' \
    '^\[2\] WARNING happens in tcp_v4_send_reset\(tcp-in\):$' '^        the TCP stack answers this segment with a reset$' \
    '^\[3\] ERROR happens in kfree_skb\(life\):$' '^        packet is dropped by kernel$' \
    '^    location:$' '^        tcp_v4_rcv\+0x[0-9a-f]+$' '^    drop reason:$' '^        NO_SOCKET$' \
    '^analysis finished!$'
# --diag-quiet: exactly one context, the abnormal one.
[[ $(grep -c '^\*\{17\} ' "$NT_LOG") == 1 ]] || fail "expected exactly one context with --diag-quiet"
