# shellcheck shell=bash
# --latency and --latency-summary with kprobes, as upstream's README 3.6.1 recipes run them: --trace-matcher starts
# a packet's span and --trace-free ends it. One session runs the receive-path recipe (from the receive core to the
# socket's queue) and the send-path one (from the write queue, tcp_skb_entail, to the transmit) side by side: one
# line per span, the send side's skbs still without headers, so their flow is their socket's. A second session
# runs the send-path recipe under --latency-summary: a histogram whose total is the segments the client sent.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.15.1/24 nts 10.99.15.2/24
in_ns nts timeout 60 socat -u TCP-LISTEN:9970,reuseaddr OPEN:/dev/null &
wait_listen nts 9970

start_nettrace -p tcp --dport 9970 --latency \
    -t __netif_receive_skb_core,tcp_queue_rcv,tcp_data_queue_ofo,skb_entail,tcp_skb_entail,__tcp_transmit_skb,__tcp_retransmit_skb \
    --trace-matcher __netif_receive_skb_core,skb_entail,tcp_skb_entail \
    --trace-free tcp_queue_rcv,tcp_data_queue_ofo,__tcp_transmit_skb,__tcp_retransmit_skb
in_ns ntc sh -c 'head -c 20000 /dev/zero | timeout 10 socat -u - TCP:10.99.15.2:9970' || true
sleep 1
stop_nettrace
# The segments that carry data reach the socket's queue: the span runs from the receive core to it (the trace-free
# end counts, as upstream's does), and nothing else starts or ends a line.
expect_line '^\[[0-9]+\.[0-9]{6}\] \[tcp_queue_rcv +\]\[__netif_receive_skb_core -> tcp_queue_rcv *\] TCP: 10\.99\.15\.1:[0-9]+ -> 10\.99\.15\.2:9970 .* latency: [0-9]+\.[0-9]{3}ms$'
expect_no_line '\]\[(tcp_queue_rcv|tcp_data_queue_ofo|__tcp_transmit_skb) -> '
# The data queued by the client's writes, from the write queue to its transmit; the filter matched the socket's flow.
expect_line "^\\[[0-9]+\\.[0-9]{6}\\] \\[__tcp_transmit_skb +\\]\\[(tcp_)?skb_entail -> __tcp_transmit_skb *\\] TCP: 10\\.99\\.15\\.1:[0-9]+ -> 10\\.99\\.15\\.2:9970 \\(socket's flow, no headers yet\\) latency: [0-9]+\\.[0-9]{3}ms$"
expect_line '^nettrace: [1-9][0-9]* events, [1-9][0-9]* packets, 0 lost'

# Five writes a third of a second apart: each becomes a segment of its own, queued by tcp_skb_entail and sent once
# (the handshake, the FIN and the ACKs are built without it, so none starts a span).
in_ns nts timeout 60 socat -u TCP-LISTEN:9971,reuseaddr OPEN:/dev/null &
wait_listen nts 9971
start_nettrace -p tcp --dport 9971 --latency-summary -t skb_entail,tcp_skb_entail,__tcp_transmit_skb,__tcp_retransmit_skb \
    --trace-matcher skb_entail,tcp_skb_entail --trace-free __tcp_transmit_skb,__tcp_retransmit_skb
in_ns ntc bash -c 'exec 3<>/dev/tcp/10.99.15.2/9971 && for i in 1 2 3 4 5; do echo hello >&3; sleep 0.3; done' || true
sleep 1.5
stop_nettrace
expect_line '^latency distribution: +5$'
expect_line '^ +[0-9]+ - +[0-9]+us: [1-9][0-9]* +[01]\.[0-9]{4}$'
expect_line '^nettrace: 5 packets measured$'
