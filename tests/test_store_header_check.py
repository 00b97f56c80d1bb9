"""Whether a file is a project, asked of a file that is not named .mtr (an export's output, --into's original):
the check creates no file beside it, and keeps this process's locks on a project it has open."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from mtreview.cli import main
from mtreview.store import Project, is_project_file


def _wal_project(tmp_path: Path) -> Path:
    path = tmp_path / "p.mtr"
    with Project.create(path, "ru", "en"):
        pass
    assert path.read_bytes()[18:20] == b"\x02\x02"  # a WAL database (file format 2)
    return path


def test_asking_leaves_no_wal_or_shm_beside_the_file(tmp_path: Path, capsys) -> None:
    copy = tmp_path / "v.en"
    shutil.copyfile(_wal_project(tmp_path), copy)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert is_project_file(copy)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    # QA: an export whose Moses output is v.en (a project copied there) is refused, and leaves nothing
    code = main(["export", str(tmp_path / "p.mtr"), "-f", "moses", "-o", str(tmp_path / "v"), "--all"])
    assert code == 2 and "v.en: is an mtreview project" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_asking_about_a_project_open_here_keeps_its_wal(tmp_path: Path) -> None:
    """Closing any other descriptor on the file would drop this process's locks: another process closing
    its connection would then delete the WAL under the live one."""
    path = tmp_path / "live.db"
    shutil.copyfile(_wal_project(tmp_path), path)
    with Project.open(path) as proj:
        proj.set_meta("x", "1")
        assert is_project_file(path)
        code = "import sys; from mtreview.store import Project; Project.open(sys.argv[1]).close()"
        subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)
        assert (tmp_path / "live.db-wal").exists()
