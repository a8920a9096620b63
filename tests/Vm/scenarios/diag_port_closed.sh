# shellcheck shell=bash
# --diag --diag-quiet on the seed's "port not listened": a SYN to a closed port. Only the abnormal context is
# printed; the lookup finds no listener, a reset answers and the SYN is dropped (NO_SOCKET): one cause, whose
# evidence is the lookup and the reset.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.7.1/24 nts 10.99.7.2/24

start_nettrace --diag --diag-quiet -p tcp --dport 9997
tcp_connect ntc 10.99.7.2 9997 2
wait_nettrace_exit

expect_line '^\[[0-9]+\.[0-9]{6}\] \[__inet_lookup_listener *\] TCP: 10\.99\.7\.1:[0-9]+ -> 10\.99\.7\.2:9997 seq:[0-9]+, ack:0, flags:S \*tcp port is not listened\*'
expect_in_order '^---------------- ANALYSIS RESULT ---------------------$' \
    '^\[1\] ERROR happens in kfree_skb\(life\):$' '^        packet is dropped by kernel$' \
    '^        no socket is listening on the destination port$' '^    evidence:$' \
    '^        __inet_lookup_listener\(tcp-in\): tcp port is not listened$' \
    '^        tcp_v4_send_reset\(tcp-in\): the TCP stack answers this segment with a reset' \
    '^    location:$' '^        tcp_v4_rcv\+0x[0-9a-f]+$' '^    drop reason:$' '^        NO_SOCKET$' \
    '^    fix advice:$' '^        check that the service is running and listening' '^analysis finished!$'
expect_no_line '^\[2\] '
# --diag-quiet: exactly one context, the abnormal one.
[[ $(grep -c '^\*\{17\} ' "$NT_LOG") == 1 ]] || fail "expected exactly one context with --diag-quiet"
