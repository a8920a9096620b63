# shellcheck shell=bash
# vm-modules: sch_netem
# --sock with kprobes: the socket's functions (listen, transmit, state processing, ACKs, timers) with the info,
# memory and timer fields filled; tcp_ack_update_rtt with its srtt/rtt; --tcp-rtt keeping only a flow that netem
# delays by 300 ms while a loopback flow runs beside it. The margin is wide on purpose: under emulation on a busy
# machine a loopback sample has been seen at 55 ms.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.10.1/24 nts 10.99.10.2/24

line() { echo "^\\[[0-9]+\\.[0-9]{6}\\] \\[$1 *\\] TCP: $2 [A-Z_0-9]+ CA_[A-Za-z]+ info:\\([0-9]+ [0-9]+\\) mem:\\(w[0-9]+ r[0-9]+\\)( timer:\\([a-z_0-9]+, -?[0-9]+\\.[0-9]{3}s\\))?${3:-}"; }
client='10\.99\.10\.1:[0-9]+ -> 10\.99\.10\.2:9990'

start_nettrace --sock -p tcp --port 9990
in_ns nts timeout 20 socat -u TCP-LISTEN:9990,reuseaddr OPEN:/dev/null &
wait_listen nts 9990
in_ns ntc sh -c 'head -c 200000 /dev/zero | timeout 10 socat -u - TCP:10.99.10.2:9990' || true
sleep 1
stop_nettrace
expect_line "$(line inet_listen '0\.0\.0\.0:9990 -> 0\.0\.0\.0:0')"
expect_line "$(line __tcp_transmit_skb "$client")"
expect_line "$(line tcp_rcv_state_process "$client")"
expect_line "$(line tcp_ack "$client")"
# While data is in flight a timer is armed (retransmit or tail loss probe) and packets are out.
expect_line "$(line '(tcp_ack|tcp_probe)' "$client" ' timer:\((retrans|loss_probe), [0-9]+\.[0-9]{3}s\)')"
expect_line "TCP: $client ESTABLISHED CA_[A-Za-z]+ info:\\([1-9][0-9]* [0-9]+\\)"
expect_line "$(line tcp_close "$client")"

# tcp_ack_update_rtt (often a compiler-renamed .isra symbol, found in kallsyms) shows srtt and rtt.
in_ns ntc tc qdisc add dev vntcnts root netem delay 300ms || fail "netem is not available"
start_nettrace --sock -t tcp_ack_update_rtt --tcp-rtt 250
in_ns nts timeout 20 socat -u TCP-LISTEN:9991,reuseaddr OPEN:/dev/null &
in_ns nts timeout 20 socat -u TCP-LISTEN:9992,reuseaddr OPEN:/dev/null &
wait_listen nts 9991
wait_listen nts 9992
in_ns nts sh -c 'head -c 100000 /dev/zero | timeout 10 socat -u - TCP:127.0.0.1:9992' || true
in_ns ntc sh -c 'head -c 100000 /dev/zero | timeout 10 socat -u - TCP:10.99.10.2:9991' || true
sleep 1
stop_nettrace
expect_line "$(line tcp_ack_update_rtt '10\.99\.10\.1:[0-9]+ -> 10\.99\.10\.2:9991' ' \*srtt:[0-9]+ms, rtt:(2[5-9][0-9]|[3-9][0-9]{2}|[0-9]{4,})ms\*')"
expect_no_line ':9992 '
