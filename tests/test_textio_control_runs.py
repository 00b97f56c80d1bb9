"""A long run of control characters (a zero-filled block in a crashed file) is read in linear time, with the
documented result: removed, or one space between two word characters or, when it holds a form feed, vertical
tab or separator, between two visible characters. QA: 100 KB of NULs took 159 s in `report`, because the old
pattern rescanned the run from each of its characters."""

from __future__ import annotations

import pytest

from mtreview.controls import strip_controls

RUN = 400_000  # the old pattern needed minutes for this; the hang guard below stops such a regression


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("text", "expected"), [
    ("a" + "\0" * RUN + "b", "a b"),                        # between two word characters: a separator
    ("." + "\0" * RUN + ".", ".."),                         # no word characters, no spacing control: removed
    ("One." + "\0" * RUN + "\x0c" + "Two.", "One. Two."),    # holds a form feed, between visible characters
    ("One. " + "\0" * RUN + "\x0c" + "Two.", "One. Two."),   # after a space: removed, the space stays one
    ("\0" * RUN, ""),
], ids=["between-words", "between-punctuation", "with-form-feed", "after-a-space", "only-controls"])
def test_a_long_control_run_is_read_with_the_documented_result(text: str, expected: str) -> None:
    out, removed = strip_controls(text)
    assert out == expected
    assert removed == sum(1 for ch in text if ch in "\0\x0c")


def test_runs_between_words_and_at_edges() -> None:
    assert strip_controls("Привет\0мир.") == ("Привет мир.", 1)
    assert strip_controls("One.\x0bTwo.") == ("One. Two.", 1)
    assert strip_controls("\x0cStart and end\x0c") == ("Start and end", 2)
    assert strip_controls("x.\x07y") == ("x.y", 1)  # a bell between punctuation and a word joins nothing
