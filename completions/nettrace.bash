# bash completion for nettrace(8)                                  -*- shell-script -*-
#
# Install: copy to /usr/share/bash-completion/completions/nettrace (and link it as nettrace.sh for the source
# checkout's launcher), or source it from ~/.bashrc. Works with or without the bash-completion package.
#
# Trace and group names for -t/--trace and --trace-stack come from `nettrace -t ?`, run once per shell on first
# use and kept in _nettrace_traces; --sock's socket traces are asked for the same way. A failure (nettrace not
# built, not runnable, a timeout) completes nothing there, or the socket traces listed below, never an error.

_nettrace_options='-s --saddr -d --daddr --addr -S --sport -D --dport -P --port -p --proto --netns --netns-current
--pid --min-latency --pkt-len --tcp-flags --ifname --mark --tcp-rtt --filter-minrtt --tcp-srtt --filter-srtt -t --trace --bpf-progs --ret
--detail --date -c --count --basic --diag --diag-quiet --diag-keep --hooks --drop --drop-stack --sock --monitor --rtt --rtt-detail
--pkt-fixed --tiny-show --trace-stack --latency --latency-summary --latency-show --latency-free --trace-matcher --trace-exclude --trace-noclone --trace-free
--func-stats --rate-limit --btf-path --force --json -o --output --pcap --record --metrics --arm --arm-on --arm-dir --arm-for --arm-packets
--arm-rate --rules --plugins --unsafe-plugins -v --debug -V --version -h --help'

# What `nettrace replay FILE` and `nettrace diff GOOD BAD` take: the packet filters they apply in user space, and
# the options that shape the output.
_nettrace_filter_options='-s --saddr -d --daddr --addr -S --sport -D --dport -P --port -p --proto --netns --pid
--min-latency --pkt-len --tcp-flags --ifname'
_nettrace_replay_options="$_nettrace_filter_options --ret --detail --date -c --count --basic --diag --diag-quiet
--diag-keep --hooks --json -o --output --pcap --rules --plugins --unsafe-plugins -v --debug -h --help"
_nettrace_diff_options="$_nettrace_filter_options --json -o --output --plugins --unsafe-plugins -v --debug -h --help"

# Every name -p/--proto accepts (case does not matter to nettrace).
_nettrace_protocols='tcp udp icmp icmpv6 icmp6 arp ipv4 ip ipv6 ip6'

# The socket traces, for when `nettrace --sock` cannot be asked (not root); docs/sock.md lists them.
_nettrace_sock_fallback='inet_listen tcp_rcv_state_process tcp_ack __tcp_transmit_skb tcp_write_timer_handler
tcp_retransmit_timer tcp_enter_recovery tcp_enter_loss tcp_retransmit_skb tcp_send_loss_probe tcp_send_active_reset
tcp_close tcp_ack_update_rtt inet_sock_set_state tcp_probe tcp_send_reset tcp_receive_reset tcp_destroy_sock
tcp_send_probe0 tcp_try_keep_open tcp_enter_cwr tcp_dsack_set tcp_ack_probe tcp_probe_timer tcp_fastretrans_alert
tcp_rearm_rto tcp_event_new_data_sent tcp_schedule_loss_probe tcp_rtx_synack tcp_rcv_spurious_retrans
tcp_sendmsg_locked __tcp_push_pending_frames'

_nettrace_traces=''
_nettrace_traces_loaded=''
_nettrace_sock_traces=''
_nettrace_sock_loaded=''

# Whether option $1 takes the next word as its value.
_nettrace_takes_value()
{
    case $1 in
        -s | --saddr | -d | --daddr | --addr | -S | --sport | -D | --dport | -P | --port | -p | --proto | --netns | --pid | \
            --min-latency | --pkt-len | --tcp-flags | --ifname | --mark | --tcp-rtt | --filter-minrtt | --tcp-srtt | --filter-srtt | \
            -t | --trace | -c | --count | --trace-stack | --trace-matcher | --trace-exclude | --trace-free | --rate-limit | --btf-path | -o | --output | --pcap | --record | --metrics | --arm-on | --arm-dir | \
            --arm-for | --arm-packets | --arm-rate | --rules | --plugins)
            return 0 ;;
    esac
    return 1
}

