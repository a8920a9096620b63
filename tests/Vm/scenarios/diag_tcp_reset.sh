# shellcheck shell=bash
# A reset from the stack: a SYN to a port nothing listens on. --sock's tcp_send_reset line says no socket owns the
# segment (an ERROR marker), and --diag's ANALYSIS RESULT names the reset with the drop reason that explains it.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.23.1/24 nts 10.99.23.2/24

start_nettrace --sock -p tcp --port 9982
tcp_connect ntc 10.99.23.2 9982 2
stop_nettrace
# The tcp_send_reset tracepoint reports a reset without a socket only since 6.10 (before, it needs one).
IFS=. read -r major minor _ <<<"$(uname -r)"
if ((major > 6 || (major == 6 && minor >= 10))); then
    expect_line '\[tcp_send_reset *\] TCP: 10\.99\.23\.2:9982 -> 10\.99\.23\.1:[0-9]+ CLOSE .*\*the TCP stack resets: no socket owns the segment \(nothing listens on the port, or the connection is gone\)\*$'
fi
expect_line '\[tcp_receive_reset *\] TCP: 10\.99\.23\.1:[0-9]+ -> 10\.99\.23\.2:9982 SYN_SENT .* \*the peer resets the connection\*$'

start_nettrace --diag -p tcp --dport 9982
tcp_connect ntc 10.99.23.2 9982 2
wait_nettrace_exit
expect_line '\[tcp_v4_send_reset *\] TCP: 10\.99\.23\.1:[0-9]+ -> 10\.99\.23\.2:9982 .*flags:S \*the TCP stack answers this segment with a reset\*'
expect_in_order '^---------------- ANALYSIS RESULT ---------------------$' \
    '^\[1\] ERROR happens in kfree_skb\(life\):$' '^        no socket is listening on the destination port$' \
    '^    evidence:$' '^        tcp_v4_send_reset\(tcp-in\): the TCP stack answers this segment with a reset' \
    '^    drop reason:$' '^        NO_SOCKET$' '^analysis finished!$'
