# Generates dropreason(7), for scripts/drop-reasons.sh (see there and docs/man/dropreason.d/README.md).
# Operands: the recorded lists (RELEASE.txt, oldest series first), then the template. Variables: template (its
# path as given), shown (its path for messages), me (the script's name). Writes the page to stdout; on a problem
# one line on stderr and exit status 1. POSIX awk: Debian's default is mawk.

function fail(msg) {
    print me ": " msg > "/dev/stderr"
    failed = 1
    exit 1
}

# The key of an entry's tag line: "reason NAME" for ".B NAME", "subsys NAME" for ".BI NAME: N".
function tag_key(tag, at,    name) {
    if (tag ~ /^\.B [A-Z][A-Z0-9_]*$/)
        return "reason " substr(tag, 4)
    if (tag ~ /^\.BI [A-Z][A-Z0-9_]*: N$/) {
        name = substr(tag, 5)
        sub(/: N$/, "", name)
        return "subsys " name
    }
    fail(shown ":" at ": a tag line must be \".B NAME\" or \".BI SUBSYSTEM: N\", not: " tag)
}

function shown_name(key) {
    return key ~ /^subsys / ? substr(key, 8) " (subsystem)" : substr(key, 8)
}

# Which recorded kernels have a key, as one 0/1 character per kernel, oldest first.
function bits(key,    j, s) {
    s = ""
    for (j = 1; j <= kernels; j++)
        s = s (((key, j) in has) ? "1" : "0")
    return s
}

# "a", "a and b", "a, b and c" (or "or").
function join(items, n, last,    j, s) {
    s = items[1]
    for (j = 2; j <= n; j++)
        s = s (j == n ? " " last " " : ", ") items[j]
    return s
}

# The availability note of a set of kernels; empty when all have the name.
function note(set,    j, ones, only, absent, n) {
    ones = 0
    n = 0
    for (j = 1; j <= kernels; j++) {
        if (substr(set, j, 1) == "1") {
            ones++
            only = j
        } else {
            absent[++n] = series[j]
        }
    }
    if (ones == kernels)
        return ""
    if (ones == 1)
        return (only == kernels ? "New in " : "Only in ") series[only] "."
    return "Not in " join(absent, n, "or") "."
}

function count_word(n) {
    if (n == 2) return "both"
    if (n == 3) return "all three"
    if (n == 4) return "all four"
    if (n == 5) return "all five"
    return "all " n
}

function roff_text(s) {
    gsub(/-/, "\\-", s)
    return s
}

# The "Kernel versions" paragraph, in place of the template's @KERNELS@ line.
function print_kernels(    j, labels, releases) {
    for (j = 1; j <= kernels; j++) {
        labels[j] = series[j]
        releases[j] = roff_text(release[j])
    }
    print "This page covers the reasons of Linux " join(labels, kernels, "and") ","
    print "as recorded from the BTF of " join(releases, kernels, "and") "."
    if (kernels == 1)
        return
    print "An entry without a note exists in " count_word(kernels) "."
    if (kernels > 2) {
        print ".RI \\(lq \"Not in " series[1] "\" \\(rq"
        print "names the kernels that lack the reason;"
    }
    print ".RI \\(lq \"New in " series[kernels] "\" \\(rq"
    print "means only " series[kernels] ", the newest, has it;"
    print ".RI \\(lq \"Only in " series[kernels - 1] "\" \\(rq"
    print "means only that older kernel has it."
}

# Ends the current entry with its names' availability: one note when they share it, else one per name.
function flush_entry(    j, first, same, n) {
    if (group == 0)
        return
    first = bits(member[1])
    same = 1
    for (j = 2; j <= group; j++)
        if (bits(member[j]) != first)
            same = 0
    if (same) {
        n = note(first)
        if (n != "")
            print n
    } else {
        for (j = 1; j <= group; j++) {
            n = note(bits(member[j]))
            if (n == "")
                continue
            print ".BR " substr(member[j], 8) " :"
            print tolower(substr(n, 1, 1)) substr(n, 2)
        }
    }
    group = 0
}

FILENAME == template {
    line[++lines] = $0
    next
}

FNR == 1 {
    kernels++
    release[kernels] = FILENAME
    sub(/\.txt$/, "", release[kernels])
    if (!match(release[kernels], /^[0-9]+\.[0-9]+/))
        fail(FILENAME ": the file name is not a kernel release")
    series[kernels] = substr(release[kernels], 1, RLENGTH)
    if (series[kernels] in seen_series)
        fail("two recorded lists of " series[kernels] ": " seen_series[series[kernels]] " and " FILENAME " (keep the newer)")
    seen_series[series[kernels]] = FILENAME
}

/^#/ || NF == 0 { next }

NF != 2 || ($1 != "reason" && $1 != "subsys") || $2 !~ /^[A-Z0-9_]+$/ {
    fail(FILENAME ":" FNR ": not \"reason NAME\" or \"subsys NAME\": " $0)
}

{
    key = $1 " " $2
    has[key, kernels] = 1
    if (!(key in known)) {
        known[key] = 1
        order[++keys] = key
    }
}

END {
    if (failed)
        exit 1
    if (kernels == 0)
        fail("no recorded kernel")

    # Every recorded name needs an entry, and every entry a recorded name.
    for (i = 1; i <= lines; i++) {
        if (line[i] !~ /^\.(TP|TQ)([ \t]|$)/)
            continue
        key = tag_key(line[i + 1], i + 1)
        if (key in entry)
            fail(shown ":" i + 1 ": " shown_name(key) " has a second entry (first at line " entry[key] ")")
        entry[key] = i + 1
        entries[++documented] = key
    }
    list = ""
    for (j = 1; j <= keys; j++)
        if (!(order[j] in entry))
            list = list (list == "" ? "" : ", ") shown_name(order[j])
    if (list != "")
        fail("write an explanation in " shown " for: " list "; then run scripts/" me " generate")
    for (j = 1; j <= documented; j++)
        if (!(entries[j] in known))
            list = list (list == "" ? "" : ", ") shown_name(entries[j])
    if (list != "")
        fail("in no recorded kernel, so take out of " shown ": " list)

    print ".\\\" dropreason(7): the kernel's skb drop reasons as nettrace prints them."
    print ".\\\" Generated by scripts/drop-reasons.sh: do not edit. The explanations are in"
    print ".\\\" docs/man/dropreason.d/dropreason.7.in, each kernel's names in docs/man/dropreason.d/kernels/."
    print ".\\\" After changing an explanation:    scripts/drop-reasons.sh generate"
    print ".\\\" To record the running kernel:     scripts/drop-reasons.sh update"
    print ".\\\" To record another kernel's image: scripts/drop-reasons.sh update /boot/vmlinuz-RELEASE"
    group = 0
    for (i = 1; i <= lines; i++) {
        text = line[i]
        if (text ~ /^\.\\"#/)
            continue
        if (text ~ /^\.(TP|SH|SS)([ \t]|$)/)
            flush_entry()
        if (text ~ /^\.(TP|TQ)([ \t]|$)/)
            member[++group] = tag_key(line[i + 1], i + 1)
        if (text == "@KERNELS@")
            print_kernels()
        else
            print text
    }
    flush_entry()
}
