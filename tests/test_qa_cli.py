"""Command-line problems a second QA pass found, one test each (see the commits that fixed them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.store import Project

SRC = "".join(f"Это предложение номер {i}.\n" for i in range(8))
MT = "".join(f"This is sentence number {i}.\n" for i in range(8))


@pytest.fixture
def scored(write, tmp_path: Path) -> Path:  # noqa: ANN001
    src, mt = write("src.ru", SRC), write("mt.en", MT)
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    assert main(["score", str(out), "--no-retranslate"]) == 0
    with Project.open(out) as proj:
        assert all(seg.risk is not None for seg in proj.segments())
    return out


@pytest.mark.parametrize("fmt", ["json", "markdown", "html"])
def test_report_worst_0_lists_no_segment(scored: Path, tmp_path: Path, capsys, fmt: str) -> None:  # noqa: ANN001
    # --worst accepts 0 (its range is 0-10000); it used to crash with an IndexError traceback.
    out = tmp_path / f"r.{fmt}"
    assert main(["report", str(scored), "--worst", "0", "--format", fmt, "-o", str(out)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        report = json.loads(text)
        assert report["worst"] == [] and report["segments"] == 8
    else:
        assert "highest-risk segments" not in text and "8 segments" in text


@pytest.mark.parametrize("name, noted", [("clean.xlsx", True), ("corpus", True), ("clean.tmx", False),
                                         ("clean.jsonl", False)])
def test_export_says_when_the_suffix_does_not_choose_the_format(scored: Path, tmp_path: Path, capsys,  # noqa: ANN001
                                                                name: str, noted: bool) -> None:
    with Project.open(scored) as proj:
        for seg in proj.segments():
            proj.decide(seg.id, "accept_mt", reviewer="qa")
    out = tmp_path / name
    assert main(["export", str(scored), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert ("no known format suffix" in err and "writing jsonl" in err and "--format" in err) is noted, err
    if noted:  # what the note says is what was written
        assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["id"] == 1


def test_a_report_on_scores_without_pseudo_references_shows_the_reference_metrics(write, tmp_path: Path,  # noqa: ANN001
                                                                                  capsys) -> None:  # noqa: ANN001
    src, mt = write("src.ru", SRC), write("mt.en", MT)
    ref = write("ref.en", "".join(f"This is phrase number {i}.\n" for i in range(8)))
    scores = tmp_path / "s.jsonl"
    assert main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate",
                 "--reference", str(ref), "-o", str(scores)]) == 0
    first = json.loads(scores.read_text(encoding="utf-8").splitlines()[0])
    assert first["chrf"] is None and first["ref_chrf"] is not None  # no pseudo-reference, a reference
    md = tmp_path / "r.md"
    assert main(["report", str(scores), "-o", str(md)]) == 0
    text = md.read_text(encoding="utf-8")
    worst_head = next(line for line in text.splitlines() if line.startswith("| Doc | # |"))
    assert worst_head.split(" | ")[2:5] == ["risk", "chrF (reference)", "TER (reference)"]
    docs_head = next(line for line in text.splitlines() if line.startswith("| Document | Segments |"))
    assert "mean chrF (reference)" in docs_head and "mean chrF |" not in docs_head
    capsys.readouterr()
    assert main(["report", str(scores), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "chrf" not in report["metrics"] and "ref_chrf" in report["metrics"]


@pytest.mark.parametrize("out_name", ["s.jsonl", "s.csv"])
def test_a_blank_reference_line_is_a_segment_without_a_reference(write, tmp_path: Path, out_name: str) -> None:  # noqa: ANN001
    # As a blank pseudo-reference line already was: no ref_* scores for it, and the corpus score against
    # the reference leaves it out (an empty reference scored TER 100 and pulled the corpus figure down).
    src = write("s.ru", "Один.\nДва.\nТри.\n")
    mt = write("m.en", "One.\nTwo.\nThree.\n")
    ref = write("r.en", "One.\n\nThree.\n")
    out, summary = tmp_path / out_name, tmp_path / "sum.json"
    assert main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate",
                 "--reference", str(ref), "-o", str(out), "--summary", str(summary)]) == 0
    if out_name.endswith(".jsonl"):
        recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [r["ref_ter"] for r in recs] == [0.0, None, 0.0]
        assert recs[1]["ref_bleu"] is None and recs[1]["diff"] == []
    else:
        import csv

        rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
        assert [r["ref_ter"] for r in rows] == ["0.0", "", "0.0"]
    corpus = json.loads(summary.read_text(encoding="utf-8"))["corpus"]["reference"]
    assert corpus["ter"]["segments"] == 2 and corpus["ter"]["score"] == 0.0


@pytest.mark.parametrize("layout", ["tsv", "aligned"])
def test_blank_reference_and_retranslation_lines_give_no_empty_candidate(write, tmp_path: Path, layout: str) -> None:  # noqa: ANN001
    ref = write("ref.en", "One.\n\nThree!\n")
    retr = write("opus.en", "\nTwo.\nThree!\n")
    if layout == "tsv":
        inputs = [str(write("u.tsv", "Один.\tOne.\nДва.\tTwo.\nТри.\tThree.\n"))]
    else:
        inputs = [str(write("s.ru", "Один.\nДва.\nТри.\n")), str(write("m.en", "One.\nTwo.\nThree.\n")), "--aligned"]
    out = tmp_path / "p.mtr"
    assert main(["import", *inputs, "-s", "ru", "-t", "en", "-o", str(out), "--reference", str(ref),
                 "--retranslation", str(retr)]) == 0
    with Project.open(out) as proj:
        got = [[(c.kind, c.text) for c in proj.candidates(sid)] for sid in proj.segment_ids()]
    assert got == [[("reference", "One.")], [("retranslation", "Two.")],
                   [("retranslation", "Three!"), ("reference", "Three!")]]


def test_review_help_names_every_key_of_the_main_screen() -> None:
    # `mtreview review --help` is what a reviewer reads first; it left out [ ] { } J K c and escape.
    import re

    from click.testing import CliRunner

    from mtreview.cli import cli
    from mtreview.tui.keys import _LABELS, MAIN_KEYS

    text = CliRunner().invoke(cli, ["review", "--help"]).output
    keys_par = text[text.index("Keys:"):text.index("Examples:")]
    words = re.split(r"[\s,]+", keys_par)
    tokens = set(words) | {part for w in words for part in w.split("/")}
    for keys, _action, _footer, _help in MAIN_KEYS:
        key = keys.split(",")[0]
        if key in {str(n) for n in range(2, 10)}:
            continue  # "1-9"
        label = _LABELS.get(key, key)
        assert label in tokens or (key == "1" and "1-9" in tokens), (label, keys_par)


def test_a_bilingual_file_with_an_unknown_suffix_is_pointed_to_format(write, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    units = write("units.txt", '{"source": "Один.", "target": "One."}\n{"source": "Два.", "target": "Two."}\n')
    out = tmp_path / "p.mtr"
    assert main(["import", str(units), "-s", "ru", "-t", "en", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mtreview: error: ") and "--format" in err and err.count("\n") == 1
    assert main(["import", str(units), "-s", "ru", "-t", "en", "-o", str(out), "--format", "jsonl"]) == 0
    with Project.open(out) as proj:
        assert [s.mt_text for s in proj.segments()] == ["One.", "Two."]


def test_reporting_on_a_file_without_any_score_says_so(write, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # e.g. `mtreview export --all` of an unscored project: it reads as a scores file and gave a report with
    # nothing in it, without a word.
    units = write("u.tsv", "Один.\tOne.\nДва.\tTwo.\n")
    proj, export = tmp_path / "p.mtr", tmp_path / "all.jsonl"
    assert main(["import", str(units), "-s", "ru", "-t", "en", "-o", str(proj)]) == 0
    assert main(["export", str(proj), "--all", "-o", str(export)]) == 0
    capsys.readouterr()
    assert main(["report", str(export), "-o", str(tmp_path / "r.md")]) == 0
    assert "no segment has a score or a risk" in capsys.readouterr().err
    assert main(["score", str(proj), "--no-retranslate"]) == 0
    assert main(["export", str(proj), "--all", "-o", str(export)]) == 0  # now with risks
    capsys.readouterr()
    assert main(["report", str(export), "-o", str(tmp_path / "r.md")]) == 0
    assert "no segment has a score" not in capsys.readouterr().err


@pytest.mark.parametrize("value", ["nan", "NaN", "1.5", "-0.1"])
def test_a_risk_threshold_must_be_a_number_from_0_to_1(scored: Path, tmp_path: Path, capsys, value: str) -> None:  # noqa: ANN001
    # `--max-risk nan` was accepted and kept every segment (every comparison with nan is false).
    out = tmp_path / "x.jsonl"
    assert main(["export", str(scored), "--max-risk", value, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--max-risk" in err and "Traceback" not in err
    assert not out.exists()
    assert main(["review", str(scored), "--risk-threshold", value]) == 2
    assert "--risk-threshold" in capsys.readouterr().err


def _options(cmd: object, path: str = "") -> list[tuple[str, object]]:
    """Every option of every subcommand, as (command path, click option)."""
    import click

    if isinstance(cmd, click.Group):
        return [o for name, sub in cmd.commands.items() for o in _options(sub, f"{path} {name}".strip())]
    assert isinstance(cmd, click.Command)
    return [(path, p) for p in cmd.params if isinstance(p, click.Option)]


def test_the_same_option_is_spelt_and_shown_the_same_in_every_command() -> None:
    # QA: retranslate showed `-s, --source-lang TEXT` and segment `-l, --lang TEXT` where the others say LANG;
    # segment's `-o TEXT` where the others say FILE; score and review took `--model` but not retranslate's `-m`.
    import click

    from mtreview.cli import cli

    for path, opt in _options(cli):
        metavar = opt.make_metavar(click.Context(click.Command(path)))
        if opt.name in ("source_lang", "target_lang", "lang"):
            assert metavar == "LANG", (path, opt.opts)
        if opt.name == "models":
            assert "-m" in opt.opts and metavar == "ID_OR_PATH", (path, opt.opts)
        if opt.name == "output" and path not in ("export", "models convert"):  # a prefix or folder there
            assert metavar == "FILE", (path, opt.opts)


@pytest.mark.parametrize("argv", [
    ["score", "{src}", "{mt}", "--aligned", "-s", "ru", "-t", "en", "-o", "{tmp}/o.jsonl"],
    ["import", "{src}", "{mt}", "--aligned", "-s", "ru", "-t", "en", "-o", "{tmp}/p.mtr"],
    ["align", "{src}", "{mt}", "--presegmented", "-s", "ru", "-t", "en", "--json"],
], ids=["score", "import", "align"])
def test_a_retranslation_given_twice_is_refused(write, tmp_path: Path, capsys, argv: list[str]) -> None:  # noqa: ANN001
    # QA: the same file twice counted as two pseudo-references that agree on every word (pseudo_agreement
    # 100, the two-reference risk model, nrefs:2 in the BLEU signature): every risk came out lower.
    src, mt, retr = write("src.ru", SRC), write("mt.en", MT), write("r.en", MT)
    args = [a.format(src=src, mt=mt, tmp=tmp_path) for a in argv]
    assert main([*args, "--retranslation", str(retr), "--retranslation", f"{tmp_path}/./r.en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "given twice" in err and "--retranslation" in err
    assert not (tmp_path / "o.jsonl").exists() and not (tmp_path / "p.mtr").exists()
    assert main([*args, "--retranslation", str(retr)]) == 0  # once is fine


def test_report_on_an_unscored_project_says_so(write, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # QA: import then report (the README's order) gave "0 of 8 segments flagged" and no risks, as if the
    # MT were clean, without a word that nothing had been scored.
    src, mt = write("src.ru", SRC), write("mt.en", MT)
    proj = tmp_path / "p.mtr"
    assert main(["import", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "-o", str(proj)]) == 0
    capsys.readouterr()
    assert main(["report", str(proj), "--json"]) == 0
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert f"{proj} is not scored yet: no risks and no check flags; run 'mtreview score {proj}' first." in notes
    assert main(["score", str(proj), "--no-retranslate"]) == 0
    capsys.readouterr()
    assert main(["report", str(proj), "--json"]) == 0
    assert not any("not scored" in n for n in json.loads(capsys.readouterr().out)["notes"])


def test_a_model_note_keeps_the_reason_and_drops_only_its_innermost_detail() -> None:
    # QA: align and score printed "... huggingface.co cannot be reached (Na..." cut at 130 characters
    from mtreview.cli.options import model_note

    err = ("model Helsinki-NLP/opus-mt-ru-en is not available (not in the local Hugging Face cache and "
           "huggingface.co cannot be reached (Name or service not known: the proxy at proxy.example.org "
           "refused the connection)): on a machine with network run ...")
    note = model_note(err, "aligning on length")
    assert "(not in the local Hugging Face cache and huggingface.co cannot be reached); to get one" in note
    assert "..." not in note and len(note.splitlines()) == 2
    long = "model x is not available (" + "very " * 60 + "long reason): how"
    assert model_note(long, "scoring").splitlines()[1].endswith("...; to get one: mtreview retranslate --help")
    # a half-downloaded cache copy's reason is kept whole (QA: it was cut at "as an...")
    half = ("model Helsinki-NLP/opus-mt-ru-en is not available (its copy in the local Hugging Face cache lacks "
            "model.safetensors, as an interrupted download leaves it, and HF_HUB_OFFLINE is set): on a machine ...")
    assert "and HF_HUB_OFFLINE is set); to get one" in model_note(half, "scoring")
