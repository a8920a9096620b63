#!/usr/bin/env bash
# tests/Deploy/run.sh: the deploy tier. What a fleet deploys, checked without a cluster: the Kubernetes manifests
# against a pinned schema (check-manifests.sh), the alert rules by promtool and their unit tests, and the Grafana
# dashboard's shape (check-alerts.sh). The dashboard's queries and the rules run against a real Prometheus in the
# host tier (tests/Host/Monitor/DashboardQueryTests.cs). Ends with "deploy: N passed, M failed".
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
passed=0
failed=0
for check in check-manifests.sh check-alerts.sh; do
    out=$(bash "$here/$check" 2>&1)
    rc=$?
    printf '%s\n' "$out"
    counts=$(grep -E '^deploy-[a-z]+: [0-9]+ passed, [0-9]+ failed$' <<<"$out" | tail -n1)
    if [[ -n $counts ]]; then
        read -r _ p _ f _ <<<"$counts"
    else
        p=0 f=1
    fi
    ((rc != 0 && f == 0)) && f=1
    passed=$((passed + p))
    failed=$((failed + f))
done
echo "deploy: $passed passed, $failed failed"
((failed == 0))
