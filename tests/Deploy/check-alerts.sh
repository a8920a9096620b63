#!/usr/bin/env bash
# Checks the monitoring files under deploy/ without a Prometheus or Grafana server:
# - deploy/prometheus/nettrace-alerts.yaml is a valid rule file (promtool check rules);
# - its unit tests pass: each alert fires on a bad series and stays quiet on healthy ones
#   (promtool test rules deploy/prometheus/nettrace-alerts.test.yaml);
# - deploy/grafana/nettrace-dashboard.json is valid JSON, every panel query has an expr and a refId, panel ids
#   and titles are unique, and the queries use the $instance filter and $__rate_interval.
# Prints "ok: what" or "FAIL: what" and the tool's output per check, then "deploy-alerts: N passed, M failed";
# exits 1 if any check failed. Needs promtool (Debian's prometheus package) and jq. Runs from any directory.
# shellcheck disable=SC2016  # the $names in single quotes are jq's variables
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

rules=deploy/prometheus/nettrace-alerts.yaml
rule_tests=deploy/prometheus/nettrace-alerts.test.yaml
dashboard=deploy/grafana/nettrace-dashboard.json
passed=0
failed=0

# check WHAT COMMAND...: runs COMMAND; "ok: WHAT" if it succeeds, else "FAIL: WHAT" and its output.
check() {
    local what=$1 out
    shift
    if out=$("$@" 2>&1); then
        echo "ok: $what"
        passed=$((passed + 1))
    else
        echo "FAIL: $what"
        [[ -n $out ]] && printf '%s\n' "$out" | sed 's/^/    /'
        failed=$((failed + 1))
    fi
    return 0
}

# jq_check FILTER: runs jq on the dashboard; FILTER prints the problems it finds, one a line (nothing if none).
jq_check() {
    local out
    out=$(jq -r "$1" "$dashboard") || return 1
    [[ -z $out ]] || { printf '%s\n' "$out"; return 1; }
}

# Every panel, rows' nested panels included.
panels='[.panels[]? | ., (.panels[]?)]'

check "promtool is installed" command -v promtool
check "jq is installed" command -v jq
check "rule file is valid ($rules)" promtool check rules "$rules"
check "alert unit tests pass ($rule_tests)" promtool test rules "$rule_tests"
check "dashboard is valid JSON ($dashboard)" jq empty "$dashboard"
check "dashboard has a datasource variable and a multi-value instance variable" jq_check '
    .templating.list as $vars
    | if any($vars[]; .name == "datasource" and .type == "datasource" and .query == "prometheus") then empty
      else "no datasource variable of type datasource for prometheus" end,
      if any($vars[]; .name == "instance" and .multi == true and .includeAll == true) then empty
      else "no instance variable with multi and includeAll" end'
check "every panel query has a non-empty expr and a refId" jq_check "$panels"'
    | .[] | . as $p | (.targets // [])[]
    | select((.expr // "") == "" or (.refId // "") == "")
    | "panel \($p.id) (\($p.title)): a target without expr or refId"'
check "panel ids are unique" jq_check "$panels"'
    | map(.id) | group_by(.) | map(select(length > 1) | "id \(.[0]) used \(length) times") | .[]'
check "panel titles are unique" jq_check "$panels"'
    | map(.title) | group_by(.) | map(select(length > 1) | "title \(.[0]) used \(length) times") | .[]'
check "every query filters on instance=~\"\$instance\" and its ranges are [\$__rate_interval]" jq_check "$panels"'
    | .[] | . as $p | (.targets // [])[] | .expr // empty
    | select((contains("instance=~\"$instance\"") | not) or test("\\[[0-9]"))
    | "panel \($p.id) (\($p.title)): \(.)"'
# --monitor without kprobes or extra options serves none of these: a panel on them would stay empty.
check "no query reads a metric plain --monitor may not serve" jq_check "$panels"'
    | .[] | . as $p | (.targets // [])[] | .expr // empty
    | select(test("nettrace_(tcp_rtt_seconds|skb_latency_seconds|netfilter_verdicts_total|findings_total)"))
    | "panel \($p.id) (\($p.title)): \(.)"'

echo "deploy-alerts: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
