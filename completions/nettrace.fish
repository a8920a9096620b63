# fish completion for nettrace(8)
#
# Made from nettrace's own option table by `nettrace completion fish` (completions/nettrace.fish is that output;
# ./build.sh completions writes it again). Install: copy it to ~/.config/fish/completions/ or to
# /usr/share/fish/vendor_completions.d/ (the packages do).
#
# Trace names for -t and the other trace lists come from `nettrace -t ?` (with --sock, from the socket traces
# nettrace names); a nettrace that cannot be run completes nothing there.

# The options that take the next word as their value.
set -g __nettrace_valued --saddr -s --daddr -d --addr --sport -S --dport -D --port -P --proto -p --netns --pid --min-latency --pkt-len --tcp-flags --ifname --mark --tcp-rtt --filter-minrtt --tcp-srtt --filter-srtt --trace -t --count -c --trace-stack --trace-matcher --trace-exclude --trace-free --rate-limit --btf-path --output -o --pcap --record --metrics --arm-on --arm-dir --arm-for --arm-packets --arm-rate --rules --plugins --cache --csharp
# The subcommands, by the words that name them.
set -g __nettrace_commands 'probe' 'rules' 'rules check' 'rules compile' 'replay' 'diff' 'completion'

# Sets __nettrace_path, the subcommand the line is at ('' for nettrace itself, 'rules check'), and
# __nettrace_nargs, how many positional words follow it. Option values are skipped.
function __nettrace_state
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -g __nettrace_path ''
    set -g __nettrace_nargs 0
    set -l skip 0
    # nettrace takes a subcommand first, or after -v only.
    set -g __nettrace_plain 1
    for t in $tokens
        if test $skip -eq 1
            set skip 0
        else if test -z "$__nettrace_path"; and string match -q -- '-*' $t; and test "$t" != -v
            set __nettrace_plain 0
            contains -- $t $__nettrace_valued; and set skip 1
        else if contains -- $t $__nettrace_valued
            set skip 1
        else if not string match -q -- '-*' $t
            set -l next $t
            test -n "$__nettrace_path"; and set next "$__nettrace_path $t"
            if test $__nettrace_nargs -eq 0 -a $__nettrace_plain -eq 1; and contains -- $next $__nettrace_commands
                set __nettrace_path $next
            else
                set __nettrace_nargs (math $__nettrace_nargs + 1)
            end
        end
    end
end

# __nettrace_at PATH [FIRST [LAST]]: the line is at command PATH, and the word being completed is its
# positional word number FIRST..LAST (from 0; LAST empty: any).
function __nettrace_at -a want first last
    __nettrace_state
    test "$__nettrace_path" = "$want"; or return 1
    test -z "$first"; or test $__nettrace_nargs -ge $first; or return 1
    test -z "$last"; or test $__nettrace_nargs -le $last
end

# Whether the word being completed may name a subcommand of PATH.
function __nettrace_at_subcommand -a want
    __nettrace_at "$want" 0 0; and test $__nettrace_plain -eq 1
end

# The nettrace being completed; for the checkout's nettrace.sh (never run: it may sudo and build), its build.
function __nettrace_binary
    set -l cmd (commandline -opc)[1]
    switch $cmd
        case '*nettrace.sh'
            set -l dir (dirname -- $cmd)
            for c in $dir/src/Host/bin/Release/net10.0/nettrace $dir/src/Host/bin/Debug/net10.0/nettrace
                if test -x $c
                    echo $c
                    return 0
                end
            end
            return 1
        case '*/*'
            test -x $cmd; and echo $cmd
        case '*'
            command -s $cmd
    end
end

# Trace and group names after the last comma of the word being completed.
function __nettrace_traces
    set -l bin (__nettrace_binary); or return 0
    set -l prefix (string match -r '^.*,' -- (commandline -ct))
    set -l names
    if contains -- --sock (commandline -opc)
        set names (timeout 10 $bin --sock -t _ 2>&1 </dev/null | string replace -rf '.*--sock traces: ' '' | string split ', ')
    else
        set names (timeout 10 $bin -t '?' 2>/dev/null </dev/null | string match -rg '^(?:([A-Za-z0-9_.-]+): | +\*? *([A-Za-z_][A-Za-z0-9_.]*) )')
    end
    for name in $names
        test -n "$name"; and echo "$prefix$name"
    end
end

