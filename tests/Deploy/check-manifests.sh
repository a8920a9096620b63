#!/usr/bin/env bash
# Deploy manifests: every document of deploy/kubernetes/*.yaml checked offline against a pinned schema,
# Kubernetes v1.36.0 and prometheus-operator v0.91.0 (the npm packages pinned in manifests/package-lock.json):
# types, required fields, enums, fields the schema does not know, and the selectors and ports the documents
# refer to (manifests/validate.mjs says how). The validator's self-test runs first: broken documents it must
# reject, each for the expected reason, and the valid set they come from, which it must accept.
# Prints "ok: ..."/"FAIL: ..." per check and "deploy-manifests: N passed, M failed"; exits 1 if any failed.
#
# Needs node 18 or later and npm (Debian 12: nodejs and npm, which scripts/setup.sh installs); without them it
# fails. The packages are installed with `npm ci` into tests/Deploy/manifests/node_modules (git-ignored), again
# only when package-lock.json changes; that takes the npm registry, the rest runs offline. As root in a
# repository a normal user owns, npm runs as that user through sudo where sudo is installed, so that user's later
# runs can replace node_modules.
# Usage: tests/Deploy/check-manifests.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
# shellcheck source=scripts/setup.sh
source scripts/setup.sh
dir=tests/Deploy/manifests
passed=0
failed=0

summary() {
    echo "deploy-manifests: $passed passed, $failed failed"
    [[ $failed -eq 0 ]]
}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "FAIL: node and npm are needed (scripts/setup.sh installs them)"
    failed=1
    summary || exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
[[ $node_major -ge 18 ]] || nt_die "node $(node --version) is too old: the validator needs 18 or later"

# The packages declare node >= 22 but run on 18 and 20 (the self-test below would show it if they did not):
# --engine-strict=false keeps a user's engine-strict setting from refusing them. No package has an install
# script, and --ignore-scripts keeps it that way.
stamp=$dir/node_modules/.package-lock.installed
if ! cmp -s "$dir/package-lock.json" "$stamp"; then
    log=$(mktemp)
    if nt_as_repo_owner npm ci --prefix "$dir" --cache "$PWD/$dir/.npm-cache" --no-audit --no-fund \
        --ignore-scripts --engine-strict=false --loglevel=error >"$log" 2>&1; then
        nt_as_repo_owner cp "$dir/package-lock.json" "$stamp"
        rm -f "$log"
    else
        cat "$log"
        rm -f "$log"
        echo "FAIL: npm ci --prefix $dir"
        failed=1
        summary || exit 1
    fi
fi

# validate ARGS...: run the validator, print its lines and count them. A run that failed without saying which
# check failed (a crash, a missing module) counts as one failure.
validate() {
    local out rc=0 ok bad
    out=$(node "$dir/validate.mjs" "$@" 2>&1) || rc=$?
    printf '%s\n' "$out"
    ok=$(grep -c '^ok:' <<<"$out" || true)
    bad=$(grep -c '^FAIL:' <<<"$out" || true)
    if [[ $rc -ne 0 && $bad -eq 0 ]]; then
        echo "FAIL: node $dir/validate.mjs${*:+ $*}: exited $rc"
        bad=1
    fi
    passed=$((passed + ok))
    failed=$((failed + bad))
}

validate --self-test
validate
summary
