"""Scoring a project checks a name that opens a sentence when the document writes that word as a name
elsewhere (mid-sentence, never in lower case): "Мухтаров сказал ..." with an MT that lost the name is
flagged because another segment has "... спросили Мухтарова ...". A word that opens a sentence and that the
document never writes as a name mid-sentence stays unchecked."""

from __future__ import annotations

from pathlib import Path

from mtreview.project_scoring import score_project
from mtreview.store import Project

ROWS = [
    ("Мухтаров сказал, что флот готов.", "He said that the fleet is ready."),          # the name lost
    ("Журналисты спросили Мухтарова о флоте.", "Journalists asked Mukhtarov about the fleet."),
    ("Вчера флот вышел в море.", "Yesterday the fleet went to sea."),                  # "Вчера" opens, no name
    ("Флот вернулся в порт.", "The navy returned to port."),                           # "Флот" is lower case elsewhere
]


def _names_flags(tmp_path: Path, rows: list[tuple[str, str]]) -> list[bool]:
    proj = Project.create(tmp_path / "p.mtr", "ru", "en")
    ids = proj.add_segments([((i,), (i,), src, mt, 1.0) for i, (src, mt) in enumerate(rows)])
    score_project(proj, retranslate=False, log=lambda _msg: None)
    flagged = [any(f[0] == "names" for f in proj.flags(i)) for i in ids]
    proj.close()
    return flagged


def test_a_sentence_opening_name_the_document_writes_elsewhere_is_checked(tmp_path: Path) -> None:
    assert _names_flags(tmp_path, ROWS) == [True, False, False, False]


def test_without_the_name_elsewhere_the_opening_word_is_not_checked(tmp_path: Path) -> None:
    rows = [ROWS[0], ("Журналисты спросили о флоте.", "Journalists asked about the fleet."), ROWS[2]]
    assert _names_flags(tmp_path, rows) == [False, False, False]
