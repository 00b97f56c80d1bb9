"""The headless-core rule: nothing outside mtreview/tui imports textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import mtreview

PKG = Path(mtreview.__file__).parent


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages([str(PKG)], prefix="mtreview."):
        if info.name.startswith("mtreview.tui") or info.name == "mtreview.__main__":
            continue
        names.append(info.name)
    return names


def test_core_modules_do_not_import_textual() -> None:
    modules = core_modules()
    assert "mtreview.store" in modules and "mtreview.cli" in modules
    code = (
        "import importlib, sys\n"
        f"mods = {modules!r}\n"
        "failed = []\n"
        "for m in mods:\n"
        "    try:\n"
        "        importlib.import_module(m)\n"
        "    except ImportError as err:\n"
        "        # optional extras (torch, ctranslate2, dask) may be missing: that is not a textual leak\n"
        "        if 'textual' in str(err): raise\n"
        "leaked = sorted(k for k in sys.modules if k == 'textual' or k.startswith('textual.'))\n"
        "print('LEAKED' if leaked else 'CLEAN', leaked[:3])\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("CLEAN"), res.stdout


def test_no_textual_import_statements_outside_tui() -> None:
    offenders = []
    for path in PKG.rglob("*.py"):
        if "tui" in path.relative_to(PKG).parts:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import textual", "from textual")):
                offenders.append(str(path))
    assert offenders == []
