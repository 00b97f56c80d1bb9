"""Problems a second QA pass found: outputs that are not plain files (the null device, a FIFO, a symbolic
link) were replaced by the atomic rename, a closed pipe exited 1 (the code for a bug) instead of 141, and a
narrow terminal lost the review header's progress line."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project

SRC = "Первое предложение.\nВторое предложение.\nТретье предложение.\n"
MT = "The first sentence.\nThe second sentence.\nThe third sentence.\n"

is_root = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def files(write) -> tuple[Path, Path]:  # noqa: ANN001
    return write("src.ru", SRC), write("mt.en", MT)


@pytest.fixture
def project(files: tuple[Path, Path], tmp_path: Path) -> Path:
    out = tmp_path / "p.mtr"
    assert main(["import", str(files[0]), str(files[1]), "--aligned", "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    with Project.open(out) as proj:
        for seg in proj.segments():
            proj.decide(seg.id, "accept_mt", reviewer="qa")
    return out


def command(kind: str, project: Path, files: tuple[Path, Path], out: Path) -> list[str]:
    src, mt = (str(f) for f in files)
    return {
        "export": ["export", str(project), "--format", "tsv", "-o", str(out)],
        "report": ["report", str(project), "--format", "markdown", "-o", str(out)],
        "segment": ["segment", src, "-l", "ru", "-o", str(out)],
        "score": ["score", src, mt, "--aligned", "-s", "ru", "-t", "en", "--no-retranslate", "-o", str(out)],
        "summary": ["score", src, mt, "--aligned", "-s", "ru", "-t", "en", "--no-retranslate", "--summary", str(out)],
    }[kind]


KINDS = ["export", "report", "segment", "score", "summary"]
# what each command writes, to check the text came through the FIFO
EXPECTED = {"export": "The second sentence.", "report": "mtreview report", "segment": "Второе предложение.",
            "score": '"id": 3', "summary": '"segments": 3'}


@pytest.mark.skipif(not is_root, reason="creating a character device needs root")
@pytest.mark.parametrize("kind", KINDS)
def test_a_device_output_is_written_through_not_replaced(kind: str, project: Path, files, tmp_path: Path) -> None:  # noqa: ANN001
    # A null device of our own: as root, `-o /dev/null` used to leave a regular file as /dev/null.
    dev = tmp_path / ("null.jsonl" if kind == "score" else "null")
    os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert main(command(kind, project, files, dev)) == 0
    assert stat.S_ISCHR(dev.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("kind", KINDS)
def test_a_fifo_output_gets_the_text_and_stays_a_fifo(kind: str, project: Path, files, tmp_path: Path) -> None:  # noqa: ANN001
    fifo = tmp_path / ("pipe.jsonl" if kind == "score" else "pipe")
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as fh:  # blocks until the command opens the FIFO for writing
            got.append(fh.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        rc = main(command(kind, project, files, fifo))
    finally:
        if reader.is_alive():  # the command never opened it: let the reader's open return
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
        reader.join(timeout=30)
    assert rc == 0
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert EXPECTED[kind] in b"".join(got).decode("utf-8")


@pytest.mark.parametrize("kind", ["export", "score"])
def test_a_symbolic_link_output_stays_a_link_to_the_new_text(kind: str, project: Path, files,  # noqa: ANN001
                                                             tmp_path: Path) -> None:
    real = tmp_path / "keep" / "real.jsonl"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    args = command(kind, project, files, link)
    if kind == "export":
        args[args.index("tsv")] = "jsonl"
    assert main(args) == 0
    assert link.is_symlink() and link.resolve() == real.resolve()
    text = real.read_text(encoding="utf-8")
    assert "old" not in text and ('"id": 3' in text)
    assert [p.name for p in real.parent.iterdir()] == ["real.jsonl"]  # the temporary file went too


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_import_refuses_an_output_that_is_not_a_file(files, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    fifo = tmp_path / "p.mtr"
    os.mkfifo(fifo)
    for extra in ([], ["--force"]):
        assert main(["import", str(files[0]), str(files[1]), "--aligned", "-s", "ru", "-t", "en",
                     "-o", str(fifo), *extra]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"mtreview: error: {fifo}: is not a regular file") and err.count("\n") == 1
        assert stat.S_ISFIFO(fifo.lstat().st_mode)