function __nettrace_netns
    stat -L -c %i /proc/[0-9]*/ns/net 2>/dev/null | sort -u
end

function __nettrace_interfaces
    ls /sys/class/net 2>/dev/null
end

complete -c nettrace -f
complete -c nettrace.sh -w nettrace

# nettrace
complete -c nettrace -n '__nettrace_at ""' -l saddr -s s -x -d 'filter source ip/ipv6 address'
complete -c nettrace -n '__nettrace_at ""' -l daddr -s d -x -d 'filter dest ip/ipv6 address'
complete -c nettrace -n '__nettrace_at ""' -l addr -x -d 'filter source or dest ip/ipv6 address'
complete -c nettrace -n '__nettrace_at ""' -l sport -s S -x -d 'filter source TCP/UDP port'
complete -c nettrace -n '__nettrace_at ""' -l dport -s D -x -d 'filter dest TCP/UDP port'
complete -c nettrace -n '__nettrace_at ""' -l port -s P -x -d 'filter source or dest TCP/UDP port'
complete -c nettrace -n '__nettrace_at ""' -l proto -s p -x -a 'tcp udp icmp icmpv6 arp ipv4 ipv6 icmp6 ip ip6' -d 'filter L3/L4 protocol, such as \'tcp\', \'arp\' (tcp, udp, icmp, icmpv6, arp, ipv4, ipv6)'
complete -c nettrace -n '__nettrace_at ""' -l netns -x -a '(__nettrace_netns)' -d 'filter by net namespace inode'
complete -c nettrace -n '__nettrace_at ""' -l netns-current -d 'filter by current net namespace'
complete -c nettrace -n '__nettrace_at ""' -l pid -x -a '(__fish_complete_pids)' -d 'filter by current process id(pid)'
complete -c nettrace -n '__nettrace_at ""' -l min-latency -x -d 'filter by the minimal time to live of the skb in ms (or with a unit: 500us, 2ms, 1s)'
complete -c nettrace -n '__nettrace_at ""' -l pkt-len -x -d 'filter by the IP packet length (include header) in byte, exactly N or from N to M'
complete -c nettrace -n '__nettrace_at ""' -l tcp-flags -x -a 'S A P R F U E C' -d 'filter by TCP flags, such as: SAPRF (any of SAPRFUEC)'
complete -c nettrace -n '__nettrace_at ""' -l ifname -x -a '(__nettrace_interfaces)' -d 'filter by the network device the skb is on (in its namespace)'
complete -c nettrace -n '__nettrace_at ""' -l mark -x -d 'filter by skb->mark: mark & MASK == VALUE'
complete -c nettrace -n '__nettrace_at ""' -l tcp-rtt -l filter-minrtt -x -d 'filter by the minimal rtt, in ms (0: every sample)'
complete -c nettrace -n '__nettrace_at ""' -l tcp-srtt -l filter-srtt -x -d 'filter by the minimal srtt, in ms (0: every sample)'
complete -c nettrace -n '__nettrace_at ""' -l trace -s t -x -a '(__nettrace_traces)' -d 'enable trace group or trace (comma separated)'
complete -c nettrace -n '__nettrace_at ""' -l bpf-progs -d 'trace the verdicts of the loaded tc and XDP BPF programs (fexit: needs BPF trampolines)'
complete -c nettrace -n '__nettrace_at ""' -l ret -d 'show function return value'
complete -c nettrace -n '__nettrace_at ""' -l detail -d 'show extern packet info, such as pid, ifname, etc'
complete -c nettrace -n '__nettrace_at ""' -l date -d 'print timestamp in date-time format'
complete -c nettrace -n '__nettrace_at ""' -l count -s c -x -d 'exit after receiving count packets'
complete -c nettrace -n '__nettrace_at ""' -l basic -d 'use \'basic\' trace mode, don\'t trace skb\'s life'
complete -c nettrace -n '__nettrace_at ""' -l diag -d 'enable \'diagnose\' mode'
complete -c nettrace -n '__nettrace_at ""' -l diag-quiet -d 'only print abnormal packet'
complete -c nettrace -n '__nettrace_at ""' -l diag-keep -d 'don\'t quit when abnormal packet found'
complete -c nettrace -n '__nettrace_at ""' -l hooks -d 'print netfilter hooks if dropping by netfilter'
complete -c nettrace -n '__nettrace_at ""' -l drop -d 'skb drop monitor mode, for replace of \'droptrace\''
complete -c nettrace -n '__nettrace_at ""' -l drop-stack -d 'print the kernel function call stack of kfree_skb'
complete -c nettrace -n '__nettrace_at ""' -l sock -d 'enable \'sock\' mode'
complete -c nettrace -n '__nettrace_at ""' -l monitor -d 'enable \'monitor\' mode'
complete -c nettrace -n '__nettrace_at ""' -l rtt -d 'only a log2 histogram of TCP RTT samples in microseconds, aggregated in the kernel and printed each second (--filter-srtt/--filter-minrtt bound the samples; without kprobes, the srtt of tcp_probe)'
complete -c nettrace -n '__nettrace_at ""' -l rtt-detail -d 'show every RTT sample: \'sock\' mode on tcp_ack_update_rtt (upstream\'s shorthand; --filter-srtt/--filter-minrtt bound it)'
complete -c nettrace -n '__nettrace_at ""' -l pkt-fixed -d 'set this option if you are sure the target packet is not NATed to get better performance'
complete -c nettrace -n '__nettrace_at ""' -l tiny-show -d 'send an skb\'s packet only at its first hit: the later hits print as their time and function (lighter than --pkt-fixed\'s lines)'
complete -c nettrace -n '__nettrace_at ""' -l trace-stack -x -a '(__nettrace_traces)' -d 'print call stack for traces or group (comma separated, at most 16)'
complete -c nettrace -n '__nettrace_at ""' -l latency -d 'measure each skb\'s latency in the kernel: one line per skb at its free, [first -> last] traces and latency (--min-latency bounds it)'
complete -c nettrace -n '__nettrace_at ""' -l latency-summary -d 'only a log2 histogram of the latencies, aggregated in the kernel and printed each second (implies --latency)'
complete -c nettrace -n '__nettrace_at ""' -l latency-show -d 'show each hit\'s latency since the previous one and the lifecycle\'s total latency'
complete -c nettrace -n '__nettrace_at ""' -l latency-free -d 'with --latency-show, count the total latency up to the free of the skb'
complete -c nettrace -n '__nettrace_at ""' -l trace-matcher -x -a '(__nettrace_traces)' -d 'only these traces or groups may start tracing an skb; the others report it once one of them did (comma separated)'
complete -c nettrace -n '__nettrace_at ""' -l trace-exclude -x -a '(__nettrace_traces)' -d 'leave these traces or groups out (comma separated)'
complete -c nettrace -n '__nettrace_at ""' -l trace-noclone -d 'don\'t follow clones: a cloned skb\'s copy gets no lifecycle of its own'
complete -c nettrace -n '__nettrace_at ""' -l trace-free -x -a '(__nettrace_traces)' -d 'these traces also end an skb\'s lifecycle, as the kernel\'s frees do (comma separated)'
complete -c nettrace -n '__nettrace_at ""' -l func-stats -d 'only count the calls of each traced function in the kernel, and print the counts every second'
complete -c nettrace -n '__nettrace_at ""' -l rate-limit -x -d 'send at most N events a second from the kernel (--basic, --drop, --sock, --monitor); the rest are counted'
complete -c nettrace -n '__nettrace_at ""' -l btf-path -r -F -d 'read the kernel\'s BTF from FILE (raw BTF or a vmlinux with a .BTF section), for a kernel without /sys/kernel/btf/vmlinux'
complete -c nettrace -n '__nettrace_at ""' -l force -d 'accepted for upstream\'s scripts: nettrace never refuses an unfiltered trace, so there is nothing to force'
complete -c nettrace -n '__nettrace_at ""' -l json -d 'print one JSON object per event and per finding (docs/json.md) instead of text'
complete -c nettrace -n '__nettrace_at ""' -l output -s o -r -F -d 'write the output (text or JSON) to FILE instead of stdout'
complete -c nettrace -n '__nettrace_at ""' -l pcap -r -F -d 'also write the captured packets to FILE as pcapng, each commented with its kernel function, reason and netns'
complete -c nettrace -n '__nettrace_at ""' -l record -r -F -d 'also save every raw record to FILE, a recording that can be decoded again later (docs/recordings.md)'
complete -c nettrace -n '__nettrace_at ""' -l metrics -x -d 'with --monitor, --drop, --latency-summary or --rtt, serve Prometheus metrics at http://ADDR:PORT/metrics (ADDR defaults to 127.0.0.1)'
complete -c nettrace -n '__nettrace_at ""' -l arm -d 'with --monitor, trace the lifecycle of each abnormal flow (a drop, a reset, an ERROR finding) into an incident (docs/incidents.md)'
complete -c nettrace -n '__nettrace_at ""' -l arm-on -x -d 'arm only on events matching RULE, a .rules target and condition: \'kfree_skb when reason == "NETFILTER_DROP"\' (repeatable; implies --arm)'
complete -c nettrace -n '__nettrace_at ""' -l arm-dir -x -a '(__fish_complete_directories (commandline -ct))' -d 'where incidents are written (default /var/lib/nettrace/incidents as root, else ~/.local/state/nettrace/incidents)'
complete -c nettrace -n '__nettrace_at ""' -l arm-for -x -d 'trace each incident\'s flow for at most SECONDS (default 10)'
complete -c nettrace -n '__nettrace_at ""' -l arm-packets -x -d 'end an incident after COUNT packets of its flow, or at the first one diagnosed abnormal (default 5)'
complete -c nettrace -n '__nettrace_at ""' -l arm-rate -x -d 'record at most N incidents a minute, one at a time (default 4)'
complete -c nettrace -n '__nettrace_at ""' -l rules -x -a '(__fish_complete_directories (commandline -ct))' -d 'with --diag, also load the .rules files in DIR (repeatable)'
complete -c nettrace -n '__nettrace_at ""' -l plugins -x -a '(__fish_complete_directories (commandline -ct))' -d 'also load plugins from DIR (repeatable)'
complete -c nettrace -n '__nettrace_at ""' -l unsafe-plugins -d 'load plugins and .rules files even when someone other than root may change them (development only)'
complete -c nettrace -n '__nettrace_at ""' -s v -d 'show log information'
complete -c nettrace -n '__nettrace_at ""' -l debug -d 'show debug information'
complete -c nettrace -n '__nettrace_at ""' -l help -s h -d 'show help information'
complete -c nettrace -n '__nettrace_at ""' -l version -s V -d 'show nettrace version'
complete -c nettrace -n '__nettrace_at_subcommand ""' -a 'probe' -d 'report what this kernel offers (BTF, program/attach types, ring buffer, drop reasons)'
complete -c nettrace -n '__nettrace_at_subcommand ""' -a 'rules' -d 'work with the diagnosis rules (.rules files)'
complete -c nettrace -n '__nettrace_at_subcommand ""' -a 'replay' -d 'decode a recording (--record, or an incident) again: re-filter, re-render, re-diagnose it with today\'s rules'
complete -c nettrace -n '__nettrace_at_subcommand ""' -a 'diff' -d 'compare two packets\' paths through the kernel (FILE or FILE#N, the Nth packet): where they diverge and how long each stage took'
complete -c nettrace -n '__nettrace_at_subcommand ""' -a 'completion' -d 'print the shell completion script for bash, fish or zsh'

