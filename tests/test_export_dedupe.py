"""`export --dedupe` (exact, unchanged) and `--dedupe-normalized`: pairs equal without invisible characters
(zero-width, bidi, soft hyphen), after NFKC, case folding, whitespace collapsing and without their final
punctuation are duplicates; the first is kept and the count tells exact duplicates from near ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_corpus import accepted_project

from mtreview.cli import main
from mtreview.export import dedupe_key
from mtreview.store import Project

PAIRS = [
    ("Нажмите ОК.", "Press OK."),        # 1 kept
    ("нажмите ок", "press ok"),          # 2 near: case and final punctuation
    ("Нажмите  ОК.", "Press OK."),       # 3 exact (whitespace runs were always one space)
    ("Нажмите ОК!", "Ｐｒｅｓｓ　ＯＫ!"),  # 4 near: full-width letters and space (NFKC)
    ("Нажмите, ОК", "Press, OK"),        # 5 kept: punctuation inside is not final
    ("Нажмите ОК.", "Press Enter."),     # 6 kept: another translation
    ("Нажмите ОК.", "Press OK."),        # 7 exact
    ("Ｆｉｌｅ…", "ﬁle..."),              # 8 kept (ligature ﬁ, ellipsis)
    ("File", "file"),                    # 9 near of 8 after NFKC + folding, "…"/"..." final punctuation
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"source": s, "target": t}, ensure_ascii=False) + "\n" for s, t in PAIRS),
                   encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), "-o", str(out), "-s", "ru", "-t", "en"]) == 0
    with Project.open(out) as proj:
        for seg in proj.segments():
            proj.decide(seg.id, "accept_mt", reviewer="ann")
    return out


def _export(capsys, project: Path, out: Path, *args: str) -> tuple[list[tuple[str, str]], str]:
    capsys.readouterr()
    code = main(["export", str(project), "--format", "tsv", "-o", str(out), *args])
    err = capsys.readouterr().err
    assert code == 0, err
    rows = [tuple(line.split("\t")) for line in out.read_text(encoding="utf-8").splitlines()]
    return rows, err  # type: ignore[return-value]


def test_normalized_keeps_the_first_and_counts_exact_and_near(tmp_path: Path, project: Path, capsys) -> None:
    rows, err = _export(capsys, project, tmp_path / "o.tsv", "--dedupe-normalized")
    assert rows == [PAIRS[0], PAIRS[4], PAIRS[5], PAIRS[7]]
    assert "4 segment(s) kept; left out: 2 duplicate, 3 near-duplicate (equal after normalization)" in err


def test_exact_mode_is_unchanged(tmp_path: Path, project: Path, capsys) -> None:
    rows, err = _export(capsys, project, tmp_path / "o.tsv", "--dedupe")
    assert rows == [PAIRS[i] for i in (0, 1, 3, 4, 5, 7, 8)]
    assert "7 segment(s) kept; left out: 2 duplicate" in err and "near" not in err
    rows, err = _export(capsys, project, tmp_path / "o.tsv")  # the default: no dedupe at all
    assert len(rows) == len(PAIRS) and "duplicate" not in err


def test_both_flags_mean_normalized(tmp_path: Path, project: Path, capsys) -> None:
    rows, _ = _export(capsys, project, tmp_path / "o.tsv", "--dedupe", "--dedupe-normalized")
    assert len(rows) == 4


def test_help_explains_both(capsys) -> None:
    assert main(["export", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "--dedupe Keep only the first of identical (source, translation) pairs (exact:" in out
    assert "--dedupe-normalized" in out and "NFKC" in out and "case folding" in out
    assert "punctuation at the end ignored" in out
    assert "without invisible characters" in out


@pytest.mark.parametrize("extra", [["--document"], ["--into", "orig.xlf"]])
def test_refusals_name_the_flag_given(tmp_path: Path, project: Path, capsys, extra: list[str]) -> None:
    if "--into" in extra:
        extra = ["--into", str(tmp_path / "orig.xlf")]
        (tmp_path / "orig.xlf").write_text("<xliff/>", encoding="utf-8")
    code = main(["export", str(project), "-o", str(tmp_path / "o.xlf" if "--into" in extra else "o.txt"),
                 *extra, "--dedupe-normalized"])
    err = capsys.readouterr().err
    assert code == 2 and "--dedupe-normalized" in err


def test_the_key_on_odd_text() -> None:
    assert dedupe_key("", "", "normalized") == dedupe_key("  ", "...", "normalized")  # nothing but punctuation
    assert dedupe_key("a", "b", "normalized") != dedupe_key("a b", "", "normalized")  # sides stay apart
    assert dedupe_key("x\ud800", "y", "normalized") != dedupe_key("x", "y", "normalized")  # no crash
    assert dedupe_key("x\ud800", "y") == dedupe_key("x\ud800", "y")
    long = "Слово, " * 100_000
    assert dedupe_key(long + "!", long.upper(), "normalized") == dedupe_key(long, long.lower() + "?", "normalized")
    assert dedupe_key("a\x00b", "c", "normalized") != dedupe_key("ab", "c", "normalized")
    # exact stays exact: case and final punctuation matter
    assert dedupe_key("Да.", "Yes.") != dedupe_key("да", "yes")
    with pytest.raises(ValueError):
        from mtreview.export import select_segments

        list(select_segments(None, dedupe="fuzzy"))  # type: ignore[arg-type]


# Zero-width, bidi and soft-hyphen characters: invisible, so a pair differing only by them reads the same.
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202a", "\u202b",
             "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u00ad", "\u061c"]


@pytest.mark.parametrize("ch", INVISIBLE)
def test_invisible_characters_are_ignored_by_the_normalized_key(ch: str) -> None:
    key = dedupe_key("Нажмите ОК.", "Press OK.", "normalized")
    assert dedupe_key(f"Наж{ch}мите ОК.", f"{ch}Press O{ch}K.", "normalized") == key
    # trailing: after the final punctuation it stopped the trimming ("OK.\ufeff" kept its ".")
    assert dedupe_key("нажмите ок", f"press ok.{ch}", "normalized") == key
    assert dedupe_key(f"Нажмите ОК.{ch}", "Press OK", "normalized") == key
    assert dedupe_key(f"Нажмите ОК{ch}", "Press OK.", "exact") != dedupe_key("Нажмите ОК", "Press OK.")  # exact


def test_near_duplicates_differing_by_invisible_characters_are_left_out(tmp_path: Path, capsys) -> None:
    pairs = [("Да.", "Yes."), ("Да.\u200e", "Yes.\ufeff"), ("\u2066Да\u2069", "Y\u00ades\u200b"), ("Нет.", "No.")]
    proj = accepted_project(tmp_path, pairs)
    rows, err = _export(capsys, proj, tmp_path / "o.tsv", "--dedupe-normalized")
    assert rows == [pairs[0], pairs[3]]
    assert "2 segment(s) kept; left out: 2 near-duplicate (equal after normalization)" in err
