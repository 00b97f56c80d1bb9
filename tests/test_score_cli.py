"""`mtreview score` on files and on projects: outputs, summaries, workers, and user mistakes."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from statistics import fmean

import fixtures_marian
import pandas as pd
import pyarrow.parquet as pq
import pytest
from sacrebleu.metrics import CHRF, TER

from mtreview.cli import main
from mtreview.report import build_report
from mtreview.store import Project

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpora" / "caspian-nato-ru-en"
tiny_marian_dir = fixtures_marian.tiny_marian_dir

SRC = ["Флот готов к походу.", "В 2018 году флот ушёл.", "Зачем Казахстан зовет НАТО на Каспий"]
MT = ["The fleet is ready for the campaign.", "In 2019 the fleet left.", "Зачем Казахстан зовет НАТО на Каспий"]
R1 = ["The fleet is ready to sail.", "In 2018 the fleet left.", "Why is Kazakhstan calling NATO to the Caspian"]
R2 = ["The fleet is ready for a campaign.", "The fleet left in 2018.", "Why Kazakhstan invites NATO to the Caspian"]
REF = ["The fleet is ready to set out.", "In 2018 the fleet sailed away.", "Why Kazakhstan calls NATO to the Caspian"]


@pytest.fixture
def files(write):  # noqa: ANN001, ANN201
    return {name: write(f"{name}.txt", "\n".join(lines) + "\n")
            for name, lines in (("src", SRC), ("mt", MT), ("r1", R1), ("r2", R2), ("ref", REF))}


def score_args(files, *extra: str) -> list[str]:  # noqa: ANN001
    return ["score", str(files["src"]), str(files["mt"]), "-s", "ru", "-t", "en", "--aligned",
            "--retranslation", str(files["r1"]), "--retranslation", str(files["r2"]), *extra]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_aligned_files_to_jsonl_with_summary(files, tmp_path) -> None:  # noqa: ANN001
    out, summary = tmp_path / "scores.jsonl", tmp_path / "summary.json"
    assert main(score_args(files, "--reference", str(files["ref"]), "-o", str(out), "--summary",
                           str(summary), "--workers", "1")) == 0
    records = read_jsonl(out)
    assert [r["id"] for r in records] == [1, 2, 3]
    assert records[0]["chrf"] == pytest.approx(CHRF().sentence_score(MT[0], [R1[0], R2[0]]).score, abs=1e-9)
    assert records[1]["ref_ter"] == pytest.approx(TER().sentence_score(MT[1], [REF[1]]).score, abs=1e-9)
    assert "stats" not in records[0]
    assert {f["name"] for f in records[2]["flags"]} >= {"untranslated"}
    assert records[2]["risk"] > records[0]["risk"]
    data = json.loads(summary.read_text())
    assert data["segments"] == 3 and data["mode"] == "aligned"
    ter = data["corpus"]["pseudo"]["ter"]
    assert ter["score"] == pytest.approx(TER().corpus_score(MT, [R1, R2]).score, abs=1e-9)
    assert ter["signature"].startswith("nrefs:2|case:lc|tok:tercom")
    assert data["corpus"]["reference"]["chrf"]["signature"].startswith("nrefs:1|")
    assert data["flags"]["untranslated"] == 1


def test_csv_and_parquet_outputs(files, tmp_path) -> None:  # noqa: ANN001
    csv_out, pq_out = tmp_path / "s.csv", tmp_path / "s.parquet"
    assert main(score_args(files, "-o", str(csv_out))) == 0
    lines = csv_out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,risk,bleu,chrf,chrfpp,ter") and len(lines) == 4
    assert main(score_args(files, "-o", str(pq_out))) == 0
    table = pq.read_table(pq_out)
    assert table.num_rows == 3 and table.column("id").to_pylist() == [1, 2, 3]
    # the record's integers are integer columns (n_pseudo was double); pandas reads them as integers
    assert [str(table.schema.field(n).type) for n in ("id", "n_pseudo", "closest_pseudo")] == ["int64"] * 3
    frame = pd.read_parquet(pq_out)
    assert [str(frame[n].dtype) for n in ("id", "n_pseudo", "closest_pseudo", "chrf")] == [
        "int64", "int64", "int64", "float64"]


def test_unequal_line_counts_name_both_counts(files, write, tmp_path, capsys) -> None:  # noqa: ANN001
    short = write("short.txt", "one line\n")
    args = ["score", str(files["src"]), str(short), "-s", "ru", "-t", "en", "--aligned", "-o",
            str(tmp_path / "x.jsonl")]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "1" in err and "3" in err and "lines" in err
    assert not (tmp_path / "x.jsonl").exists()


@pytest.mark.parametrize("extra, message", [
    (["-o", "scores.txt"], "unknown output format"),
    ([], "nothing to write"),
    (["-o", "s.jsonl", "--workers", "0"], "--workers must be at least 1"),
])
def test_usage_mistakes_exit_2(files, tmp_path, capsys, monkeypatch, extra, message) -> None:  # noqa: ANN001
    monkeypatch.chdir(tmp_path)
    assert main(score_args(files, *extra)) == 2
    assert message in capsys.readouterr().err


def test_a_named_model_that_cannot_load_is_an_error_not_a_note(files, tmp_path, capsys) -> None:  # noqa: ANN001
    # QA: --model with a path that does not exist printed a note, scored with checks only and exited 0.
    pytest.importorskip("transformers")
    out = tmp_path / "o.jsonl"
    assert main(["score", str(files["src"]), str(files["mt"]), "-s", "ru", "-t", "en", "--aligned",
                 "--model", str(tmp_path / "nope"), "-o", str(out)]) == 2
    assert "nope does not exist" in capsys.readouterr().err and not out.exists()


def test_missing_languages_and_input_files(files, tmp_path, capsys) -> None:  # noqa: ANN001
    assert main(["score", str(files["src"]), str(files["mt"]), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "--source-lang and --target-lang" in capsys.readouterr().err
    assert main(["score", str(tmp_path / "nope.txt"), str(files["mt"]), "-s", "ru", "-t", "en", "--aligned",
                 "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "nope.txt" in capsys.readouterr().err


@pytest.mark.parametrize("which", ["--retranslation", "--reference"])
@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_bad_side_file_is_refused_before_any_engine_starts(files, tmp_path, capsys, monkeypatch, which,
                                                              kind) -> None:  # noqa: ANN001
    import mtreview.batch.engines as engines

    def no_engine(*_a, **_k):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("an engine was started for inputs that cannot be read")

    monkeypatch.setattr(engines, "make_engine", no_engine)
    bad = tmp_path / "bad.txt"
    if kind == "folder":
        bad.mkdir()
    out = tmp_path / "o.jsonl"
    assert main(score_args(files, which, str(bad), "-o", str(out), "--workers", "2")) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and ("no such file" if kind == "missing" else "is a directory") in err
    assert not out.exists()


def test_workers_give_the_same_records(write, tmp_path) -> None:  # noqa: ANN001
    n = 620  # more than one chunk of 500, so the pool really runs
    src = write("s.txt", "".join(f"Строка номер {i} о флоте.\n" for i in range(n)))
    mt = write("m.txt", "".join(f"Line number {i} about the fleet.\n" for i in range(n)))
    ref = write("r.txt", "".join(f"Line {i} about the navy.\n" for i in range(n)))
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}.jsonl"
        assert main(["score", str(src), str(mt), "-s", "ru", "-t", "en", "--aligned", "--retranslation", str(ref),
                     "-o", str(out), "--workers", workers]) == 0
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0] == outs[1]
    assert len(outs[0].splitlines()) == n


def test_blank_lines_of_aligned_files_keep_their_ids_but_are_not_scored(write, tmp_path, capsys) -> None:  # noqa: ANN001
    # Paragraph breaks of line-aligned files were scored like segments: a risk with no flag, counted in the
    # summary's risks and, with a pseudo-reference line there, in the corpus scores.
    src = write("s.txt", f"{SRC[0]}\n\n{SRC[1]}\n \n{SRC[2]}\n")
    mt = write("m.txt", f"{MT[0]}\n\n{MT[1]}\n\n\n")  # the last MT is empty for a real source: a defect
    r1 = write("r.txt", f"{R1[0]}\nHallucinated.\n{R1[1]}\n\n{R1[2]}\n")
    args = ["score", str(src), str(mt), "-s", "ru", "-t", "en", "--aligned", "--retranslation", str(r1),
            "--chunk-size", "2"]
    outs = []
    for workers in ("1", "2"):
        out, summary = tmp_path / f"w{workers}.jsonl", tmp_path / f"w{workers}.json"
        assert main([*args, "-o", str(out), "--summary", str(summary), "--workers", workers]) == 0
        outs.append((out.read_text(encoding="utf-8"), summary.read_text(encoding="utf-8")))
    assert outs[0] == outs[1]
    assert "5 segments scored (2 blank in source and MT: not scored)" in capsys.readouterr().err
    records = read_jsonl(tmp_path / "w1.jsonl")
    assert [r["id"] for r in records] == [1, 2, 3, 4, 5]
    assert [r["blank"] for r in records] == [False, True, False, True, False]
    assert all(records[i]["risk"] is None and records[i]["chrf"] is None and records[i]["flags"] == []
               for i in (1, 3))
    assert records[4]["risk"] > 0.5 and [f["name"] for f in records[4]["flags"]] == ["empty"]
    data = json.loads(outs[0][1])
    assert data["segments"] == 5 and data["blank_pairs"] == 2
    assert data["risk"]["mean"] == pytest.approx(fmean(records[i]["risk"] for i in (0, 2, 4)), abs=1e-12)
    chrf = data["corpus"]["pseudo"]["chrf"]
    assert chrf["segments"] == 3
    assert chrf["score"] == pytest.approx(CHRF().corpus_score([MT[0], MT[1], ""], [[R1[0], R1[1], R1[2]]]).score,
                                          abs=1e-9)
    # CSV and Parquet say the same; a report on the scores, with their summary, reads them
    csv_out, pq_out = tmp_path / "s.csv", tmp_path / "s.parquet"
    assert main([*args, "-o", str(csv_out), "--workers", "1"]) == 0
    rows = list(csv.DictReader(csv_out.read_text(encoding="utf-8").splitlines()))
    assert [r["blank"] for r in rows] == ["False", "True", "False", "True", "False"] and rows[1]["risk"] == ""
    assert main([*args, "-o", str(pq_out), "--workers", "1"]) == 0
    table = pq.read_table(pq_out)
    assert str(table.schema.field("blank").type) == "bool"
    assert table.column("risk").to_pylist()[1] is None and table.column("blank").to_pylist()[3] is True
    for scores in (tmp_path / "w1.jsonl", csv_out, pq_out):
        rep = build_report([scores], summary=tmp_path / "w1.json", n_bootstrap=20)
        assert rep["segments"] == 5
        assert next(m for m in rep["segment_means"] if m["metric"] == "risk")["n"] == 3
        assert sorted(w["id"] for w in rep["worst"]) == [1, 3, 5]  # blank lines are no worst segments

def test_documents_are_segmented_aligned_and_keep_their_text(tmp_path) -> None:  # noqa: ANN001
    out = tmp_path / "doc.jsonl"
    assert main(["score", str(CORPUS / "source.ru.txt"), str(CORPUS / "mt.en.txt"), "-s", "ru", "-t", "en",
                 "--reference", str(CORPUS / "reference.en.txt"), "--no-retranslate", "-o", str(out)]) == 0
    records = read_jsonl(out)
    assert len(records) > 20
    title = next(r for r in records if "Зачем Казахстан" in r["mt"])
    assert any(f["name"] == "untranslated" for f in title["flags"])
    assert all("source" in r and "mt" in r for r in records)
    assert any("ref_chrf" in r for r in records)


def test_a_retranslation_of_the_document_lines_says_how_to_make_one_per_sentence(tmp_path, capsys) -> None:  # noqa: ANN001
    # QA: retranslating the document file (43 lines) and scoring the document (68 sentences) with it, as the
    # help's two examples read together, ended in a count mismatch with no way forward
    lines = (CORPUS / "source.ru.txt").read_text(encoding="utf-8").splitlines()
    retr = tmp_path / "opus.en.txt"
    retr.write_text("".join(f"line {i}\n" for i in range(len(lines))), encoding="utf-8")
    assert main(["score", str(CORPUS / "source.ru.txt"), str(CORPUS / "mt.en.txt"), "-s", "ru", "-t", "en",
                 "--retranslation", str(retr), "-o", str(tmp_path / "o.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "mtreview segment" in err and "--presegmented" in err
    assert not (tmp_path / "o.jsonl").exists()


def test_project_form_scores_the_project(tmp_path, capsys) -> None:  # noqa: ANN001
    proj = Project.create(tmp_path / "p.mtr", "ru", "en")
    ids = proj.add_segments([((i,), (i,), s, m, 1.0) for i, (s, m) in enumerate(zip(SRC, MT, strict=True))])
    proj.add_candidates([(sid, "retranslation", name, text, None, None, 0)
                         for name, refs in (("r1", R1), ("r2", R2)) for sid, text in zip(ids, refs, strict=True)])
    proj.close()
    out = tmp_path / "p.jsonl"
    assert main(["score", str(tmp_path / "p.mtr"), "-o", str(out)]) == 0
    assert "3 segments scored" in capsys.readouterr().err
    with Project.open(tmp_path / "p.mtr") as again:
        assert again.scores(ids[0])["pseudo"]["chrf"] == pytest.approx(
            CHRF().sentence_score(MT[0], [R1[0], R2[0]]).score, abs=1e-9)
        assert all(s.risk is not None for s in again.segments())
    assert [r["mt"] for r in read_jsonl(out)] == MT


def test_project_form_refuses_file_options(tmp_path, capsys) -> None:  # noqa: ANN001
    Project.create(tmp_path / "p.mtr", "ru", "en").close()
    assert main(["score", str(tmp_path / "p.mtr"), "--aligned"]) == 2
    assert "applies to files" in capsys.readouterr().err
    (tmp_path / "plain.txt").write_text("text\n")
    assert main(["score", str(tmp_path / "plain.txt")]) == 2
    assert "not a project file" in capsys.readouterr().err


def test_project_form_with_a_named_model_uses_it_or_fails(tmp_path, capsys, tiny_marian_dir) -> None:  # noqa: ANN001
    # QA: score PROJECT --model X kept the project's other retranslations and ignored X, and a model that
    # could not load gave a note and exit 0
    pytest.importorskip("transformers")
    proj = Project.create(tmp_path / "p.mtr", "ru", "en")
    ids = proj.add_segments([((i,), (i,), s, m, 1.0) for i, (s, m) in enumerate(zip(SRC, MT, strict=True))])
    proj.add_candidates([(sid, "retranslation", "r1", text, None, None, 0) for sid, text in zip(ids, R1, strict=True)])
    proj.close()
    assert main(["score", str(tmp_path / "p.mtr"), "--model", str(tmp_path / "nope")]) == 2
    assert "nope does not exist" in capsys.readouterr().err
    assert main(["score", str(tmp_path / "p.mtr"), "--model", str(tiny_marian_dir)]) == 0
    with Project.open(tmp_path / "p.mtr") as p:
        models = {c.model for c in p.candidates(ids[0]) if c.kind == "retranslation"}
    assert str(tiny_marian_dir) in models