# nettrace probe
complete -c nettrace -n '__nettrace_at "probe"' -s v -d 'show log information'
complete -c nettrace -n '__nettrace_at "probe"' -l help -s h -d 'show help information'

# nettrace rules
complete -c nettrace -n '__nettrace_at "rules"' -s v -d 'show log information'
complete -c nettrace -n '__nettrace_at "rules"' -l help -s h -d 'show help information'
complete -c nettrace -n '__nettrace_at_subcommand "rules"' -a 'check' -d 'check .rules files (and the plugins\' own rules) without tracing: every error as file:line:col'
complete -c nettrace -n '__nettrace_at_subcommand "rules"' -a 'compile' -d 'compile the plugins\' rules ahead of time into the rules cache, so that no session waits for the compiler'

# nettrace rules check
complete -c nettrace -n '__nettrace_at "rules check"' -s v -d 'show log information'
complete -c nettrace -n '__nettrace_at "rules check"' -l help -s h -d 'show help information'
complete -c nettrace -n '__nettrace_at "rules check" 0' -F -d 'FILE'

# nettrace rules compile
complete -c nettrace -n '__nettrace_at "rules compile"' -l cache -x -a '(__fish_complete_directories (commandline -ct))' -d 'the cache folder to fill (default: the rules cache --diag reads)'
complete -c nettrace -n '__nettrace_at "rules compile"' -l csharp -x -a '(__fish_complete_directories (commandline -ct))' -d 'also write each set\'s C# into DIR, to be compiled into the native executable (build.sh does)'
complete -c nettrace -n '__nettrace_at "rules compile"' -s v -d 'show log information'
complete -c nettrace -n '__nettrace_at "rules compile"' -l help -s h -d 'show help information'

