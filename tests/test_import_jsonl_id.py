"""A JSONL ``id`` that is an object, a list or a boolean is refused naming the file and line, as a ``notes``
that is not text is (QA: ``"id": {"x": 1}`` became the unit id "{'x': 1}", Python's spelling)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.formats import read_units


@pytest.mark.parametrize("value,kind", [('{"x": 1}', "dict"), ("[1, 2]", "list"), ("true", "bool")])
def test_a_non_scalar_id_is_a_one_line_error_naming_the_line(tmp_path: Path, capsys, value: str, kind: str) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "source": "s", "target": "t"}\n'
                   f'{{"id": {value}, "source": "s2", "target": "t2"}}\n', encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(out), "-s", "en", "-t", "de"]) == 2
    err = capsys.readouterr().err
    assert f"in.jsonl:2: field 'id' must be a string or a number, not {kind}" in err
    assert len(err.strip().splitlines()) == 1 and not out.exists()


def test_string_and_number_ids_are_kept(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a-1", "source": "s", "target": "t"}\n{"id": 7, "source": "s2", "target": "t2"}\n',
                   encoding="utf-8")
    assert [u.id for u in read_units(src)] == ["a-1", "7"]
