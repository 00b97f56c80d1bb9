"""The Text+Berg test-set benchmark's own logic: reading Vecalign gold files, cutting Bleualign's MT files
into articles, and scoring several documents as Vecalign's ``score_multiple`` does (counts summed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench_scripts import load_script


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    return load_script("bench_align_test")


def test_gold_file_reads_beads_with_empty_sides(bench, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "test0.defr"
    path.write_text("[0]:[0, 1]\n[]:[2]\n[1, 2]:[]\n\n[3]:[3]\n", encoding="utf-8")
    assert bench.read_gold(path) == [((0,), (0, 1)), ((), (2,)), ((1, 2), ()), ((3,), (3,))]


@pytest.mark.parametrize("line", ["[0]-[1]", "[0]:[1]:[2]", "[0:[1]", "import os:[1]"])
def test_broken_gold_line_names_file_and_line(bench, tmp_path: Path, line: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.defr"
    path.write_text(f"[0]:[0]\n{line}\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"bad\.defr:2: not a bead"):
        bench.read_gold(path)


def test_articles_are_cut_at_separator_lines_which_are_dropped(bench) -> None:  # type: ignore[no-untyped-def]
    # Each file writes its own: ".EOA", ". EOA" (Google MT into French), ". OAE" (into German).
    lines = ["a", "b", ". EOA", "c", ". OAE", "d", "EOA e", ".EOA "]
    assert bench.split_articles(lines) == [["a", "b"], ["c"], ["d", "EOA e"], []]


def test_documents_are_scored_on_summed_counts_not_averaged(bench) -> None:  # type: ignore[no-untyped-def]
    gold_a = [((0,), (0,)), ((1,), (1,))]
    gold_b = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]
    test_a = [((0, 1), (0, 1))]  # wrong: 0 of 1 strict
    test_b = gold_b  # right: 4 of 4
    s = bench.score_documents([gold_a, gold_b], [test_a, test_b])
    # Precision 4 / 5 over all test beads (a mean of per-document figures would give 0.5).
    assert s["strict_p"] == pytest.approx(4 / 5)
    assert s["strict_r"] == pytest.approx(4 / 6)
    assert s["lax_p"] == 1.0 and s["lax_r"] == 1.0


def test_mt_file_whose_articles_do_not_fit_the_documents_is_refused(bench, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for i in range(bench.DOCS):
        (tmp_path / f"test{i}.de").write_text("Satz eins .\nSatz zwei .\n", encoding="utf-8")
        (tmp_path / f"test{i}.fr").write_text("Phrase un .\n", encoding="utf-8")
        (tmp_path / f"test{i}.defr").write_text("[0, 1]:[0]\n", encoding="utf-8")
    docs, google = bench.load(tmp_path)
    assert len(docs) == bench.DOCS and google == {}
    # Two lines for each German document, but one article too few.
    body = "\n. EOA\n".join(["Phrase un .\nPhrase deux ."] * (bench.DOCS - 1))
    (tmp_path / "eval1989.google.fr").write_text(body + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="eval1989.google.fr has articles of"):
        bench.load(tmp_path)
    # One article per document, as many lines as its German side: taken, in document order.
    body = "\n. EOA\n".join(f"Phrase {i} a .\nPhrase {i} b ." for i in range(bench.DOCS))
    (tmp_path / "eval1989.google.fr").write_text(body + "\n", encoding="utf-8")
    _, google = bench.load(tmp_path)
    assert list(google) == ["fr"] and google["fr"][3] == ["Phrase 3 a .", "Phrase 3 b ."]


def test_missing_document_is_named(bench, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit, match="lacks test0.de, test0.fr, test0.defr"):
        bench.load(tmp_path)
