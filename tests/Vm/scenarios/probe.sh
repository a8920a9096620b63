# shellcheck shell=bash
# `nettrace probe` reports every feature as "yes", "yes (detail)" or "no (why)", and on these stock kernels
# kprobe, fentry and tp_btf work (the host tier checks the opposite on this project's host kernel, which has
# neither kprobes nor fentry).
run_nettrace probe
[[ $NT_RC -eq 0 ]] || fail "nettrace probe exited with code $NT_RC"

for feature in btf ringbuf tracepoint raw_tp tp_btf kprobe kretprobe kprobe_multi fentry fexit drop_reason; do
    expect_line "^ *$feature: (yes( \\(.+\\))?|no \\(.+\\))\$"
done
for feature in kprobe kretprobe fentry fexit tp_btf; do
    expect_line "^ *$feature: yes( \\(.+\\))?\$"
done
# Debian's 6.1 is built without fprobe; 6.12 has it.
if [[ $NT_KERNEL == 6.1 ]]; then
    expect_line '^ *kprobe_multi: no \(.+\)$'
else
    expect_line '^ *kprobe_multi: yes$'
fi
