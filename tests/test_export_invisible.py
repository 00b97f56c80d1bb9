"""Invisible characters in the cleaned corpus: a side made only of zero-width or bidi characters is an empty
side (left out, as a blank one is), and a segment text starting with U+FEFF does not start a Moses or TSV
line with it (read back, it is taken for the file's byte-order mark and dropped)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_corpus import accepted_project

from mtreview.cli import main
from mtreview.store import Project


@pytest.mark.parametrize("blank", ["\u200b", "\u200b\u200c\u2060", " \ufeff ", "\u200e\u202b\u202c", "\u00ad"])
def test_a_side_of_invisible_characters_only_is_empty(tmp_path: Path, capsys, blank: str) -> None:
    proj = accepted_project(tmp_path, [("Да.", "Yes."), (blank, "Empty source."), ("Пустой перевод.", blank)])
    out = tmp_path / "o.tsv"
    capsys.readouterr()
    assert main(["export", str(proj), "--format", "tsv", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "Да.\tYes.\n"
    assert "1 segment(s) kept; left out: 2 with an empty side" in err
    # --all exports every segment, empty sides included
    assert main(["export", str(proj), "--all", "--format", "jsonl", "-o", str(tmp_path / "all.jsonl")]) == 0
    assert len((tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_a_side_with_text_among_invisible_characters_is_kept(tmp_path: Path, capsys) -> None:
    proj = accepted_project(tmp_path, [("\u200bДа\u200b", "\u2066Yes\u2069")])
    out = tmp_path / "o.tsv"
    assert main(["export", str(proj), "--format", "tsv", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "\u200bДа\u200b\t\u2066Yes\u2069\n"  # the text is not changed


def _first_segment(project: Path) -> tuple[str, str]:
    with Project.open(project) as proj:
        seg = proj.segments()[0]
        return seg.source_text, seg.mt_text


@pytest.mark.parametrize("fmt", ["moses", "tsv"])
def test_a_leading_feff_is_dropped_from_each_segment_and_counted(tmp_path: Path, capsys, fmt: str) -> None:
    """U+FEFF at the start of a line-based file reads as a byte-order mark: the export drops it from every
    segment text that starts with it (the first line or not: which segment comes first depends on the
    export's options), so that the file reads back as written, and says how many segments it changed."""
    pairs = [("\ufeffДа.", "\ufeffYes."), ("Нет.", "\ufeff\ufeffNo."), ("Может\ufeff быть.", "May\ufeffbe.")]
    proj = accepted_project(tmp_path, pairs)
    out = tmp_path / ("o" if fmt == "moses" else "o.tsv")
    capsys.readouterr()
    assert main(["export", str(proj), "--format", fmt, "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "2 segment(s): leading U+FEFF (zero-width no-break space) removed" in err
    if fmt == "moses":
        files = [tmp_path / "o.ru", tmp_path / "o.en"]
        data = [f.read_bytes() for f in files]
        assert data == ["Да.\nНет.\nМожет\ufeff быть.\n".encode(), "Yes.\nNo.\nMay\ufeffbe.\n".encode()]
        args = [str(files[0]), str(files[1]), "--aligned"]
    else:
        assert out.read_bytes() == "Да.\tYes.\nНет.\tNo.\nМожет\ufeff быть.\tMay\ufeffbe.\n".encode()
        args = [str(out)]
    back = tmp_path / "back.mtr"
    capsys.readouterr()
    assert main(["import", *args, "-s", "ru", "-t", "en", "-o", str(back)]) == 0
    assert "byte-order mark" not in capsys.readouterr().err  # nothing read as one
    assert _first_segment(back) == ("Да.", "Yes.")


def test_csv_and_jsonl_keep_a_leading_feff(tmp_path: Path) -> None:
    """Formats whose first line is a header or a JSON record carry the character as it is."""
    proj = accepted_project(tmp_path, [("\ufeffДа.", "Yes.")])
    assert main(["export", str(proj), "--format", "jsonl", "-o", str(tmp_path / "o.jsonl")]) == 0
    assert json.loads((tmp_path / "o.jsonl").read_text(encoding="utf-8"))["source"] == "\ufeffДа."
    assert main(["export", str(proj), "--format", "csv", "-o", str(tmp_path / "o.csv")]) == 0
    assert (tmp_path / "o.csv").read_text(encoding="utf-8").splitlines()[1].startswith("\ufeffДа.")
