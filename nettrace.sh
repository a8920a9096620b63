#!/usr/bin/env bash
# Run nettrace from a source checkout: ./nettrace.sh <nettrace args>
# Becomes root (BPF needs it), installs missing Debian packages, rebuilds only when sources changed,
# then replaces itself with the built nettrace so signals (Ctrl-C) reach it directly.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/setup.sh
source "$here/scripts/setup.sh"

nt_reexec_as_root "$here/nettrace.sh" "$@"
nt_ensure_packages "${NT_RUNTIME_PACKAGES[@]}"
nt_require_dotnet
nt_build_if_stale
nt_runtime_env
exec "$NT_HOST_BIN" "$@"
