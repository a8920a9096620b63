# shellcheck shell=bash
# A cloned packet: busybox ping reads replies on a raw socket, so raw_v4_input clones each reply. The
# clone joins the reply's context, whose header then shows both skb addresses.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.5.1/24 nts 10.99.5.2/24

start_nettrace -p icmp --saddr 10.99.5.2 --detail
in_ns ntc ping -c 1 -W 2 10.99.5.2 >"$NT_WORK/ping.log" 2>&1 || true
stop_nettrace
expect_line '1 packets transmitted, 1 (packets )?received' "$NT_WORK/ping.log"
expect_context '^\*{17} ([0-9a-f]{16}),([0-9a-f]{16}) \*{15}$' '\]\[skb_clone +\]\[cpu:' 'ping reply' 'raw_rcv|icmp_rcv'
# Both addresses of the header appear as the skb column of the context's lines.
awk '/^\*{17} [0-9a-f]{16},[0-9a-f]{16} /{ split($2, k, ","); a = k[1]; b = k[2]; next }
     a != "" && index($0, "[" a "]") { sa = 1 } b != "" && index($0, "[" b "]") { sb = 1 }
     END { exit (sa && sb) ? 0 : 1 }' "$NT_LOG" || fail "the clone's address is not on any line of its context"
