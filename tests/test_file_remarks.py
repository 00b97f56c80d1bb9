"""The review shows what a bilingual file says about a unit: its notes and its workflow state (QA: both were
kept in the project but never shown, so a reviewer re-reviewed units the file marks final)."""

from __future__ import annotations

from pathlib import Path

from fixtures_formats import tmx_doc, tu, xliff12_doc, xliff20_doc

from mtreview.cli import main
from mtreview.project_build import build_from_bilingual, build_project
from mtreview.repair import merge_with_next
from mtreview.review_aids import FileRemarks, file_remarks
from mtreview.store import Project

XLIFF12 = ('<trans-unit id="a"><source>Глава 3.</source>'
           '<target state="final">Chapter 3.</target><note>Kapitelnummer prüfen</note></trans-unit>'
           '<trans-unit id="b"><source>Далее.</source>'
           '<target state="needs-review-translation" state-qualifier="leveraged-mt">Next.</target>'
           '<note>check tone</note><note>\n      [b]Keep[/b] it short.\n      Max 12 chars.\n    </note>'
           '<note>check tone</note></trans-unit>'
           '<trans-unit id="c"><source>Конец.</source><target>The end.</target></trans-unit>')
XLIFF20 = ('<unit id="u1"><notes><note>Bitte Ton prüfen</note></notes>'
           '<segment state="final" subState="acme:approved"><source>Глава 3.</source><target>Chapter 3.</target>'
           '</segment></unit>'
           '<unit id="u2"><segment state="translated"><source>Далее.</source><target>Next.</target></segment></unit>')


def remarks(path: Path) -> list[FileRemarks | None]:
    with Project.open(path, writable=False) as proj:
        return [file_remarks(proj, s.id) for s in proj.segments()]


def imported(write, tmp_path: Path, name: str, text: str) -> Path:  # noqa: ANN001
    return build_from_bilingual(write(name, text), tmp_path / "p.mtr", "ru", "en")


def test_xliff12_notes_and_target_state(write, tmp_path: Path) -> None:  # noqa: ANN001
    a, b, c = remarks(imported(write, tmp_path, "in.xlf", xliff12_doc(XLIFF12)))
    assert a == FileRemarks(("Kapitelnummer prüfen",), "final (finished before this review)")
    # identical notes once, the XML's indentation gone, the text itself (markup included) as it is
    assert b is not None and b.notes == ("check tone", "[b]Keep[/b] it short.\nMax 12 chars.")
    assert b.state == "the translation needs review; pre-filled by machine translation (leveraged-mt)"
    assert c is None


def test_xliff20_notes_and_segment_state(write, tmp_path: Path) -> None:  # noqa: ANN001
    first, second = remarks(imported(write, tmp_path, "in.xlf", xliff20_doc(XLIFF20)))
    assert first == FileRemarks(("Bitte Ton prüfen",), "final (finished before this review); acme:approved")
    assert second == FileRemarks((), "translated, not yet reviewed")


def test_tmx_notes(write, tmp_path: Path) -> None:  # noqa: ANN001
    noted = tu("Глава 3.", "Chapter 3.", "t1").replace("<tuv", "<note>check tone</note><tuv", 1)
    got = remarks(imported(write, tmp_path, "in.tmx", tmx_doc(noted + tu("Конец.", "The end.", "t2"))))
    assert got == [FileRemarks(("check tone",), None), None]


def test_plain_text_segments_have_none(write, tmp_path: Path) -> None:  # noqa: ANN001
    path = build_project(write("s.ru.txt", "Один.\nДва.\n"), write("m.en.txt", "One.\nTwo.\n"),
                         tmp_path / "p.mtr", "ru", "en", mode="presegmented")
    assert remarks(path) == [None, None]


def test_a_merge_shows_each_units_notes_and_a_state_they_share(write, tmp_path: Path) -> None:  # noqa: ANN001
    units = ('<trans-unit id="a"><source>Раз.</source><target state="final">One.</target><note>check tone</note>'
             '</trans-unit><trans-unit id="b"><source>Два.</source><target state="final">Two.</target>'
             '<note>check tone</note><note>a name</note></trans-unit>'
             '<trans-unit id="c"><source>Три.</source><target state="new">Three.</target><note>last</note>'
             '</trans-unit>')
    path = imported(write, tmp_path, "in.xlf", xliff12_doc(units))
    with Project.open(path) as proj:
        merge_with_next(proj, proj.segments()[0].id)
        assert [file_remarks(proj, s.id) for s in proj.segments()] == [
            FileRemarks(("check tone", "a name"), "final (finished before this review)"),
            FileRemarks(("last",), "new (not translated yet)")]
        merge_with_next(proj, proj.segments()[0].id)  # a final unit with a new one: neither state holds
        assert file_remarks(proj, proj.segments()[0].id) == FileRemarks(("check tone", "a name", "last"), None)


def test_the_files_state_is_not_exported_as_a_property(write, tmp_path: Path) -> None:  # noqa: ANN001
    path = imported(write, tmp_path, "in.xlf", xliff12_doc(XLIFF12))
    out = tmp_path / "out.tmx"
    assert main(["export", str(path), "-f", "tmx", "--all", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "<note>Kapitelnummer prüfen</note>" in text
    assert "leveraged-mt" not in text and 'type="state' not in text
