"""`score --summary` writes JSON whatever the name; a name of records (.jsonl, .csv, .parquet, compressed too),
another table or a project is refused before any work (QA: `--summary scores.parquet` wrote the JSON under
that name, exit 0, and `report` then read it as a damaged scores file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main


def _score(write, tmp_path: Path, summary: str, capsys) -> tuple[int, str]:  # noqa: ANN001
    src = write("s.ru", "Привет, мир.\nКак дела?\n")
    mt = write("m.en", "Hello, world.\nHow are you?\n")
    code = main(["score", str(src), str(mt), "-s", "ru", "-t", "en", "--aligned", "--no-retranslate",
                 "-o", str(tmp_path / "r.jsonl"), "--summary", str(tmp_path / summary)])
    return code, capsys.readouterr().err.strip()


@pytest.mark.parametrize("name", ["sum.parquet", "sum.jsonl", "sum.CSV", "sum.jsonl.gz", "sum.tsv", "sum.mtr"])
def test_a_summary_named_as_records_is_refused_before_any_work(write, tmp_path: Path, capsys,  # noqa: ANN001
                                                               name: str) -> None:
    code, err = _score(write, tmp_path, name, capsys)
    kind = Path(name.removesuffix(".gz")).suffix[1:].lower()
    assert code == 2
    assert err == (f"mtreview: error: --summary {tmp_path / name}: the summary is JSON, but the name says {kind}: "
                   "name it .json (the records go to -o)")
    assert not (tmp_path / name).exists() and not (tmp_path / "r.jsonl").exists()


@pytest.mark.parametrize("name", ["sum.json", "sum.json.gz", "summary.txt", "summary"])
def test_other_names_take_the_summary(write, tmp_path: Path, capsys, name: str) -> None:  # noqa: ANN001
    code, _ = _score(write, tmp_path, name, capsys)
    assert code == 0 and (tmp_path / name).exists()