# nettrace replay
complete -c nettrace -n '__nettrace_at "replay"' -l saddr -s s -x -d 'filter source ip/ipv6 address'
complete -c nettrace -n '__nettrace_at "replay"' -l daddr -s d -x -d 'filter dest ip/ipv6 address'
complete -c nettrace -n '__nettrace_at "replay"' -l addr -x -d 'filter source or dest ip/ipv6 address'
complete -c nettrace -n '__nettrace_at "replay"' -l sport -s S -x -d 'filter source TCP/UDP port'
complete -c nettrace -n '__nettrace_at "replay"' -l dport -s D -x -d 'filter dest TCP/UDP port'
complete -c nettrace -n '__nettrace_at "replay"' -l port -s P -x -d 'filter source or dest TCP/UDP port'
complete -c nettrace -n '__nettrace_at "replay"' -l proto -s p -x -a 'tcp udp icmp icmpv6 arp ipv4 ipv6 icmp6 ip ip6' -d 'filter L3/L4 protocol, such as \'tcp\', \'arp\' (tcp, udp, icmp, icmpv6, arp, ipv4, ipv6)'
complete -c nettrace -n '__nettrace_at "replay"' -l netns -x -a '(__nettrace_netns)' -d 'filter by net namespace inode'
complete -c nettrace -n '__nettrace_at "replay"' -l pid -x -a '(__fish_complete_pids)' -d 'filter by current process id(pid)'
complete -c nettrace -n '__nettrace_at "replay"' -l min-latency -x -d 'filter by the minimal time to live of the skb in ms (or with a unit: 500us, 2ms, 1s)'
complete -c nettrace -n '__nettrace_at "replay"' -l pkt-len -x -d 'filter by the IP packet length (include header) in byte, exactly N or from N to M'
complete -c nettrace -n '__nettrace_at "replay"' -l tcp-flags -x -a 'S A P R F U E C' -d 'filter by TCP flags, such as: SAPRF (any of SAPRFUEC)'
complete -c nettrace -n '__nettrace_at "replay"' -l ifname -x -a '(__nettrace_interfaces)' -d 'filter by the network device the skb is on (in its namespace)'
complete -c nettrace -n '__nettrace_at "replay"' -l mark -x -d 'filter by skb->mark: mark & MASK == VALUE'
complete -c nettrace -n '__nettrace_at "replay"' -l ret -d 'show function return value'
complete -c nettrace -n '__nettrace_at "replay"' -l detail -d 'show extern packet info, such as pid, ifname, etc'
complete -c nettrace -n '__nettrace_at "replay"' -l date -d 'print timestamp in date-time format'
complete -c nettrace -n '__nettrace_at "replay"' -l count -s c -x -d 'exit after receiving count packets'
complete -c nettrace -n '__nettrace_at "replay"' -l basic -d 'use \'basic\' trace mode, don\'t trace skb\'s life'
complete -c nettrace -n '__nettrace_at "replay"' -l diag -d 'enable \'diagnose\' mode'
complete -c nettrace -n '__nettrace_at "replay"' -l diag-quiet -d 'only print abnormal packet'
complete -c nettrace -n '__nettrace_at "replay"' -l diag-keep -d 'don\'t quit when abnormal packet found'
complete -c nettrace -n '__nettrace_at "replay"' -l hooks -d 'print netfilter hooks if dropping by netfilter'
complete -c nettrace -n '__nettrace_at "replay"' -l json -d 'print one JSON object per event and per finding (docs/json.md) instead of text'
complete -c nettrace -n '__nettrace_at "replay"' -l output -s o -r -F -d 'write the output (text or JSON) to FILE instead of stdout'
complete -c nettrace -n '__nettrace_at "replay"' -l pcap -r -F -d 'also write the captured packets to FILE as pcapng, each commented with its kernel function, reason and netns'
complete -c nettrace -n '__nettrace_at "replay"' -l rules -x -a '(__fish_complete_directories (commandline -ct))' -d 'with --diag, also load the .rules files in DIR (repeatable)'
complete -c nettrace -n '__nettrace_at "replay"' -l plugins -x -a '(__fish_complete_directories (commandline -ct))' -d 'also load plugins from DIR (repeatable)'
complete -c nettrace -n '__nettrace_at "replay"' -l unsafe-plugins -d 'load plugins and .rules files even when someone other than root may change them (development only)'
complete -c nettrace -n '__nettrace_at "replay"' -l debug -d 'show debug information'
complete -c nettrace -n '__nettrace_at "replay"' -s v -d 'show log information'
complete -c nettrace -n '__nettrace_at "replay"' -l help -s h -d 'show help information'
complete -c nettrace -n '__nettrace_at "replay" 0 0' -F -d 'FILE'

