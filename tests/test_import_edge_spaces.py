"""Line-aligned imports (``--aligned``, a Moses pair, ``--presegmented``) remove each line's leading and
trailing whitespace, and the import summary says how many segments (or lines) had some."""

from __future__ import annotations

from pathlib import Path

from mtreview.cli import main
from mtreview.store import Project


def _import(tmp_path: Path, capsys, src: str, mt: str, *extra: str) -> tuple[list[tuple[str, str]], str]:
    (tmp_path / "c.ru").write_text(src, encoding="utf-8")
    (tmp_path / "c.en").write_text(mt, encoding="utf-8")
    out = tmp_path / "p.mtr"
    code = main(["import", str(tmp_path / "c.ru"), str(tmp_path / "c.en"), "-s", "ru", "-t", "en", "-o", str(out),
                 "--force", *extra])
    err = capsys.readouterr().err
    assert code == 0, err
    with Project.open(out) as proj:
        return [(s.source_text, s.mt_text) for s in proj.segments()], err


def test_aligned_import_counts_the_segments_it_trimmed(tmp_path: Path, capsys) -> None:
    pairs, err = _import(tmp_path, capsys, "  Да.\nНет. \nЕщё.\n\u00a0Тоже\u3000\n", " Yes. \nNo. \nMore.\nToo\n",
                         "--aligned")
    assert pairs == [("Да.", "Yes."), ("Нет.", "No."), ("Ещё.", "More."), ("Тоже", "Too")]
    # the 2nd segment's source and MT both had spaces: one segment; NBSP and the ideographic space count too
    assert "c.ru" in err and "3 segment(s) had leading/trailing spaces removed" in err


def test_nothing_trimmed_nothing_said(tmp_path: Path, capsys) -> None:
    pairs, err = _import(tmp_path, capsys, "Да.\nНет.\n", "Yes.\nNo.\n", "--aligned")
    assert pairs == [("Да.", "Yes."), ("Нет.", "No.")] and "leading/trailing" not in err


def test_odd_lines_blank_only_spaces_nul_and_very_long(tmp_path: Path, capsys) -> None:
    long = "слово " * 40_000
    pairs, err = _import(tmp_path, capsys, f"Да.\n\n   \nА\x00Б \n{long}\n", f"Yes.\n\n\t \nA B\n {long}\n",
                         "--aligned")
    assert [p for p in pairs if p != ("", "")] == [("Да.", "Yes."), ("А Б", "A B"), (long.strip(), long.strip())]
    # the line of spaces (and of a tab), "А Б " and both long lines: 3 segments; the empty line is no change
    assert "3 segment(s) had leading/trailing spaces removed" in err
    assert "1 control character(s) removed" in err  # the NUL, as before


def test_presegmented_counts_lines_per_file(tmp_path: Path, capsys) -> None:
    _, err = _import(tmp_path, capsys, " Первое. \nВторое.\n", "First.\nSecond. \n", "--presegmented")
    assert "c.ru: 1 line(s) had leading/trailing spaces removed" in err
    assert "c.en: 1 line(s) had leading/trailing spaces removed" in err


def test_a_document_import_says_nothing_about_edges(tmp_path: Path, capsys) -> None:
    # Sentence splitting decides what a sentence's edges are: no line of the file is a segment as it is.
    _, err = _import(tmp_path, capsys, "  Первое предложение.  Второе.\n", "First sentence. Second.  \n")
    assert "leading/trailing" not in err


def test_the_reference_of_an_aligned_import_is_counted_by_itself(tmp_path: Path, capsys) -> None:
    (tmp_path / "ref.en").write_text(" Yes indeed.\nNo.\n", encoding="utf-8")
    _, err = _import(tmp_path, capsys, "Да.\nНет.\n", "Yes.\nNo.\n", "--aligned", "--reference",
                     str(tmp_path / "ref.en"))
    assert "ref.en: 1 line(s) had leading/trailing spaces removed" in err
    assert "segment(s) had leading/trailing" not in err


def test_a_moses_export_with_edge_spaces_reimports_trimmed_and_says_so(tmp_path: Path, capsys) -> None:
    # A TSV keeps a unit's edge spaces (a bilingual file's units are taken as they are); its Moses export
    # then has them, and the Moses pair's import trims them, with the count.
    (tmp_path / "in.tsv").write_text(" Да \tYes\nНет\tNo \nЕщё\tMore\n", encoding="utf-8")
    project = tmp_path / "t.mtr"
    assert main(["import", str(tmp_path / "in.tsv"), "-s", "ru", "-t", "en", "-o", str(project)]) == 0
    with Project.open(project) as proj:
        assert [s.source_text for s in proj.segments()] == [" Да ", "Нет", "Ещё"]
        for seg in proj.segments():
            proj.decide(seg.id, "accept_mt", reviewer="ann")
    assert main(["export", str(project), "--format", "moses", "-o", str(tmp_path / "m")]) == 0
    capsys.readouterr()
    again = tmp_path / "again.mtr"
    assert main(["import", str(tmp_path / "m.ru"), str(tmp_path / "m.en"), "--aligned", "-s", "ru", "-t", "en",
                 "-o", str(again)]) == 0
    assert "2 segment(s) had leading/trailing spaces removed" in capsys.readouterr().err
    with Project.open(again) as proj:
        assert [(s.source_text, s.mt_text) for s in proj.segments()] == [("Да", "Yes"), ("Нет", "No"),
                                                                         ("Ещё", "More")]
