"""A wheel (what a non-editable ``pip install`` installs) carries the bundled corpus, and the package finds
it there when no source checkout is around."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "caspian-nato-ru-en"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("setuptools")
    tmp = tmp_path_factory.mktemp("wheel")
    # Build from a copy so build/ and *.egg-info never land in the checkout.
    src = tmp / "src"
    shutil.copytree(ROOT, src, symlinks=True,
                    ignore=shutil.ignore_patterns(".git", ".venv", "build", "*.egg-info", "__pycache__", ".*cache"))
    out = tmp / "dist"
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(out), str(src)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (whl,) = out.glob("mtreview-*.whl")
    return whl


def test_wheel_carries_the_bundled_corpus_byte_for_byte(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for f in sorted(CORPUS.iterdir()):
            name = f"mtreview/data/corpora/{CORPUS.name}/{f.name}"
            assert name in names, name
            assert zf.read(name) == f.read_bytes()


def test_installed_package_opens_the_bundled_project_without_a_checkout(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    code = ("import mtreview, mtreview.bundled as b\n"
            "from mtreview.store import Project\n"
            "print(mtreview.__file__)\n"
            "print(b.bundled_corpus_dir())\n"
            "print(len(Project.open(b.ensure_bundled_project()).segments()))\n")
    env = {**os.environ, "PYTHONPATH": str(site), "MTREVIEW_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    module, corpus, segments = proc.stdout.split("\n")[:3]
    assert module.startswith(str(site))  # the installed copy, not the checkout
    assert corpus == str(site / "mtreview" / "data" / "corpora" / CORPUS.name)
    assert int(segments) > 50