# nettrace diff
complete -c nettrace -n '__nettrace_at "diff"' -l saddr -s s -x -d 'filter source ip/ipv6 address'
complete -c nettrace -n '__nettrace_at "diff"' -l daddr -s d -x -d 'filter dest ip/ipv6 address'
complete -c nettrace -n '__nettrace_at "diff"' -l addr -x -d 'filter source or dest ip/ipv6 address'
complete -c nettrace -n '__nettrace_at "diff"' -l sport -s S -x -d 'filter source TCP/UDP port'
complete -c nettrace -n '__nettrace_at "diff"' -l dport -s D -x -d 'filter dest TCP/UDP port'
complete -c nettrace -n '__nettrace_at "diff"' -l port -s P -x -d 'filter source or dest TCP/UDP port'
complete -c nettrace -n '__nettrace_at "diff"' -l proto -s p -x -a 'tcp udp icmp icmpv6 arp ipv4 ipv6 icmp6 ip ip6' -d 'filter L3/L4 protocol, such as \'tcp\', \'arp\' (tcp, udp, icmp, icmpv6, arp, ipv4, ipv6)'
complete -c nettrace -n '__nettrace_at "diff"' -l netns -x -a '(__nettrace_netns)' -d 'filter by net namespace inode'
complete -c nettrace -n '__nettrace_at "diff"' -l pid -x -a '(__fish_complete_pids)' -d 'filter by current process id(pid)'
complete -c nettrace -n '__nettrace_at "diff"' -l min-latency -x -d 'filter by the minimal time to live of the skb in ms (or with a unit: 500us, 2ms, 1s)'
complete -c nettrace -n '__nettrace_at "diff"' -l pkt-len -x -d 'filter by the IP packet length (include header) in byte, exactly N or from N to M'
complete -c nettrace -n '__nettrace_at "diff"' -l tcp-flags -x -a 'S A P R F U E C' -d 'filter by TCP flags, such as: SAPRF (any of SAPRFUEC)'
complete -c nettrace -n '__nettrace_at "diff"' -l ifname -x -a '(__nettrace_interfaces)' -d 'filter by the network device the skb is on (in its namespace)'
complete -c nettrace -n '__nettrace_at "diff"' -l mark -x -d 'filter by skb->mark: mark & MASK == VALUE'
complete -c nettrace -n '__nettrace_at "diff"' -l json -d 'print one JSON object per event and per finding (docs/json.md) instead of text'
complete -c nettrace -n '__nettrace_at "diff"' -l output -s o -r -F -d 'write the output (text or JSON) to FILE instead of stdout'
complete -c nettrace -n '__nettrace_at "diff"' -l plugins -x -a '(__fish_complete_directories (commandline -ct))' -d 'also load plugins from DIR (repeatable)'
complete -c nettrace -n '__nettrace_at "diff"' -l unsafe-plugins -d 'load plugins and .rules files even when someone other than root may change them (development only)'
complete -c nettrace -n '__nettrace_at "diff"' -l debug -d 'show debug information'
complete -c nettrace -n '__nettrace_at "diff"' -s v -d 'show log information'
complete -c nettrace -n '__nettrace_at "diff"' -l help -s h -d 'show help information'
complete -c nettrace -n '__nettrace_at "diff" 0 0' -F -d 'GOOD'
complete -c nettrace -n '__nettrace_at "diff" 1 1' -F -d 'BAD'

# nettrace completion
complete -c nettrace -n '__nettrace_at "completion"' -s v -d 'show log information'
complete -c nettrace -n '__nettrace_at "completion"' -l help -s h -d 'show help information'
complete -c nettrace -n '__nettrace_at "completion" 0 0' -x -a 'bash fish zsh' -d 'SHELL'
