"""`mtreview note P N -` decodes standard input strictly, as every input is read: bytes that are not UTF-8
are refused naming the line and byte offset (QA: a cp1251 note was saved as U+FFFD, exit 0), --encoding
names another encoding, and a byte-order mark is not part of the note."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.project_build import build_project
from mtreview.store import Project


@pytest.fixture
def project(tmp_path: Path, write) -> Path:  # noqa: ANN001
    return build_project(write("s.ru.txt", "Один.\n\nДва.\n"), write("m.en.txt", "One.\n\nTwo.\n"),
                         tmp_path / "p.mtr", "ru", "en")


def piped(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Standard input as a pipe holding ``data``: a text stream over bytes, as Python gives it."""
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8",
                                                      errors="surrogateescape"))


def notes(path: Path) -> list[str]:
    with Project.open(path) as proj:
        return [n.text for n in proj.notes().values()]


def test_a_note_that_is_not_utf8_is_refused_and_the_old_note_kept(project: Path, capsys, monkeypatch) -> None:  # noqa: ANN001
    assert main(["note", str(project), "2", "Ask the client"]) == 0
    capsys.readouterr()
    piped(monkeypatch, "Проверить термин\n".encode("cp1251"))
    assert main(["note", str(project), "2", "-"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("mtreview: error: -:1: not valid utf-8 at byte offset 0 (byte 0xcf); if the file uses another "
                   "encoding, pass --encoding (e.g. --encoding cp1251)")
    assert notes(project) == ["Ask the client"]


def test_encoding_reads_a_legacy_note(project: Path, monkeypatch) -> None:  # noqa: ANN001
    piped(monkeypatch, "Проверить\r\nтермин\r\n".encode("cp1251"))
    assert main(["note", str(project), "2", "-", "--encoding", "cp1251"]) == 0
    assert notes(project) == ["Проверить\nтермин"]


@pytest.mark.parametrize("data", [b"\xef\xbb\xbfA note", "A note".encode("utf-16")], ids=["utf8_bom", "utf16"])
def test_a_byte_order_mark_is_no_part_of_the_note(project: Path, monkeypatch, data: bytes) -> None:  # noqa: ANN001
    piped(monkeypatch, data)
    assert main(["note", str(project), "1", "-"]) == 0
    assert notes(project) == ["A note"]


def test_encoding_without_standard_input_is_refused(project: Path, capsys) -> None:  # noqa: ANN001
    assert main(["note", str(project), "1", "x", "--encoding", "cp1251"]) == 2
    assert "--encoding is for a note read from standard input" in capsys.readouterr().err
    assert notes(project) == []
