"""`mtreview segment`: the sentences align/import/score number, one per line, so users can make
--retranslation files with any tool."""

from __future__ import annotations

import json
from pathlib import Path

from mtreview.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "caspian-nato-ru-en"


def test_lines_are_the_sentences_align_numbers(tmp_path: Path, capsys) -> None:
    src = CORPUS / "source.ru.txt"
    out = tmp_path / "sent.ru"
    assert main(["segment", str(src), "-l", "ru", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert main(["segment", str(src), "-l", "ru", "--json"]) == 0
    records = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["index"] for r in records] == list(range(len(lines)))
    assert [r["text"] for r in records] == lines
    assert records[-1]["paragraph"] > 10  # paragraphs kept in --json, not as blank lines
    assert all(line.strip() for line in lines)
    # align takes the file as a line-per-sentence retranslation of the source, and refuses a shorter one
    mt = CORPUS / "mt.en.txt"
    assert main(["align", str(src), str(mt), "-s", "ru", "-t", "en", "--retranslation", str(out), "--json"]) == 0
    beads = json.loads(capsys.readouterr().out)
    assert sorted(i for b in beads for i in b["source"]) == list(range(len(lines)))
    short = tmp_path / "short.ru"
    short.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    assert main(["align", str(src), str(mt), "-s", "ru", "-t", "en", "--retranslation", str(short)]) == 2
    assert f"has {len(lines) - 1} lines but" in capsys.readouterr().err


def test_wrapped_lines_join_and_sentences_split(tmp_path: Path, capsys) -> None:
    doc = tmp_path / "doc.en"
    doc.write_text("The talks were held\nin Astana. They ended early.\n\nA second paragraph.\n", encoding="utf-8")
    assert main(["segment", str(doc), "-l", "en"]) == 0
    assert capsys.readouterr().out.splitlines() == ["The talks were held in Astana.", "They ended early.",
                                                    "A second paragraph."]


def test_bad_input_and_output_over_the_input_are_one_line(tmp_path: Path, capsys) -> None:
    assert main(["segment", str(tmp_path / "missing.txt"), "-l", "en"]) == 2
    assert "missing.txt" in capsys.readouterr().err
    doc = tmp_path / "doc.en"
    doc.write_text("One. Two.\n", encoding="utf-8")
    assert main(["segment", str(doc), "-l", "en", "-o", str(doc)]) == 2
    assert "would overwrite the input" in capsys.readouterr().err
    assert doc.read_text(encoding="utf-8") == "One. Two.\n"
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\xff\xfe\xfa\x80 not text")
    assert main(["segment", str(junk), "-l", "en"]) == 2
    assert "junk.bin" in capsys.readouterr().err


def test_an_empty_document_is_one_line_that_does_not_speak_of_review(tmp_path: Path, capsys) -> None:
    # segment shares import's reader: its message said "no text to review", which segment does not do
    blank = tmp_path / "blank.ru"
    blank.write_text("  \n\n\t\n", encoding="utf-8")
    assert main(["segment", str(blank), "-l", "ru"]) == 2
    err = capsys.readouterr().err.strip()
    assert "blank.ru" in err and "empty or blank" in err and "to review" not in err and "\n" not in err
