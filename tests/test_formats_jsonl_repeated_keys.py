"""A JSONL record with a key mtreview reads given twice is refused naming the file, line and key, exit 2, no
project, as a TSV/CSV header naming a column twice is (QA, fuzzing: json.loads kept the last of two
``status`` values silently, so a record meaning "accepted_mt" or "rejected" was imported as the second)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project


@pytest.mark.parametrize(("record", "key"), [
    ('{"source": "Да", "mt": "Yes", "status": "accepted_mt", "reviewer": "ann", '
     '"decided_at": "2026-01-01T00:00:00Z", "status": "rejected"}', "status"),
    ('{"source": "Да", "target": "Yes", "target": "No"}', "target"),
])
def test_a_key_given_twice_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], record: str,
                                      key: str) -> None:
    path, out = tmp_path / "pairs.jsonl", tmp_path / "p.mtr"
    path.write_text('{"source": "Нет", "mt": "No"}\n' + record + "\n", encoding="utf-8")
    assert main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"mtreview: error: {path}:2: the record has the key {key!r} twice: keep one\n"
    assert not out.exists()


def test_keys_it_does_not_read_may_repeat(tmp_path: Path) -> None:
    path, out = tmp_path / "pairs.jsonl", tmp_path / "p.mtr"
    path.write_text('{"source": "Да", "mt": "Yes", "origin": "a", "origin": "b", '
                    '"meta": {"source": "x", "tag": 1, "tag": 2}}\n', encoding="utf-8")
    assert main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    with Project.open(out, writable=False) as proj:
        assert [(s.source_text, s.mt_text) for s in proj.segments()] == [("Да", "Yes")]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_language_of_the_translation_layout_given_twice_is_refused(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str],
                                                                     lang: str) -> None:
    # {"translation": {"ru": ..., "ru": ...}}: the language read is a key read as much as a top-level "source"
    pair = {"ru": '"ru": "Да", "ru": "Нет"', "en": '"en": "Yes", "en": "No"'}
    other = {"ru": '"en": "Yes"', "en": '"ru": "Да"'}
    path, out = tmp_path / "pairs.jsonl", tmp_path / "p.mtr"
    path.write_text('{"translation": {"ru": "Нет", "en": "No"}}\n'
                    f'{{"translation": {{{pair[lang]}, {other[lang]}, "de": "Ja", "de": "Nein"}}}}\n', encoding="utf-8")
    assert main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(out)]) == 2
    assert capsys.readouterr().err == (f"mtreview: error: {path}:2: the record's 'translation' has the key "
                                       f"{lang!r} twice: keep one\n")
    assert not out.exists()


def test_a_language_not_read_may_repeat_in_the_translation_layout(tmp_path: Path) -> None:
    path, out = tmp_path / "pairs.jsonl", tmp_path / "p.mtr"
    path.write_text('{"translation": {"ru": "Да", "en": "Yes", "de": "Ja", "de": "Nein"}}\n', encoding="utf-8")
    assert main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    with Project.open(out, writable=False) as proj:
        assert [(s.source_text, s.mt_text) for s in proj.segments()] == [("Да", "Yes")]
