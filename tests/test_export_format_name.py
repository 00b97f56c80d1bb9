"""`export -o NAME --format F` refuses a NAME whose suffix says another format than F (QA: `-o x.tmx --format
jsonl` wrote JSONL under a TMX name, exit 0, and the CAT tool given it failed on it). Names that say nothing
(no suffix, .txt with --format, a Moses prefix, /dev/null) and names of F's own family still pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main


@pytest.fixture
def project(tmp_path: Path, write) -> Path:
    out = tmp_path / "a.mtr"
    assert main(["import", str(write("p.tsv", "Да.\tYes.\nНет.\tNo.\n")), "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    assert main(["decide", str(out), "accept-mt", "--all"]) == 0
    return out


@pytest.mark.parametrize(("name", "fmt", "says"), [("x.tmx", "jsonl", "tmx"), ("x.tmx.gz", "jsonl", "tmx"),
                                                   ("x.jsonl", "tsv", "jsonl"), ("x.xlf", "tmx", "xliff"),
                                                   ("corpus.csv", "moses", "csv"), ("x.parquet", "csv", "parquet")])
def test_a_name_for_another_format_is_refused_before_writing(project: Path, tmp_path: Path, name: str, fmt: str,
                                                            says: str, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / name
    assert main(["export", str(project), "-o", str(out), "--format", fmt]) == 2
    err = capsys.readouterr().err
    assert f"{out}: the name says {says} but the format asked for is {fmt}" in err
    assert not list(tmp_path.glob(Path(name).stem + "*"))  # nothing written (no Moses pair either)


@pytest.mark.parametrize(("name", "fmt"), [("x.tmx", "tmx"), ("x.xlf", "xliff2"), ("x.xliff2", "xliff2"),
                                           ("clean", "moses"), ("clean.gz", "moses"), ("x.out", "jsonl"),
                                           ("x.txt", "tsv"), ("x.tsv.gz", "tsv")])
def test_names_that_agree_or_say_nothing_are_written(project: Path, tmp_path: Path, name: str, fmt: str) -> None:
    assert main(["export", str(project), "-o", str(tmp_path / name), "--format", fmt]) == 0


def test_dev_null_takes_any_format(project: Path) -> None:
    assert main(["export", str(project), "-o", "/dev/null", "--format", "tmx"]) == 0
