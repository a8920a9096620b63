# shellcheck shell=bash
# --latency and --latency-summary with kprobes: upstream's receive-path recipe (README 3.6.1: from the receive core to
# the socket's queue, --trace-matcher starting it and --trace-free ending it there), one line per TCP segment with
# its span and latency; and a histogram whose total is the pings sent. (Upstream's send-path recipe needs
# skb_entail/tcp_skb_entail, not in this catalogue yet.)
netns_add ntc
netns_add nts
veth_pair ntc 10.99.15.1/24 nts 10.99.15.2/24
in_ns nts timeout 60 socat -u TCP-LISTEN:9970,reuseaddr OPEN:/dev/null &
wait_listen nts 9970

start_nettrace -p tcp --dport 9970 --latency -t __netif_receive_skb_core,tcp_queue_rcv,tcp_data_queue_ofo \
    --trace-matcher __netif_receive_skb_core --trace-free tcp_queue_rcv,tcp_data_queue_ofo
in_ns ntc sh -c 'head -c 20000 /dev/zero | timeout 10 socat -u - TCP:10.99.15.2:9970' || true
sleep 1
stop_nettrace
# The segments that carry data reach the socket's queue: the span runs from the receive core to it (the trace-free
# end counts, as upstream's does), and nothing else starts or ends a line.
expect_line '^\[[0-9]+\.[0-9]{6}\] \[tcp_queue_rcv +\]\[__netif_receive_skb_core -> tcp_queue_rcv *\] TCP: 10\.99\.15\.1:[0-9]+ -> 10\.99\.15\.2:9970 .* latency: [0-9]+\.[0-9]{3}ms$'
expect_no_line '\]\[(tcp_queue_rcv|tcp_data_queue_ofo) -> '
expect_line '^nettrace: [1-9][0-9]* events, [1-9][0-9]* packets, 0 lost'

start_nettrace -p icmp --saddr 10.99.15.1 --latency-summary
in_ns ntc ping -c 5 -i 0.2 -W 2 10.99.15.2 >"$NT_WORK/ping.log" 2>&1 || true
sleep 1.5
stop_nettrace
expect_line '5 packets transmitted, 5 (packets )?received' "$NT_WORK/ping.log"
# Each request is followed from the client's transmit to its free in the server: five latencies in all.
expect_line '^latency distribution: +5$'
expect_line '^ +0 - +1us: [0-9]+ +[01]\.[0-9]{4}$'
expect_line '^nettrace: 5 packets measured$'
