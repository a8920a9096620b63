# shellcheck shell=bash
# vm-modules: sch_netem
# TCP sockets with kprobes, four cases in one --sock session (each nettrace start costs seconds under emulation),
# the listener and the retransmissions again under --monitor, RTT filtering, and --diag on the retransmissions and
# on SYNs at a full listener:
# - a bulk transfer: the socket's functions (listen, transmit, state processing, ACKs, timers) with the info,
#   memory and timer fields filled;
# - a listener with backlog 1 that never accepts (socat stopped with SIGSTOP once it listens): two handshakes fill
#   its accept queue and the next SYNs are dropped (ListenOverflows); the listener's tcp_rcv_state_process line
#   shows the full queue with the rule's ERROR marker, and --monitor keeps that function only there (the kernel
#   filters the rest);
# - retransmissions: the client's firewall drops every segment the server sends after its SYN-ACK, so the client
#   never sees an ACK and its data times out (timeout, Loss and retransmission markers);
# - a reset from the stack: a SYN to a port nothing listens on.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.10.1/24 nts 10.99.10.2/24
in_ns ntc nft -f - <<'NFT'
table inet t {
    chain c {
        type filter hook input priority 0;
        tcp sport 9981 tcp flags & syn == 0 counter drop
    }
}
NFT
in_ns nts timeout 900 socat -u TCP-LISTEN:9981,reuseaddr,fork OPEN:/dev/null &
wait_listen nts 9981

line() { echo "^\\[[0-9]+\\.[0-9]{6}\\] \\[$1 *\\] TCP: $2 [A-Z_0-9]+ CA_[A-Za-z]+ info:\\([0-9]+ [0-9]+\\) mem:\\(w[0-9]+ r[0-9]+\\)( timer:\\([a-z_0-9]+, -?[0-9]+\\.[0-9]{3}s\\))?${3:-}"; }
bulk='10\.99\.10\.1:[0-9]+ -> 10\.99\.10\.2:9990'
lost='10\.99\.10\.1:[0-9]+ -> 10\.99\.10\.2:9981'
full='\*the listener'"'"'s accept queue is full: new connections are dropped \(ListenOverflows, ListenDrops\)\*'

# listener PORT: a backlog-1 listener on PORT that accepts nothing (stopped); its pid in lpid.
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
# overflow PORT: four clients, 0.3 s apart, at the stopped listener.
overflow() {
    local i
    for i in 1 2 3 4; do
        in_ns ntc socat -T3 /dev/null "TCP:10.99.10.2:$1,connect-timeout=2" >/dev/null 2>&1 &
        sleep 0.3
    done
    sleep 3
}
release() { kill -CONT "$lpid"; kill "$lpid" 2>/dev/null || true; wait "$lpid" 2>/dev/null || true; }
# retransmit: 3000 bytes whose ACKs the client's firewall drops, then 3 s of nothing acknowledged.
retransmit() { in_ns ntc sh -c '(sleep 0.3; head -c 3000 /dev/zero; sleep 3) | timeout 4 socat -u - TCP:10.99.10.2:9981' >/dev/null 2>&1 || true; }

start_nettrace --sock -p tcp
retransmit &
sender=$!
listener 9980
overflow 9980
wait "$sender"
tcp_connect ntc 10.99.10.2 9982 2
in_ns nts timeout 20 socat -u TCP-LISTEN:9990,reuseaddr OPEN:/dev/null &
wait_listen nts 9990
in_ns ntc sh -c 'head -c 200000 /dev/zero | timeout 10 socat -u - TCP:10.99.10.2:9990' || true
stop_nettrace
release
in_ns ntc nft list chain inet t c >"$NT_WORK/nft.log"
expect_line 'counter packets [1-9][0-9]* bytes [0-9]+ drop' "$NT_WORK/nft.log"

# The bulk transfer.
expect_line "$(line inet_listen '0\.0\.0\.0:9990 -> 0\.0\.0\.0:0')"
expect_line "$(line __tcp_transmit_skb "$bulk")"
expect_line "$(line tcp_rcv_state_process "$bulk")"
expect_line "$(line tcp_ack "$bulk")"
# While data is in flight a timer is armed (retransmit or tail loss probe) and packets are out.
expect_line "$(line '(tcp_ack|tcp_probe)' "$bulk" ' timer:\((retrans|loss_probe), [0-9]+\.[0-9]{3}s\)')"
expect_line "TCP: $bulk ESTABLISHED CA_[A-Za-z]+ info:\\([1-9][0-9]* [0-9]+\\)"
expect_line "$(line tcp_close "$bulk")"

# The full accept queue: the backlog on inet_listen, the ERROR once two handshakes wait, none before.
expect_line '\[inet_listen *\] TCP: 0\.0\.0\.0:9980 -> 0\.0\.0\.0:0 CLOSE .* accept:\(0/1\) \*the socket starts listening\*'
expect_line "\\[tcp_rcv_state_process\\] TCP: 0\\.0\\.0\\.0:9980 -> 0\\.0\\.0\\.0:0 LISTEN .* accept:\\(2/1\\) \\*the TCP state machine handles a segment \\(the state may change\\)\\* $full\$"
expect_line '\[tcp_rcv_state_process\] TCP: 0\.0\.0\.0:9980 -> 0\.0\.0\.0:0 LISTEN .* accept:\([01]/1\) \*the TCP state machine handles a segment \(the state may change\)\*$'

