"""Word-level diff spans over the MT: what the TUI highlights."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mtreview.diff import diff_spans, tokens_with_offsets


def marked(mt: str, ref: str) -> list[tuple[str, str]]:
    return [(mt[s:e], kind) for s, e, kind in diff_spans(mt, ref)]


def test_replaced_and_extra_words_are_spans_over_the_mt() -> None:
    assert marked("The cat sat on the mat quickly.", "The dog sat on a mat.") == [
        ("cat", "replace"), ("the", "replace"), ("quickly", "insert")]


def test_missing_words_are_empty_spans_where_they_would_go() -> None:
    mt = "Он пришёл домой."
    spans = diff_spans(mt, "Он поздно пришёл домой.")
    assert spans == [(3, 3, "delete")]
    assert mt[:3] == "Он "
    assert diff_spans("a b", "a b c") == [(3, 3, "delete")]


def test_identical_texts_have_no_spans() -> None:
    assert diff_spans("Same words, same order.", "Same words, same order.") == []


def test_offsets_follow_unicode_text() -> None:
    mt = "Зачем Казахстан зовёт НАТО"
    assert [(mt[s:e], k) for s, e, k in diff_spans(mt, "Why Kazakhstan calls NATO")] == [(mt, "replace")]
    assert [t for t, _, _ in tokens_with_offsets("don't stop-it, 8 847,6!")] == [
        "don't", "stop-it", ",", "8", "847", ",", "6", "!"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_spans_are_sorted_disjoint_and_inside_the_mt(mt: str, ref: str) -> None:
    end = 0
    for start, stop, kind in diff_spans(mt, ref):
        assert kind in ("replace", "insert", "delete")
        assert end <= start <= stop <= len(mt)
        assert (start == stop) == (kind == "delete")
        end = stop