# The nettrace executable behind the command being completed. nettrace.sh itself is never run (it may sudo and
# build); for it, the build output beside it is used if there is one.
_nettrace_binary()
{
    local cmd=$1 dir
    case $cmd in
        *nettrace.sh)
            dir=$(dirname -- "$cmd")
            for cmd in "$dir/src/Host/bin/Release/net10.0/nettrace" "$dir/src/Host/bin/Debug/net10.0/nettrace"; do
                [[ -x $cmd ]] && { printf '%s\n' "$cmd"; return 0; }
            done
            return 1 ;;
        */*) [[ -x $cmd ]] || return 1 ;;
        *) cmd=$(type -P -- "$cmd") || return 1 ;;
    esac
    printf '%s\n' "$cmd"
}

# The names in `nettrace -t ?`: "group: description" lines and "    [*] trace  how it attaches" lines.
_nettrace_load_traces()
{
    [[ -n $_nettrace_traces_loaded ]] && return
    _nettrace_traces_loaded=1
    _nettrace_traces=''
    local bin
    bin=$(_nettrace_binary "$1") || return
    _nettrace_traces=$(timeout 10 "$bin" -t '?' 2>/dev/null </dev/null | awk '
        /^[A-Za-z0-9_.-]+: / { sub(/:.*/, ""); print; next }
        /^ +\*? *[A-Za-z_][A-Za-z0-9_.]* / { sub(/^ +\*? */, ""); sub(/ .*/, ""); print }')
}

