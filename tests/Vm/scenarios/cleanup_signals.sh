# shellcheck shell=bash
# Whatever stops nettrace — Ctrl-C, SIGTERM, SIGHUP or SIGKILL — it leaves no BPF program, link, pinned
# object or kprobe behind. Here kprobes, kprobe.multi and fentry are really attached, unlike on the host.

# kernel_objects: one line per object nettrace could leave behind.
kernel_objects() {
    bpftool prog show | sed -n 's/^\([0-9]*\): .* name \(nt_[^ ]*\) .*/prog \1 \2/p'
    bpftool link show | sed -n 's/^\([0-9]*\): .*/link \1/p'
    bpftool perf show | sed -n 's/^pid \([0-9]*\) .*/perf \0/p'
    find /sys/fs/bpf -mindepth 1 | sed 's/^/pin /'
    sed 's/^/kprobe /' /sys/kernel/tracing/kprobe_events
}

# released_after SIGNAL ARGS...: run nettrace with ARGS, check it attached something, stop it with SIGNAL,
# check everything it attached is gone. The kernel frees programs after an RCU grace period, and slow-to-release
# links (kprobes, kprobe.multi, trampolines) are released by the child nettrace hands them to at exit, after
# nettrace itself is gone: 6.1's 74 single kprobes take seconds to detach, minutes on a loaded machine (allow 120 s).
released_after() {
    local sig=$1 before during now deadline t0
    shift
    before=$(kernel_objects)
    start_nettrace "$@"
    during=$(kernel_objects)
    [[ $(grep -c '^prog ' <<<"$during") -gt $(grep -c '^prog ' <<<"$before") ]] || fail "nettrace $* loaded no program"
    grep -q '^link \|^perf ' <<<"$during" || fail "nettrace $* attached nothing"
    stop_nettrace "$sig"
    if [[ $sig == KILL ]]; then
        [[ $NT_RC -eq 137 ]] || fail "SIGKILL: expected exit code 137, got $NT_RC"
    else
        [[ $NT_RC -eq 0 ]] || fail "SIG$sig: expected exit code 0, got $NT_RC"
        expect_line '^nettrace: [0-9]+ events, '
    fi
    deadline=$((SECONDS + 120)) t0=$EPOCHREALTIME
    # Nothing that was not there before may remain. Objects of an earlier scenario may go meanwhile (its links
    # still being released by its hand-off child when this one began), so "before" is a bound, not the goal.
    until now=$(kernel_objects) && left=$(grep -vxF -f <(printf '%s\n' "$before") <<<"$now" || true) && [[ -z $left ]]; do
        ((SECONDS < deadline)) || fail "after SIG$sig, left behind: $(tr '\n' ';' <<<"$left")"
        sleep 0.2
    done
    echo "SIG$sig: $(grep -c '^prog ' <<<"$during") programs and $(grep -c '^link \|^perf ' <<<"$during") attachments released $(((${EPOCHREALTIME/./} - ${t0/./}) / 1000)) ms after the exit"
}

# One start per signal (each costs ~15 s under emulation): kprobe.multi/kprobes in the default mode and --sock; the
# tp_btf drop program's release and SIGHUP are the host's (CleanupTests), whose kernel attaches them the same way.
released_after INT -p icmp
released_after TERM --sock
released_after KILL --sock
