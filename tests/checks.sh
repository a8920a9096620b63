# shellcheck shell=bash disable=SC2034  # passed and failed are read by the scripts that source this file
# The script tiers' checks (tests/Package/run.sh, tests/Arm64/run.sh): `check NAME COMMAND...` runs COMMAND and
# prints one line, "PASS NAME" or "FAIL NAME: " with the last lines of its output, counting both.
passed=0
failed=0
check() {
    local name=$1 out
    shift
    if out=$("$@" 2>&1); then
        echo "PASS $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name: $(tail -n 5 <<<"$out" | tr '\n' ' ')"
        failed=$((failed + 1))
    fi
}