# `nettrace --sock -t ?` lists the packet traces, not the socket ones, so these are read from the line nettrace
# prints for an unknown socket trace ("...; --sock traces: a, b, c").
_nettrace_load_sock_traces()
{
    [[ -n $_nettrace_sock_loaded ]] && return
    _nettrace_sock_loaded=1
    local bin line=''
    if bin=$(_nettrace_binary "$1"); then
        line=$(timeout 10 "$bin" --sock -t _ 2>&1 </dev/null | sed -n 's/.*--sock traces: //p')
    fi
    _nettrace_sock_traces=${line//,/}
    [[ -n $_nettrace_sock_traces ]] || _nettrace_sock_traces=$_nettrace_sock_fallback
}

# COMPREPLY: the words of $1 that complete the last element of the comma-separated list in $cur.
_nettrace_complete_list()
{
    local prefix='' last=$cur name
    if [[ $cur == *,* ]]; then
        prefix=${cur%,*},
        last=${cur##*,}
    fi
    COMPREPLY=()
    while IFS= read -r name; do
        [[ -n $name ]] && COMPREPLY+=("$prefix$name")
    done < <(compgen -W "$1" -- "$last")
}

# COMPREPLY: the words of $1 that start with $cur.
_nettrace_words()
{
    mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
}

_nettrace_paths()
{
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen "$@" -- "$cur")
}

_nettrace()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev='' cword=$COMP_CWORD w i sub='' sub2='' nargs=0
    local options=$_nettrace_options
    local -a words=("${COMP_WORDS[@]}")
    COMPREPLY=()

    # "--proto=tc" arrives as "--proto" "=" "tc" ('=' and ':' are in COMP_WORDBREAKS): it completes --proto's value.
    if [[ $cur == = ]]; then
        prev=${words[cword-1]}
        cur=''
    elif ((cword >= 2)) && [[ ${words[cword-1]} == = ]]; then
        prev=${words[cword-2]}
    elif ((cword >= 1)); then
        prev=${words[cword-1]}
    fi

    # The subcommand, if any: the first word that is not an option, an option's value, or a piece of one that
    # COMP_WORDBREAKS split off ("=", ":" in 127.0.0.1:9464 or fe80::1). The words after it are its arguments:
    # sub2 is the first ("check" of rules), nargs counts them (replay's FILE, diff's GOOD and BAD).
    for ((i = 1; i < cword; i++)); do
        w=${words[i]}
        [[ $w == -* || $w =~ ^[=:]+$ || ${words[i-1]} =~ ^[=:]+$ ]] && continue
        _nettrace_takes_value "${words[i-1]}" && continue
        if [[ -z $sub ]]; then
            sub=$w
        else
            [[ -z $sub2 ]] && sub2=$w
            ((nargs++))
        fi
    done

    case $sub in
        '') ;;
        probe)
            [[ $cur == -* ]] && _nettrace_words '-v -h --help'
            return ;;
        rules)
            if [[ $cur == -* ]]; then
                _nettrace_words '-v -h --help'
            elif [[ -z $sub2 ]]; then
                _nettrace_words 'check'
            elif [[ $sub2 == check ]]; then
                compopt -o filenames 2>/dev/null
                mapfile -t COMPREPLY < <(compgen -f -X '!*.rules' -- "$cur"; compgen -d -- "$cur")
            fi
            return ;;
        completion)
            if [[ $cur == -* ]]; then
                _nettrace_words '-v -h --help'
            elif ((nargs < 1)); then
                _nettrace_words 'bash fish zsh'
            fi
            return ;;
        replay)
            options=$_nettrace_replay_options ;;
        diff)
            options=$_nettrace_diff_options ;;
        *)
            return ;; # nettrace takes no such word
    esac

    case $prev in
        -p | --proto)
            _nettrace_words "$_nettrace_protocols"
            return ;;
        -t | --trace | --trace-stack | --trace-matcher | --trace-exclude | --trace-free)
            local sock=''
            for w in "${words[@]:1:cword-1}"; do
                [[ $w == --sock ]] && sock=1
            done
            if [[ -n $sock ]]; then
                _nettrace_load_sock_traces "${words[0]}"
                _nettrace_complete_list "$_nettrace_sock_traces"
            else
                _nettrace_load_traces "${words[0]}"
                _nettrace_complete_list "$_nettrace_traces"
                # "-t ?" lists them; offered quoted, so a one-letter file name cannot take the place of the '?'.
                [[ ($prev == -t || $prev == --trace) && -z $cur ]] && COMPREPLY+=('\?')
            fi
            return ;;
        -o | --output | --pcap | --record)
            _nettrace_paths -f
            return ;;
        --rules | --plugins | --arm-dir)
            _nettrace_paths -d
            return ;;
        --netns)
            _nettrace_words "$(stat -L -c %i /proc/[0-9]*/ns/net 2>/dev/null | sort -u)"
            return ;;
        --pid)
            _nettrace_words "$(cd /proc 2>/dev/null && printf '%s\n' [0-9]*)"
            return ;;
        --tcp-flags)
            _nettrace_words 'S A P R F U E C'
            return ;;
        --ifname)
            _nettrace_words "$(ls /sys/class/net 2>/dev/null)"
            return ;;
        -s | --saddr | -d | --daddr | --addr | -S | --sport | -D | --dport | -P | --port | --min-latency | --pkt-len | --mark | \
            --tcp-rtt | --filter-minrtt | --tcp-srtt | --filter-srtt | -c | --count | --metrics | --arm-for | --arm-packets | \
            --arm-rate)
            return ;; # an address, a number or ADDR:PORT: nothing to offer
        --arm-on)
            return ;; # a rule's target and condition, typed out
    esac

    if [[ $cur == -* ]]; then
        _nettrace_words "$options"
        return
    fi
    # Recordings: replay's FILE, diff's GOOD and BAD (FILE#N is typed after the name).
    case $sub in
        replay)
            ((nargs < 1)) && _nettrace_paths -f
            return ;;
        diff)
            ((nargs < 2)) && _nettrace_paths -f
            return ;;
    esac
    # Subcommands only where nettrace takes them: first, or after -v.
    for w in "${words[@]:1:cword-1}"; do
        [[ $w == -v ]] || return
    done
    _nettrace_words 'probe rules replay diff completion'
}

complete -F _nettrace nettrace nettrace.sh
