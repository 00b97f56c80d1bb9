"""The optional native accelerators: switched off on request, and built where a compiler is present."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mtreview import accel

REPO = Path(__file__).resolve().parents[1]
SOURCES = {"_ter_native": "mtreview/native/ter.c", "_ngram_native": "mtreview/native/ngrams.c"}


def _version(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mtreview", "--version"], capture_output=True, text=True,
                          env={**os.environ, **env}, cwd=REPO, timeout=60)


def test_no_native_env_forces_python_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTREVIEW_NO_NATIVE", "1")
    assert all(accel.load(name) is None for name in accel.NATIVE_MODULES)
    res = _version({"MTREVIEW_NO_NATIVE": "1"})
    assert res.returncode == 0 and res.stdout.startswith("mtreview ")
    lines = res.stdout.splitlines()[1:]
    assert len(lines) == len(accel.NATIVE_MODULES)
    assert all(line.endswith("python (MTREVIEW_NO_NATIVE)") for line in lines)


def test_version_reports_each_accelerator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MTREVIEW_NO_NATIVE", raising=False)
    res = _version({"MTREVIEW_NO_NATIVE": ""})
    for name, what in accel.NATIVE_MODULES.items():
        expected = "native" if accel.load(name) is not None else "python (not built)"
        assert f"{what}: {expected}" in res.stdout


@pytest.mark.skipif(not os.environ.get("MTREVIEW_REQUIRE_NATIVE"),
                    reason="set by scripts/test.sh where a C compiler is present")
def test_native_modules_built_where_a_compiler_is_present(monkeypatch: pytest.MonkeyPatch) -> None:
    # A failed build is 'optional' for users (they fall back to Python), but must not go unnoticed in CI.
    monkeypatch.delenv("MTREVIEW_NO_NATIVE", raising=False)
    missing = [name for name, src in SOURCES.items() if (REPO / src).exists() and accel.load(name) is None]
    assert not missing, f"native modules not built: {missing}"
