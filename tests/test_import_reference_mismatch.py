"""A --reference that matches few source sentences is kept, with a warning naming both files and the counts."""

from __future__ import annotations

from pathlib import Path

from mtreview.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "caspian-nato-ru-en"


def test_a_reference_of_one_sentence_is_counted_in_the_singular(tmp_path, write, capsys) -> None:
    # QA: "(1 sentences)"
    ref = write("r.en", "Something else entirely, about the weather in spring.\n")
    assert main(["import", str(CORPUS / "source.ru.txt"), str(CORPUS / "mt.en.txt"), "-s", "ru", "-t", "en",
                 "--reference", str(ref), "--no-embeddings", "-o", str(tmp_path / "p.mtr")]) == 0
    err = capsys.readouterr().err
    assert "of 68 source sentences found a counterpart in this reference (1 sentence); is it a translation" in err
