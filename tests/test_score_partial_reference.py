"""Scores files of a run where only some segments have a reference: every record has the ``ref_*`` fields
(null where there is no reference). A CSV header and Parquet columns come from the first record, so a project
(or documents) whose first segment had no reference wrote no reference score at all to CSV and Parquet,
silently (QA); an empty project wrote a 0-byte CSV and a Parquet file of one column."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU

from mtreview.cli import main
from mtreview.project_build import build_project
from mtreview.store import Project

SRC = "Привет мир.\nКак дела?\nЦена 5 рублей.\n"
MT = "Hello world.\nHow are you?\nPrice 6 rubles.\n"
REF = "\nHow are you doing?\nThe price is 5 rubles.\n"  # none for the first segment


def ref_bleu(mt: str, ref: str) -> float:
    return BLEU(effective_order=True).sentence_score(mt, [ref]).score


@pytest.fixture
def project(tmp_path: Path, write) -> Path:  # noqa: ANN001
    return build_project(write("s.txt", SRC), write("m.txt", MT), tmp_path / "p.mtr", "ru", "en",
                         reference=write("r.txt", REF), mode="aligned")


def test_a_project_csv_keeps_the_reference_scores(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    assert main(["score", str(project), "--no-retranslate", "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["ref_bleu"] for r in rows][:1] == [""]
    assert float(rows[1]["ref_bleu"]) == pytest.approx(ref_bleu("How are you?", "How are you doing?"))
    assert float(rows[2]["ref_bleu"]) == pytest.approx(ref_bleu("Price 6 rubles.", "The price is 5 rubles."))


def test_a_project_parquet_keeps_the_reference_scores(project: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "s.parquet"
    assert main(["score", str(project), "--no-retranslate", "-o", str(out)]) == 0
    got = pq.read_table(out).column("ref_bleu").to_pylist()
    assert got[0] is None
    assert got[1:] == pytest.approx([ref_bleu("How are you?", "How are you doing?"),
                                     ref_bleu("Price 6 rubles.", "The price is 5 rubles.")])


def test_documents_csv_keeps_the_reference_scores(tmp_path: Path, write) -> None:  # noqa: ANN001
    # paragraphs: the aligner has no reference sentence for the first one
    src = write("d.ru.txt", "Привет мир.\n\nКак дела?\n\nЦена 5 рублей.\n")
    mt = write("d.en.txt", "Hello world.\n\nHow are you?\n\nPrice 6 rubles.\n")
    ref = write("d.ref.txt", "\n\nHow are you doing?\n\nThe price is 5 rubles.\n")
    out = tmp_path / "s.csv"
    assert main(["score", str(src), str(mt), "-s", "ru", "-t", "en", "--reference", str(ref), "--no-retranslate",
                 "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as fh:
        rows = {r["mt"]: r["ref_bleu"] for r in csv.DictReader(fh)}
    assert rows["Hello world."] == ""
    assert float(rows["How are you?"]) == pytest.approx(ref_bleu("How are you?", "How are you doing?"))


def test_an_empty_project_gives_a_csv_with_its_header(tmp_path: Path) -> None:
    path = tmp_path / "e.mtr"
    with Project.create(path, "ru", "en"):
        pass
    out = tmp_path / "s.csv"
    assert main(["score", str(path), "--no-retranslate", "-o", str(out)]) == 0
    header = out.read_text(encoding="utf-8").splitlines()
    assert header == ["id,risk,bleu,chrf,chrfpp,ter,pseudo_agreement,n_pseudo,closest_pseudo,flags,diff,blank,"
                      "source,mt"]
