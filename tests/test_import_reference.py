"""`mtreview import --reference`: a reference that is not a translation of the source is said at once."""

from __future__ import annotations

from pathlib import Path

from mtreview.cli import main
from mtreview.store import Project

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "caspian-nato-ru-en"


def _import(tmp_path: Path, reference: Path, name: str) -> list[str]:
    out = tmp_path / name
    assert main(["import", str(CORPUS / "source.ru.txt"), str(CORPUS / "mt.en.txt"), "-s", "ru", "-t", "en",
                 "-o", str(out), "--reference", str(reference)]) == 0
    with Project.open(out) as project:
        return [c.text for seg in project.segments() for c in project.candidates(seg.id) if c.kind == "reference"]


def test_an_unrelated_reference_is_warned_about(tmp_path: Path, capsys) -> None:
    wrong = tmp_path / "wrong.en"
    wrong.write_text("Bananas are yellow.\nThe weather is nice today.\n", encoding="utf-8")
    refs = _import(tmp_path, wrong, "w.mtr")
    err = capsys.readouterr().err
    assert "warning:" in err and "wrong.en" in err and "of 68 source sentences" in err
    assert len(refs) <= 2  # kept as given, but nearly every segment is without one


def test_the_right_reference_gives_no_warning(tmp_path: Path, capsys) -> None:
    refs = _import(tmp_path, CORPUS / "reference.en.txt", "r.mtr")
    assert "warning" not in capsys.readouterr().err
    assert len(refs) > 60
