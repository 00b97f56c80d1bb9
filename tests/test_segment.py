"""Sentence segmentation with paragraphs."""

from __future__ import annotations

from mtreview.segment import presegmented, segment_text, split_paragraphs


def test_paragraphs_and_sentences_ru() -> None:
    sents = segment_text("Первое. Второе?\n\n— Третье, сказал г. Иванов. Четвертое!\n", "ru")
    assert [(s.index, s.paragraph, s.text) for s in sents] == [
        (0, 0, "Первое."), (1, 0, "Второе?"), (2, 1, "— Третье, сказал г. Иванов."), (3, 1, "Четвертое!")]


def test_english_abbreviations_not_split() -> None:
    sents = segment_text("Kazakhstan and the U.S. signed a plan. Mr. Smith agreed.", "en")
    assert [s.text for s in sents] == ["Kazakhstan and the U.S. signed a plan.", "Mr. Smith agreed."]


def test_quoted_paragraph_is_split_into_sentences() -> None:
    text = '"As for training officers, it is bad. But it is not a reason to doubt. They train abroad."'
    assert [s.text for s in segment_text(text, "en")] == [
        '"As for training officers, it is bad.', "But it is not a reason to doubt.", 'They train abroad."']
    text = "the newspaper \u201cPravda.ru\u201d, sources say. Next one."
    assert [s.text for s in segment_text(text, "en")] == [
        "the newspaper \u201cPravda.ru\u201d, sources say.", "Next one."]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    assert split_paragraphs("one line\nwrapped here\n\nsecond para\n") == ["one line wrapped here", "second para"]
    # without blank lines, each line is a paragraph
    assert split_paragraphs("a\nb\n") == ["a", "b"]


def test_empty_and_blank() -> None:
    assert segment_text("", "en") == [] and segment_text(" \n\n \n", "ru") == []


def test_presegmented_keeps_line_numbers() -> None:
    sents = presegmented(["a", "", "c"])
    assert [(s.index, s.text) for s in sents] == [(0, "a"), (1, ""), (2, "c")]
