# shellcheck shell=bash
# vm-kernels: 6.12
# The release tarball (./build.sh pack) unpacked into a fresh directory runs in place, finding its plugins,
# BPF objects and libraries beside the executable: `./nettrace --drop -c 1` catches a closed-port SYN.
netns_add ntc
netns_add nts
veth_pair ntc 10.99.13.1/24 nts 10.99.13.2/24

fresh=$NT_WORK/unpacked
mkdir -p "$fresh"
tar -C "$fresh" -xjf /tests/nettrace.tar.bz2 || fail "the tarball does not unpack"
dir=$(echo "$fresh"/nettrace-*-linux-x86_64)
[[ -x $dir/nettrace ]] || fail "no nettrace at the top of the unpacked directory"
"$dir/nettrace" -V >"$NT_WORK/version.log" 2>&1 || fail "./nettrace -V failed: $(cat "$NT_WORK/version.log")"
expect_line '^nettrace [0-9]+\.[0-9]+\.[0-9]+' "$NT_WORK/version.log"

NT_BIN=$dir/nettrace
start_nettrace --drop -c 1 -p tcp --dport 9 --addr 10.99.13.2
in_ns ntc bash -c 'exec 3<>/dev/tcp/10.99.13.2/9' 2>/dev/null || true
wait_nettrace_exit
expect_line 'TCP: 10\.99\.13\.1:[0-9]+ -> 10\.99\.13\.2:9 .*reason: NO_SOCKET'
expect_line '^nettrace: 1 events, '
