#!/usr/bin/bash
# PID 1 of the test VM (copied to /init in the initramfs by run.sh). Mounts the kernel file systems, loads
# the network modules, runs each scenario in its own bash and process group with a time limit, prints
#   PASS <kernel> <scenario> (<secs>s)      or      FAIL <kernel> <scenario>: <reason>   + indented evidence
# then the sentinel line the host waits for, and powers the VM off.
# bash, not busybox sh: busybox runs its own applets (its `ip` is not iproute2) before anything in PATH.

export PATH=/usr/sbin:/usr/bin:/usr/lib/busybox HOME=/root TMPDIR=/tmp LANG=C LC_ALL=C TERM=dumb

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/shm /dev/pts
# devtmpfs lacks these; bash's process substitution <(...) needs /dev/fd.
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
mount -t tmpfs tmpfs /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
mount -t tracefs tracefs /sys/kernel/tracing
mount -t debugfs debugfs /sys/kernel/debug
mount -t bpf bpf /sys/fs/bpf
mount -t cgroup2 cgroup2 /sys/fs/cgroup
# Keep kernel chatter (module taint notes, veth carrier changes) out of the PASS/FAIL stream.
echo 1 >/proc/sys/kernel/printk
ip link set lo up

# shellcheck source=/dev/null
source /etc/nettrace-vm/config # NT_KERNEL, NT_SCENARIOS, NT_SCENARIO_TIMEOUT
export NT_KERNEL

power_off() {
    sync
    poweroff -f
    sleep 2
    echo b >/proc/sysrq-trigger # -no-reboot turns the reboot into a QEMU exit
}

modules_dir=/lib/modules/$(uname -r)
while read -r ko; do
    [[ -n $ko ]] || continue
    insmod "$modules_dir/$ko" || echo "note: could not load ${ko##*/}"
done </etc/nettrace-vm/modules.load

# A fresh line: the firmware leaves terminal escape sequences on the current one.
echo
echo "NTVM-BOOTED $NT_KERNEL $(uname -r) after $(cut -d' ' -f1 /proc/uptime)s"

# timing_of WORK: where a scenario's time went, from lib.sh's NT_WORK/timing ("; nettrace: 3 starts 31.2s, 2 stops
# 4.1s"): what makes the tier slow, on every PASS line.
timing_of() {
    [[ -s $1/timing ]] || return 0
    awk '{ n[$1]++; ms[$1] += $2 }
        END { printf "; nettrace: %d start%s %.1fs", n["start"], n["start"] == 1 ? "" : "s", ms["start"] / 1000
              if (n["exit"]) printf ", %d stop%s %.1fs", n["exit"], n["exit"] == 1 ? "" : "s", ms["exit"] / 1000 }' "$1/timing"
}

run_scenario() {
    local name=$1 work=/tmp/nt/$1 start pid rc reason="" timed_out=0 f
    mkdir -p "$work"
    start=$(date +%s)
    # setsid: the scenario and everything it starts share one process group, killed as a whole at the end.
    # trap -: bash would start it with SIGINT ignored, and a shell cannot undo a disposition it inherited,
    # so lib.sh could never give nettrace a working Ctrl-C.
    # shellcheck disable=SC2016 # $1 is expanded by the scenario's bash
    (
        trap - INT QUIT
        NT_SCENARIO=$name NT_WORK=$work exec setsid bash -c \
            'source /tests/lib.sh && source "/tests/scenarios/$1.sh"' scenario "$name"
    ) >"$work/output" 2>&1 </dev/null &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        if (($(date +%s) - start >= NT_SCENARIO_TIMEOUT)); then
            timed_out=1
            kill -TERM -- "-$pid" 2>/dev/null
            sleep 3
            kill -KILL -- "-$pid" 2>/dev/null
            break
        fi
        sleep 0.2
    done
    rc=0
    wait "$pid" || rc=$?
    # Whatever a scenario left behind (processes in its group, namespaces) must not disturb the next one.
    kill -KILL -- "-$pid" 2>/dev/null
    ip -all netns delete 2>/dev/null

    if ((rc == 0 && !timed_out)); then
        echo "PASS $NT_KERNEL $name ($(($(date +%s) - start))s$(timing_of "$work"))"
        # Measurements a scenario wants on record (benchmarks) are shown even when it passes.
        [[ -f $work/report ]] && sed 's/^/    | /' "$work/report"
        return
    fi
    if ((timed_out)); then
        reason="timed out after ${NT_SCENARIO_TIMEOUT}s"
    elif [[ -s $work/reason ]]; then
        reason=$(head -n1 "$work/reason")
    else
        reason="exit code $rc"
    fi
    echo "FAIL $NT_KERNEL $name: $reason"
    for f in "$work/output" "$work"/*.log; do
        [[ -f $f ]] || continue
        # The end of a log is where the failure shows; cap it so one runaway log cannot flood the console.
        echo "    --- ${f##*/} ($(wc -l <"$f") lines, last 150 shown)"
        tail -n 150 "$f" | sed 's/^/    /'
    done
}

for s in $NT_SCENARIOS; do
    run_scenario "$s"
done
echo "NTVM-DONE $NT_KERNEL"
power_off
