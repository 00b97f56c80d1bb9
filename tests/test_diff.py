"""Word-level diff spans over the MT: what the TUI highlights."""

from __future__ import annotations

from difflib import SequenceMatcher

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


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "the", ",", ".", "don't", "x-y", "_", "Ж", "1"]), max_size=14),
       st.lists(st.sampled_from(["a", "b", "c", "the", ",", ".", "don't", "x-y", "_", "Ж", "1"]), max_size=14))
def test_word_alignment_is_difflibs(mt_words: list[str], ref_words: list[str]) -> None:
    # The hand-written matcher must give SequenceMatcher's opcodes (small vocabularies: many ties).
    assert_difflib_spans(" ".join(mt_words), " ".join(ref_words))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab _-'.,!\t\u00a0жЖ猫1")), max_size=40),
       st.text(alphabet=st.sampled_from(list("ab _-'.,!\t\u00a0жЖ猫1")), max_size=40))
def test_spans_on_odd_text_are_difflibs(mt: str, ref: str) -> None:
    # Odd spacing and punctuation: the offsets must still be those of the regex matches.
    assert_difflib_spans(mt, ref)


def assert_difflib_spans(mt: str, ref: str) -> None:
    a = tokens_with_offsets(mt)
    b = [t for t, _, _ in tokens_with_offsets(ref)]
    expected = []
    for tag, i1, i2, _, _ in SequenceMatcher(None, [t for t, _, _ in a], b, autojunk=False).get_opcodes():
        if tag == "delete":
            expected.append((a[i1][1], a[i2 - 1][2], "insert"))
        elif tag == "insert":
            pos = a[i1][1] if i1 < len(a) else (a[-1][2] if a else 0)
            expected.append((pos, pos, "delete"))
        elif tag == "replace":
            expected.append((a[i1][1], a[i2 - 1][2], "replace"))
    assert diff_spans(mt, ref) == expected


def test_a_long_repetitive_segment_falls_back_to_words_the_reference_lacks() -> None:
    """A repetition loop thousands of words long must not stall a batch (the exact alignment is quadratic
    in the matches); past the work budget, runs of MT words absent from the reference are marked."""
    mt = "Hello world " * 3000 + "banana split."
    ref = "Hello there world " * 2000 + "."
    start = mt.index("banana")
    assert diff_spans(mt, ref) == [(start, start + len("banana split"), "insert")]


def test_the_fallback_marks_each_run_of_unshared_words(monkeypatch) -> None:
    import mtreview.diff as diff

    monkeypatch.setattr(diff, "WORK_BUDGET", 0)
    mt = "The cat sat quietly on the red mat today."
    ref = "The cat sat on the mat."
    spans = diff.diff_spans(mt, ref)
    assert [mt[s:e] for s, e, _ in spans] == ["quietly", "red", "today"]
    assert {kind for _, _, kind in spans} == {"insert"}
