"""QA findings on report inputs: texts or a summary of another run are refused (one line naming both
counts), and counts/indexes in a scores file (n_pseudo, closest_pseudo) are not summarised as metrics."""

from __future__ import annotations

import json

import pytest
from fixtures_report import write_scores_jsonl

from mtreview.cli import main
from mtreview.errors import InputError
from mtreview.report import build_report


def test_a_source_file_one_line_short_is_refused(tmp_path):
    write_scores_jsonl(tmp_path / "s.jsonl", 20)
    src = tmp_path / "short.txt"
    src.write_text("".join(f"source {i}\n" for i in range(1, 20)), encoding="utf-8")  # 19 lines
    with pytest.raises(InputError, match=r"short.txt: has 19 lines but the scores have 20 segments"):
        build_report([tmp_path / "s.jsonl"], worst=3, n_bootstrap=10, source=src)


def test_an_mt_file_too_long_is_refused_even_when_the_worst_come_first(tmp_path):
    write_scores_jsonl(tmp_path / "s.jsonl", 20)
    mt = tmp_path / "long.txt"
    mt.write_text("".join(f"mt {i}\n" for i in range(1, 41)), encoding="utf-8")
    with pytest.raises(InputError, match=r"has 40 lines but the scores have 20 segments"):
        build_report([tmp_path / "s.jsonl"], worst=3, n_bootstrap=10, mt=mt)


def test_matching_texts_still_fill_the_worst_rows(tmp_path):
    write_scores_jsonl(tmp_path / "s.jsonl", 20)
    src = tmp_path / "src.txt"
    src.write_text("".join(f"source {i}\n" for i in range(1, 21)), encoding="utf-8")
    rep = build_report([tmp_path / "s.jsonl"], worst=3, n_bootstrap=10, source=src)
    assert [w["source"] for w in rep["worst"]] == [f"source {w['id']}" for w in rep["worst"]]


def test_a_summary_of_another_run_is_refused(tmp_path):
    write_scores_jsonl(tmp_path / "s.jsonl", 20)
    summ = tmp_path / "big.json"
    summ.write_text(json.dumps({"segments": 20000, "corpus": {"pseudo": {"bleu": {"score": 30.0}}}}))
    with pytest.raises(InputError, match=r"big.json: the summary is of 20000 segments but the scores have 20"):
        build_report([tmp_path / "s.jsonl"], summary=summ, n_bootstrap=10)


def test_a_summary_of_another_run_with_as_many_segments_is_refused(tmp_path):
    # QA: only the count was compared, so another MT's corpus scores were shown beside these records.
    from statistics import fmean

    recs = write_scores_jsonl(tmp_path / "s.jsonl", 20)
    flags = {"numbers": 4, "length_ratio": 2}
    mean = fmean(r["risk"] for r in recs)
    good = {"segments": 20, "corpus": {"pseudo": {}}, "flags": flags, "risk": {"mean": mean}}
    summ = tmp_path / "sum.json"
    for summary, what in (({**good, "risk": {"mean": mean + 0.01}}, "its mean risk"),
                          ({**good, "flags": {"numbers": 5, "length_ratio": 2}}, "its flag counts"),
                          ({}, "not a summary written by 'mtreview score --summary'")):
        summ.write_text(json.dumps(summary))
        with pytest.raises(InputError, match=what):
            build_report([tmp_path / "s.jsonl"], summary=summ, n_bootstrap=10)
    summ.write_text(json.dumps(good))  # the same run's summary is taken
    assert build_report([tmp_path / "s.jsonl"], summary=summ, n_bootstrap=10)["segments"] == 20


def test_the_cli_refuses_on_one_line_with_exit_2(tmp_path, capsys):
    write_scores_jsonl(tmp_path / "s.jsonl", 20)
    summ = tmp_path / "big.json"
    summ.write_text(json.dumps({"segments": 21, "corpus": {}}))
    code = main(["report", str(tmp_path / "s.jsonl"), "--summary", str(summ), "-o", str(tmp_path / "r.html")])
    errors = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("mtreview: error:")]
    assert code == 2 and len(errors) == 1 and "is of 21 segments" in errors[0] and "have 20" in errors[0]
    assert not (tmp_path / "r.html").exists()


def test_counts_and_indexes_are_not_metrics(tmp_path):
    recs = write_scores_jsonl(tmp_path / "s.jsonl", 10)
    for i, rec in enumerate(recs):
        rec.update(n_pseudo=2, closest_pseudo=i % 2, pseudo_agreement=50.0 + i, ref_chrf=40.0)
    (tmp_path / "s.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    rep = build_report([tmp_path / "s.jsonl"], n_bootstrap=10)
    assert "n_pseudo" not in rep["metrics"] and "closest_pseudo" not in rep["metrics"]
    summarised = {m["metric"] for m in rep["segment_means"]}
    assert summarised == {"risk", "bleu", "chrf", "chrfpp", "ter", "ref_chrf", "pseudo_agreement"}
    assert all("n_pseudo" not in d and "closest_pseudo" not in d for d in rep["documents"])


@pytest.mark.parametrize("where", ["input", "--source", "--mt"])
def test_standard_input_is_refused_as_what_it_is(tmp_path, capsys, where):
    """QA: `report -` said "-: no such file"; `--source -` said "cannot write the output: File or stream is
    not seekable", about an input."""
    write_scores_jsonl(tmp_path / "s.jsonl", 5)
    args = ["report", "-" if where == "input" else str(tmp_path / "s.jsonl"), "-o", str(tmp_path / "r.md")]
    if where != "input":
        args += [where, "-"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "does not read standard input" in err and "cannot write" not in err and "no such file" not in err
    assert not (tmp_path / "r.md").exists()


def test_a_pipe_as_source_is_refused_before_any_work(tmp_path, capsys):
    import os

    write_scores_jsonl(tmp_path / "s.jsonl", 5)
    fifo = tmp_path / "src.fifo"
    os.mkfifo(fifo)
    fd = os.open(fifo, os.O_RDWR)  # a writer with the lines already sent, so that no open can block
    try:
        os.write(fd, b"".join(b"source %d\n" % i for i in range(1, 6)))
        assert main(["report", str(tmp_path / "s.jsonl"), "--source", str(fifo), "-o", str(tmp_path / "r.md")]) == 2
    finally:
        os.close(fd)
    err = capsys.readouterr().err
    assert "is a pipe, not a file" in err and "cannot write" not in err


def test_source_with_a_project_is_refused(tmp_path, capsys):
    # its lines replaced the project's own texts in the worst-segments table, silently
    from fixtures_report import make_project

    project = make_project(tmp_path / "p.mtr")
    lines = tmp_path / "x.txt"
    lines.write_text("X\n" * 6, encoding="utf-8")
    for option in ("--source", "--mt"):
        assert main(["report", str(project), option, str(lines), "-o", str(tmp_path / "r.html")]) == 2
        err = capsys.readouterr().err
        assert "p.mtr: a project holds its texts: --source/--mt go with a scores file" in err
    assert not (tmp_path / "r.html").exists()
