# shellcheck shell=bash
# scratch (not committed): --monitor's start milestones.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.11.1/24 nts 10.99.11.2/24
for i in 1 2; do
start_nettrace --monitor --debug
stop_nettrace
grep -E "startup|monitor|fexit|loaded|attached|kprobe" "$NT_LOG" | grep -v "^libbpf" >>"$NT_WORK/report"
echo "---" >>"$NT_WORK/report"
done
true
