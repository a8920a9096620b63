# shellcheck shell=bash
# Incident capture. An iptables rule drops one port while another flows: --monitor --arm records exactly the dropped
# flow's lifecycle (filtered in the kernel), diagnosed down to the rule's chain; `replay` of the incident gives the
# same lifecycle and ANALYSIS RESULT; `diff` of a good and a dropped ping shows where they part: the netfilter hook.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.12.1/24 nts 10.99.12.2/24
in_ns nts iptables -A INPUT -p tcp --dport 9980 -j DROP || fail "iptables could not add the DROP rule"
in_ns nts socat TCP-LISTEN:9981,fork,reuseaddr /dev/null &
incidents=$NT_WORK/incidents

start_nettrace --monitor --arm --arm-dir "$incidents" --arm-for 30 --addr 10.99.12.2
tcp_connect ntc 10.99.12.2 9981 2
# The first SYN is dropped and arms the capture; its retransmissions are what the capture traces.
tcp_connect ntc 10.99.12.2 9980 20 &
connecting=$!
for _ in $(seq 1 60); do
    grep -q '^nettrace: incident 1 ended' "$NT_LOG" && break
    sleep 1
done
stop_nettrace
# The connect would go on retransmitting until its 20 s run out: nothing it sends now is looked at.
kill "$connecting" 2>/dev/null || true
wait "$connecting" || true
expect_line '^nettrace: incident 1: TCP 10\.99\.12\.1:[0-9]+ -> 10\.99\.12\.2:9980 \(.*\); tracing its lifecycle into '
expect_no_line '^nettrace: incident 2'
expect_line '^nettrace: 1 incident recorded in '
# One incident, and only the dropped flow is in it.
folders=("$incidents"/*)
((${#folders[@]} == 1)) || fail "expected one incident folder, found ${#folders[@]}: ${folders[*]}"
incident=${folders[0]}
[[ $incident == *-TCP_10.99.12.1_*-to-10.99.12.2_9980 ]] || fail "incident folder not named after the dropped flow: $incident"
text=$incident/incident.txt
cat "$text"
expect_line '^nettrace: incident 1 ended \(the first abnormal packet was diagnosed\): 1 packet traced, ERROR .*\(nft_do_chain, table filter, chain INPUT\); nettrace replay '
for f in incident.ntrec incident.txt incident.pcapng; do [[ -s $incident/$f ]] || fail "the incident has no $f"; done
expect_line '^trigger: ' "$text"
expect_no_line ':9981' "$text"
expect_line '\] TCP: 10\.99\.12\.1:[0-9]+ -> 10\.99\.12\.2:9980 .*flags:S' "$text"
# The diagnosis names the rule's table and chain, and the verdict.
expect_line '\[nft_do_chain +\].* TCP: 10\.99\.12\.1:[0-9]+ -> 10\.99\.12\.2:9980 .*\*iptables table:filter, chain:INPUT\* .*\*packet is dropped by iptables-nft: table filter, chain INPUT \(ipv4 LOCAL_IN hook\)\*' "$text"
expect_line '^---------------- ANALYSIS RESULT ---------------------$' "$text"
expect_line '^        packet is dropped by iptables-nft: table filter, chain INPUT \(ipv4 LOCAL_IN hook\)$' "$text"

# replay: the same lifecycle lines and the same analysis, from the recording alone.
# The incident was traced with --detail and --ret: the same columns give the same lines.
"$NT_BIN" replay "$incident/incident.ntrec" --detail --ret >"$NT_WORK/replay.txt" 2>"$NT_WORK/replay.err" || fail "replay failed: $(cat "$NT_WORK/replay.err")"
expect_line '^nettrace: replaying .*incident\.ntrec: diagnose mode recorded ' "$NT_WORK/replay.err"
sed -n '/^\*\{17\} /,/^analysis finished!$/p' "$text" >"$NT_WORK/live-analysis.txt"
sed -n '/^\*\{17\} /,/^analysis finished!$/p' "$NT_WORK/replay.txt" >"$NT_WORK/replay-analysis.txt"
[[ -s $NT_WORK/live-analysis.txt ]] || fail "no lifecycle with an analysis in incident.txt"
if ! cmp -s "$NT_WORK/live-analysis.txt" "$NT_WORK/replay-analysis.txt"; then
    diff "$NT_WORK/live-analysis.txt" "$NT_WORK/replay-analysis.txt" >"$NT_WORK/replay.diff" || true
    fail "replay differs from the incident: $(head -c 3000 "$NT_WORK/replay.diff")"
fi
echo "replay: $(grep -c . "$NT_WORK/replay-analysis.txt") lines identical to the incident's"
# Re-filtered offline: a filter the flow does not match leaves nothing.
"$NT_BIN" replay "$incident/incident.ntrec" --dport 9981 >"$NT_WORK/replay-none.txt" 2>&1 || fail "replay --dport failed"
expect_line '^nettrace: [0-9]+ events, 0 packets$' "$NT_WORK/replay-none.txt"

# diff: a ping that gets through and one that the firewall drops, both recorded in one --diag session (return
# values kept; -c 2 ends it after the second) and compared as FILE#1 and FILE#2.
# A permanent neighbour entry: otherwise whichever ping finds it unresolved or stale also passes
# __neigh_event_send, and the paths would part there instead of at the firewall.
mac=$(ip -n nts -o link show vntsntc | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
[[ -n $mac ]] || fail "no MAC address on vntsntc"
in_ns ntc ip neigh replace 10.99.12.2 lladdr "$mac" dev vntcnts nud permanent
start_nettrace --diag --diag-keep -c 2 -p icmp --saddr 10.99.12.1 --record "$NT_WORK/pings.ntrec"
in_ns ntc ping -c 1 -W 1 10.99.12.2 >/dev/null 2>&1 || fail "the good ping got no reply"
in_ns nts iptables -A INPUT -p icmp -j DROP || fail "iptables could not add the ICMP DROP rule"
in_ns ntc ping -c 1 -W 1 10.99.12.2 >/dev/null 2>&1 && fail "the bad ping got a reply"
wait_nettrace_exit
"$NT_BIN" diff "$NT_WORK/pings.ntrec#1" "$NT_WORK/pings.ntrec#2" >"$NT_WORK/diff.txt" 2>&1 || fail "diff failed: $(cat "$NT_WORK/diff.txt")"
cat "$NT_WORK/diff.txt"
expect_line '^  = nft_do_chain +verdict accept +[0-9.]+ +nft_do_chain +verdict drop +[0-9.]+$' "$NT_WORK/diff.txt"
expect_line '^  \+ +kfree_skb +reason NETFILTER_DROP +[0-9.]+$' "$NT_WORK/diff.txt"
expect_line '^the paths diverge after (nft_do_chain|nf_hook_slow) \(step [0-9]+ of good, [0-9]+ of bad\)|^the paths diverge after (nft_do_chain|nf_hook_slow) \(step [0-9]+ of both\)' "$NT_WORK/diff.txt"
"$NT_BIN" diff "$NT_WORK/pings.ntrec#1" "$NT_WORK/pings.ntrec#2" --json >"$NT_WORK/diff.json" 2>&1 || fail "diff --json failed"
expect_line '"diverged_after":"(nft_do_chain|nf_hook_slow)"' "$NT_WORK/diff.json"
