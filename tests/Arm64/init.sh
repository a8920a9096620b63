#!/bin/busybox sh
# /init of the arm64 tier's VM: busybox's applets, the kernel's file systems, loopback up; then the two checks,
# each output between NT-NAME-BEGIN and NT-NAME-END lines for tests/Arm64/boot.sh to read; then power off.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tracefs tracefs /sys/kernel/tracing
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
ip link set lo up
N=/opt/nettrace/nettrace

# traced OUT ARGS...: nettrace ARGS in the background, output in OUT, until it begins tracing (2 minutes at most).
traced() {
    out=$1
    shift
    $N "$@" >"$out" 2>&1 &
    pid=$!
    i=0
    while ! grep -q '^begin trace' "$out" && kill -0 $pid 2>/dev/null && [ $i -lt 600 ]; do sleep 0.2; i=$((i + 1)); done
}
# finish OUT: wait for nettrace to stop by itself (20 s at most), else interrupt it.
finish() {
    i=0
    while kill -0 $pid 2>/dev/null && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
    kill -INT $pid 2>/dev/null
    wait $pid
}

echo "NT-UNAME: $(uname -m) $(uname -r)"
echo NT-VERSION-BEGIN
$N -V 2>&1
echo NT-VERSION-END

traced /tmp/drop.out --drop -c 1 -p tcp --dport 9
nc -w 2 127.0.0.1 9 </dev/null 2>/dev/null
finish
echo NT-DROP-BEGIN
cat /tmp/drop.out
echo NT-DROP-END

# -v says how each trace attached (kprobe), and -c bounds the run: a ping's request and reply pass ~40 functions.
traced /tmp/life.out -p icmp -v -c 40
ping -c 1 -W 2 127.0.0.1 >/dev/null
finish
echo NT-LIFE-BEGIN
cat /tmp/life.out
echo NT-LIFE-END
echo NT-DONE
poweroff -f
