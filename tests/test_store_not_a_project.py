"""Files given as a project that are none: a compressed or archived project (sent as ``p.mtr.gz``) says
what it is and the command that unpacks it; a FIFO or a device is named as not a regular file."""

from __future__ import annotations

import bz2
import gzip
import lzma
import os
import zipfile
from pathlib import Path

import pytest
import test_store

from mtreview.cli import main


@pytest.fixture
def project_bytes(tmp_path: Path) -> bytes:
    path = tmp_path / "made" / "p.mtr"
    path.parent.mkdir()
    test_store.make_project(path, 3)[0].close()
    return path.read_bytes()


@pytest.mark.parametrize(("name", "pack", "said"), [
    ("p.mtr.gz", gzip.compress, "gzip-compressed, not an mtreview project as it is: unpack it first (gunzip -k {p})"),
    ("p.mtr.xz", lzma.compress, "xz-compressed, not an mtreview project as it is: unpack it first (unxz -k {p})"),
    ("p.mtr.bz2", bz2.compress, "bzip2-compressed, not an mtreview project as it is: unpack it first "
                                "(bunzip2 -k {p})"),
    ("p.mtr", gzip.compress, "gzip-compressed, not an mtreview project as it is: unpack it first (gunzip -k {p})"),
])
def test_a_compressed_project_says_how_to_unpack_it(tmp_path: Path, capsys, project_bytes: bytes, name: str,
                                                   pack, said: str) -> None:
    path = tmp_path / name
    path.write_bytes(pack(project_bytes))
    for args in (["note", str(path)], ["decide", str(path), "reject", "--all"]):
        assert main(args) == 2  # it said "not an mtreview project (not an SQLite file)"
        assert capsys.readouterr().err == f"mtreview: error: {path}: {said.format(p=path)}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["made", name])  # nothing made beside it


def test_a_zipped_project_says_how_to_unpack_it(tmp_path: Path, capsys, project_bytes: bytes) -> None:
    path = tmp_path / "p.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("p.mtr", project_bytes)
    assert main(["note", str(path)]) == 2
    assert capsys.readouterr().err.endswith("not an mtreview project as it is: unpack it first "
                                            f"(unzip {path})\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_not_a_project(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "p.mtr"
    os.mkfifo(fifo)
    assert main(["note", str(fifo), "1", "x"]) == 2  # it said "cannot open (disk I/O error)"
    assert capsys.readouterr().err == f"mtreview: error: {fifo}: is not a regular file, expected a project file (.mtr)\n"


def test_a_plain_text_file_is_still_not_an_sqlite_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "notes.mtr"
    path.write_text("BZh is how this text starts, but it is no bzip2 file.\n" * 20, encoding="utf-8")
    assert main(["note", str(path)]) == 2
    assert capsys.readouterr().err == f"mtreview: error: {path}: not an mtreview project (not an SQLite file)\n"
