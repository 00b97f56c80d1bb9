#!/usr/bin/env bash
# Set everything up on a fresh machine (system packages where we are root, the venv with every extra),
# then run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing system packages: ${need[*]}" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
  else
    echo "warning: missing ${need[*]} (tests that need them are skipped)" >&2
  fi
fi
scripts/setup-env.sh all
# With a C compiler the native accelerators must have been built (tests/test_accel.py checks it).
if command -v cc >/dev/null 2>&1; then export MTREVIEW_REQUIRE_NATIVE=1; fi
exec .venv/bin/python -m pytest "$@"
