#!/usr/bin/env bash
# Create .venv (if needed) and install mtreview into it with the given extras. Idempotent.
# Usage: scripts/setup-env.sh [EXTRAS]   e.g. scripts/setup-env.sh all
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-neural,fast}"
py="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
stamp=".venv/.mtreview-installed-$extras"
# Reinstall when the metadata or a native source changed (an editable install compiles the C modules).
newer=$(find pyproject.toml setup.py mtreview/native -newer "$stamp" -print -quit 2>/dev/null || true)
if [ ! -f "$stamp" ] || [ -n "$newer" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >&2
  # torch is pinned to 2.13.0 in the 'neural' extra: the development and CI machines hold its CPU build
  # (a plain 'torch' would pull a multi-GB CUDA build). Elsewhere PyPI's 2.13.0 is the CUDA build: set
  # PIP_EXTRA_INDEX_URL=https://download.pytorch.org/whl/cpu to get 2.13.0+cpu (see the README).
  .venv/bin/python -m pip install -q -e ".[$extras]" >&2
  touch "$stamp"
fi
# An editable install leaves mtreview's own modules uncompiled, and where PYTHONDONTWRITEBYTECODE is set
# (CI images, containers) every command then compiles ~18,000 lines again: ~0.13 s of each start, measured
# on the 2-core machine. Compiled here once; a stale file is recompiled in memory by Python as usual.
.venv/bin/python -m compileall -q mtreview >&2
