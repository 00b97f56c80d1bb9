"""English titles before a name are no sentence's end: sentencex cut after Ms., Mx., Amb. and Atty. before
any name, and after Mr., Mrs. and Dr. before a question word (Dr. Who)."""

from __future__ import annotations

import pytest

from mtreview.segment import split_sentences_in_paragraph


@pytest.mark.parametrize(("text", "sentences"), [
    ("Mrs. Brown left. Ms. Green stayed.", ["Mrs. Brown left.", "Ms. Green stayed."]),
    ("We met Ms. Green yesterday.", ["We met Ms. Green yesterday."]),
    ("The vote was won by Mx. Lee.", ["The vote was won by Mx. Lee."]),
    ("We met Amb. Smith and Atty. Jones.", ["We met Amb. Smith and Atty. Jones."]),
    ("Dr. Who is a show. It is British.", ["Dr. Who is a show.", "It is British."]),
    ("I saw Mr. Who today.", ["I saw Mr. Who today."]),
    # A sentence after a name with a title still starts on its own.
    ("I met Mr. Smith. He waved.", ["I met Mr. Smith.", "He waved."]),
])
def test_a_title_stays_with_its_name(text: str, sentences: list[str]) -> None:
    assert split_sentences_in_paragraph(text, "en") == sentences
