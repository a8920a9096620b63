#!/usr/bin/env zsh
# zsh-complete.zsh SCRIPT LINE: what zsh's completion offers for the last word of LINE, one word a line, with SCRIPT
# as nettrace's completion. An interactive zsh runs in a pseudo-terminal (zpty) with compinit, its compadd wrapped
# to write down the matches the completion functions add; a Tab is typed after LINE.
zmodload zsh/zpty || exit 3
local script=$1 line=$2 dir
dir=$(mktemp -d) || exit 3
cp -- $script $dir/_nettrace
# nt_wait FILE: until the shell has made $dir/FILE (30 s at most: a loaded machine starts zsh and compinit slowly).
nt_wait() {
    local i
    for i in {1..300}; do
        [[ -e $dir/$1 ]] && return 0
        sleep 0.1
    done
    print -u2 "zsh did not get to '$1' completing '$line'"
    zpty -d nt
    rm -rf $dir
    return 1
}
zpty nt zsh -f -i
zpty -w nt "PS1=''; fpath=($dir \$fpath); autoload -Uz compinit; compinit -u -d $dir/dump"
zpty -w nt "compadd() { if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd \"\$@\"; return; fi; local -a found; builtin compadd -A found \"\$@\"; print -rl -- \$found >> $dir/offered; builtin compadd \"\$@\"; }"
# Type the line only once that shell waits at its prompt: zle drops what was typed ahead of it.
zpty -w nt "touch $dir/ready"
nt_wait ready || exit 3
zpty -w -n nt "$line"$'\t'
zpty -w nt $'\C-e\C-u'"touch $dir/done"
nt_wait done || exit 3
zpty -d nt
[[ -e $dir/offered ]] && sort -u $dir/offered
rm -rf $dir
