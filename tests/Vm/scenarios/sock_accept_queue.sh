# shellcheck shell=bash
# A listener with backlog 1 that never accepts (socat stopped with SIGSTOP once it listens): two handshakes fill
# its accept queue, and the next SYNs are dropped (ListenOverflows). --sock shows the backlog on inet_listen and,
# on the listener's tcp_rcv_state_process, the full queue with the rule's ERROR marker; --monitor keeps
# tcp_rcv_state_process only there (the kernel filters the rest), with the same marker.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.21.1/24 nts 10.99.21.2/24

listener() {
    in_ns nts socat "TCP-LISTEN:$1,backlog=1,reuseaddr" OPEN:/dev/null &
    wait_listen nts "$1"
    # socat's own pid: $! is the shell that runs in_ns, and stopping it would leave socat accepting.
    lpid=""
    for p in /proc/[0-9]*; do
        [[ $(tr '\0' ' ' <"$p/cmdline" 2>/dev/null) == "socat TCP-LISTEN:$1,"* ]] && lpid=${p#/proc/}
    done
    [[ -n $lpid ]] || fail "no socat listens on $1"
    kill -STOP "$lpid"
}
clients() {
    local i
    for i in 1 2 3 4; do
        in_ns ntc socat -T3 /dev/null "TCP:10.99.21.2:$1,connect-timeout=2" >/dev/null 2>&1 &
        sleep 0.3
    done
    sleep 3
}
release() { kill -CONT "$lpid"; kill "$lpid" 2>/dev/null || true; wait "$lpid" 2>/dev/null || true; }
full='\*the listener'"'"'s accept queue is full: new connections are dropped \(ListenOverflows, ListenDrops\)\*'

start_nettrace --sock -p tcp --port 9980
listener 9980
clients 9980
stop_nettrace
release
expect_line '\[inet_listen *\] TCP: 0\.0\.0\.0:9980 -> 0\.0\.0\.0:0 CLOSE .* accept:\(0/1\) \*the socket starts listening\*'
expect_line "\\[tcp_rcv_state_process\\] TCP: 0\\.0\\.0\\.0:9980 -> 0\\.0\\.0\\.0:0 LISTEN .* accept:\\(2/1\\) \\*the TCP state machine handles a segment \\(the state may change\\)\\* $full\$"
# Before the queue filled, the same listener's lines carry no ERROR.
expect_line '\[tcp_rcv_state_process\] TCP: 0\.0\.0\.0:9980 -> 0\.0\.0\.0:0 LISTEN .* accept:\([01]/1\) \*the TCP state machine handles a segment \(the state may change\)\*$'

start_nettrace --monitor -p tcp --port 9983
listener 9983
clients 9983
stop_nettrace
release
expect_line "\\[tcp_rcv_state_process\\] TCP: 0\\.0\\.0\\.0:9983 -> 0\\.0\\.0\\.0:0 LISTEN .* accept:\\(2/1\\) .*$full\$"
expect_no_line '\[tcp_rcv_state_process\] .* accept:\([01]/1\)'
expect_no_line '\[tcp_rcv_state_process\] TCP: 10\.99\.21\.'
