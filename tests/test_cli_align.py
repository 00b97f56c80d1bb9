"""`mtreview align`: JSON shape, the table, retranslation files, and one-line errors with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

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


def test_without_retranslation_one_note_then_length_and_anchors(write, capsys) -> None:
    src, tgt = write("s.de", SRC), write("t.fr", TGT)
    assert main(["align", str(src), str(tgt), "-s", "de", "-t", "fr", "--presegmented", "--json"]) == 0
    captured = capsys.readouterr()
    notes = [line for line in captured.err.splitlines() if "note:" in line]
    assert len(notes) == 1 and "length and anchors" in notes[0]
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
    assert "r.fr: has 1 lines" in err and "has 3 sentences" in err


def test_missing_language_is_a_usage_error(write, capsys) -> None:
    src, tgt = write("s.de", SRC), write("t.fr", TGT)
    assert main(["align", str(src), str(tgt), "-s", "de"]) == 2
    assert "--target-lang" in capsys.readouterr().err