# The retransmissions.
expect_line "\\[tcp_retransmit_timer\\] TCP: $lost ESTABLISHED .* \\*the TCP retransmission timer expired: nothing was acknowledged in time\\*\$"
expect_line "\\[tcp_enter_loss *\\] TCP: $lost ESTABLISHED .* \\*TCP enters the Loss state: everything in flight is sent again\\*\$"
expect_line "\\[tcp_retransmit_skb *\\] TCP: $lost ESTABLISHED .* \\*a TCP segment is retransmitted\\*\$"
expect_line "\\[tcp_close *\\] TCP: $lost .* \\*the application closes the TCP socket\\*\$"
# The server gets the retransmitted data it already has: a spurious retransmission received, where the kernel
# keeps tcp_rcv_spurious_retrans out of line (it is static and may be inlined).
if grep -Eq ' tcp_rcv_spurious_retrans(\.[a-z]+\.[0-9]+)*$' /proc/kallsyms; then
    expect_line "\\[tcp_rcv_spurious_retrans\\] TCP: 10\\.99\\.10\\.2:9981 -> 10\\.99\\.10\\.1:[0-9]+ .* \\*a spurious retransmission happened: the segment had already arrived\\*\$"
fi

# The stack's reset: the client sees it; the tcp_send_reset tracepoint reports a reset without a socket only
# since 6.10 (before, it needs one).
IFS=. read -r major minor _ <<<"$(uname -r)"
if ((major > 6 || (major == 6 && minor >= 10))); then
    expect_line '\[tcp_send_reset *\] TCP: 10\.99\.10\.2:9982 -> 10\.99\.10\.1:[0-9]+ CLOSE .*\*the TCP stack resets: no socket owns the segment \(nothing listens on the port, or the connection is gone\)\*$'
fi
expect_line '\[tcp_receive_reset *\] TCP: 10\.99\.10\.1:[0-9]+ -> 10\.99\.10\.2:9982 SYN_SENT .* \*the peer resets the connection\*$'

# --monitor: the full listener's line alone among its tcp_rcv_state_process calls, and the retransmissions.
start_nettrace --monitor -p tcp
retransmit &
sender=$!
listener 9983
overflow 9983
wait "$sender"
stop_nettrace
release
expect_line "\\[tcp_rcv_state_process\\] TCP: 0\\.0\\.0\\.0:9983 -> 0\\.0\\.0\\.0:0 LISTEN .* accept:\\(2/1\\) .*$full\$"
expect_no_line '\[tcp_rcv_state_process\] .* accept:\([01]/1\)'
expect_no_line '\[tcp_rcv_state_process\] TCP: 10\.99\.10\.1:[0-9]+ -> 10\.99\.10\.2:9983 '
expect_line "\\[tcp_retransmit_timer\\] TCP: $lost ESTABLISHED .* \\*the TCP retransmission timer expired: nothing was acknowledged in time\\*\$"
expect_line "\\[tcp_retransmit_skb *\\] TCP: $lost ESTABLISHED .* \\*a TCP segment is retransmitted\\*\$"

# --diag on the client's segments: the retransmitted data reaches the server, which already has it (its ACKs were
# the ones lost), so it drops the duplicates as old data: the analysis names that, which points at the lost ACKs.
# (--diag-keep: one ERROR would end the session.) The retransmission itself happens on the write queue's skb,
# before its headers are built, so the packet filter cannot see it there: --sock and --monitor above do.
# Then SYNs at a full listener: the kernel frees them with consume_skb and no drop reason; tcp_conn_request's
# entry reads the listener's queues, and the analysis names the full accept queue with its numbers.
start_nettrace --diag --diag-keep --diag-quiet -p tcp -s 10.99.10.1
retransmit
listener 9984
overflow 9984
stop_nettrace
release
# 6.1 refuses the duplicate as outside the window (TCP_INVALID_SEQUENCE), later kernels as old (TCP_OLD_SEQUENCE,
# TCP_OLD_DATA); each names the duplicate and points at the lost ACKs.
expect_analysis '^\[[0-9]+\] ERROR happens in kfree_skb\(life\):$' \
    '^        the TCP segment (lies before the receive window|lies outside the receive window: a duplicate|carries only data already received)' \
    '^    drop reason:$' '^        TCP_(OLD_DATA|OLD_SEQUENCE|INVALID_SEQUENCE)$' '^    fix advice:$' \
    "^        (duplicates mean )?the sender did not get this side's ACKs"
expect_analysis '^\[[0-9]+\] ERROR happens in tcp_conn_request\(tcp-in\):$' \
    '^        the listener on port 9984 has a full accept queue \(2 connections wait for accept\(\), backlog 1\): the SYN is dropped \(ListenOverflows\)$' \
    '^    fix advice:$' '^        the application does not accept\(\) fast enough'

# tcp_ack_update_rtt (often a compiler-renamed .isra symbol, found in kallsyms) shows srtt and rtt; --tcp-rtt keeps
# only a flow that netem delays by 300 ms while a loopback flow runs beside it. The margin is wide on purpose:
# under emulation on a busy machine a loopback sample has been seen at 55 ms.
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

# --rtt: tcp_ack_update_rtt's samples counted in the kernel's histogram (no tcp_probe fallback with kprobes); the
# netem flow's 300 ms samples land in the 262.144 - 524.287 ms bucket.
start_nettrace --rtt -p tcp --port 9993
in_ns nts timeout 20 socat -u TCP-LISTEN:9993,reuseaddr OPEN:/dev/null &
wait_listen nts 9993
in_ns ntc sh -c 'head -c 100000 /dev/zero | timeout 10 socat -u - TCP:10.99.10.2:9993' || true
sleep 1
stop_nettrace
expect_line '^rtt distribution: +[1-9][0-9]*$'
expect_line '^ +262\.144 - 524\.287ms: [1-9][0-9]* +[01]\.[0-9]{4}$'
expect_line '^end trace\.\.\.$'
expect_no_line 'tcp_probe tracepoint'
