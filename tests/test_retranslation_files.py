"""Retranslation files: plain text, or retranslate's JSON lines (.jsonl), read alike by align, import and
score (QA: import and the document form of score took each JSON line, source and all, for a translation)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.errors import InputError
from mtreview.retranslation_files import best, read_retranslation
from mtreview.store import Project

SRC = "Флот вышел в море.\nРоссия и НАТО проводят учения.\nКаспийское море большое.\n"
MT = "The fleet went to sea.\nRussia and NATO hold exercises.\nThe Caspian Sea is big.\n"
HYPS = [["The fleet put to sea.", "The navy went to sea."], ["Russia and NATO are holding drills."],
        ["The Caspian Sea is large.", "The Caspian is big."]]


def nbest_file(write, name: str = "nb2.jsonl"):  # noqa: ANN001, ANN201
    return write(name, "".join(json.dumps({"id": i, "source": s, "hypotheses": h}, ensure_ascii=False) + "\n"
                               for i, (s, h) in enumerate(zip(SRC.splitlines(), HYPS, strict=True), 1)))


def test_a_jsonl_file_gives_each_lines_hypotheses_and_a_text_file_its_lines(write) -> None:  # noqa: ANN001
    assert read_retranslation(nbest_file(write)) == HYPS
    assert best(read_retranslation(nbest_file(write))) == [h[0] for h in HYPS]
    assert read_retranslation(write("r.txt", "One.\n\nThree.\n")) == [["One."], [], ["Three."]]


def test_json_lines_under_a_text_name_and_broken_json_lines_are_file_line_errors(write) -> None:  # noqa: ANN001
    text_named = nbest_file(write, "nb2.txt")
    with pytest.raises(InputError, match=r"nb2.txt:1: .*give it a .jsonl name"):
        read_retranslation(text_named)
    broken = write("b.jsonl", '{"hypotheses": ["ok"]}\n{"hypotheses": [1]}\n')
    with pytest.raises(InputError, match=r"b.jsonl:2: expected"):
        read_retranslation(broken)


def test_import_takes_the_hypotheses_of_a_jsonl_file_as_ranked_candidates(write, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "nb.mtr"
    assert main(["import", str(write("a.ru", SRC)), str(write("a.en", MT)), "-s", "ru", "-t", "en", "--aligned",
                 "--retranslation", str(nbest_file(write)), "-o", str(out)]) == 0
    with Project.open(out) as proj:
        first = proj.segments()[0]
        assert [(c.name, c.text) for c in proj.candidates(first.id)] == [
            ("nb2", "The fleet put to sea."), ("nb2#2", "The navy went to sea.")]


def test_score_of_documents_counts_every_hypothesis(write, tmp_path: Path) -> None:  # noqa: ANN001
    # one line per source sentence: the document form segments and aligns, then scores with the hypotheses
    out = tmp_path / "s.jsonl"
    assert main(["score", str(write("a.ru", SRC)), str(write("a.en", MT)), "-s", "ru", "-t", "en", "--presegmented",
                 "--retranslation", str(nbest_file(write)), "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["n_pseudo"] for r in records] == [len(h) for h in HYPS]


def test_a_lower_ranked_candidate_needs_a_hypothesis_of_every_sentence(write, tmp_path: Path) -> None:  # noqa: ANN001
    # QA: "name#2" of a two-sentence segment held the second hypothesis of one sentence only, offered as a
    # translation of the whole segment
    from mtreview.project_build import _candidates

    assert [c[2:4] for c in _candidates(7, "r.jsonl", [["A1.", "A2."], ["B1."]])] == [("r", "A1. B1.")]
    assert [c[2:4] for c in _candidates(7, "r.jsonl", [["A1.", "A2."], ["B1.", "B2."]])] == [
        ("r", "A1. B1."), ("r#2", "A2. B2.")]
    assert [c[2:4] for c in _candidates(7, "r.jsonl", [["A1.", "A2."], []])] == [("r", "A1."), ("r#2", "A2.")]


def test_score_refuses_json_lines_under_a_text_name_after_blank_lines(write, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # QA: a blank first line let score read each JSON line as one pseudo-reference, exit 0
    text_named = write("r8.txt", "\n" + nbest_file(write).read_text(encoding="utf-8"))
    assert main(["score", str(write("a.ru", "\n" + SRC)), str(write("a.en", "\n" + MT)), "-s", "ru", "-t", "en",
                 "--aligned", "--retranslation", str(text_named), "-o", str(tmp_path / "s.jsonl")]) == 2
    assert "r8.txt:2: holds JSON lines of hypotheses" in capsys.readouterr().err
