"""Segment text is shown literally: markup-like brackets, emoji codes and escape sequences never turn into
styles or reach the terminal. Also the display helpers and the core queries the TUI reads."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import ROWS
from sacrebleu.metrics import BLEU, CHRF
from textual.widgets import TextArea

from mtreview.review_aids import LiveCorpusScores, differing_spans, difflib_spans
from mtreview.store import Project
from mtreview.store_views import reference_rows, row_summaries, search_ids, segment_states
from mtreview.tui.app import make_app
from mtreview.tui.text import flag_summary, highlighted, literal, safe
from mtreview.tui.widgets.detail import DetailPane
from mtreview.tui.widgets.segment_list import SegmentList

markup_project = fixtures_tui.markup_project
review_project = fixtures_tui.review_project


def test_safe_replaces_controls_with_visible_stand_ins() -> None:
    assert safe("a\x1b[31mb") == "a\u241b[31mb"
    assert safe("x\x00y\x7fz\x85") == "x\u2400y\u2421z<U+0085>"
    assert safe("\u202eevil") == "<U+202E>evil"  # a bidi override would flip the rest of the line
    assert safe("tab\there") == "tab    here"
    assert safe("two\nlines", one_line=True) == "two \u23ce lines"
    assert safe("two\nlines") == "two\nlines"


@pytest.mark.parametrize(("names", "shown"), [
    ((), ""),
    (("names",), "names"),
    (("names", "urls"), "names,urls"),
    (("no_source", "untranslated"), "no_source +1"),  # whole names only, and how many are left out
    (("names", "numbers", "brackets"), "names +2"),
    (("length_ratio", "numbers"), "length_r\u2026 +1"),  # the first alone does not fit beside "+1"
])
def test_flag_summary_never_hides_that_there_are_more(names: tuple[str, ...], shown: str) -> None:
    got = flag_summary(names, 12)  # the list's flags column
    assert got == shown
    assert len(got) <= 12


def test_literal_keeps_markup_and_emoji_codes() -> None:
    text = literal("[b]x[/b] :smile: [link=http://a]y[/link]")
    assert text.plain == "[b]x[/b] :smile: [link=http://a]y[/link]"
    assert text.spans == []


def test_highlighted_applies_spans_and_marks_missing_words() -> None:
    text = highlighted("ab [0] cd", [(3, 6, "replace"), (9, 9, "delete")], "reverse")
    assert text.plain == "ab [0] cd\u2038"
    assert [(s.start, s.end, str(s.style)) for s in text.spans] == [(3, 6, "reverse"), (9, 10, "reverse")]


@pytest.mark.asyncio
async def test_markup_and_escapes_in_segments_show_literally(markup_project: Path) -> None:
    app = make_app(markup_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        shown = "\n".join(pane.rendered_lines())
        seg_list = app.screen.query_one(SegmentList)
        row = seg_list.render_line(1).text  # line 0 is the column header
        strips = [seg_list.render_line(y) for y in range(seg_list.size.height)]
        strips += [pane.render_line(y) for y in range(pane.size.height)]
    assert "Tag [b]bold[/b] and [0] and [/x] \u241b[31mred [link=http://x]y[/link] :smile:" in shown
    assert "Тег [b]жирный[/b] и [0] и [/x] \u241b[31mкрасный" in shown
    assert "Unbalanced [ in the MT" in shown
    assert "Тег [b]жирный[/b]" in row
    for strip in strips:  # nothing that reaches the terminal carries an escape or a link
        for segment in strip:
            assert "\x1b" not in segment.text
            assert segment.style is None or segment.style.link is None


@pytest.mark.asyncio
async def test_editing_markup_text_stores_it_unchanged(markup_project: Path) -> None:
    app = make_app(markup_project, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        area = app.screen.query_one(TextArea)
        area.load_text("[b]Tag[/b] [0] [/x] :smile:")
        await pilot.press("ctrl+s")
    with Project.open(markup_project) as proj:
        st = proj.segments()[0].state
    assert (st.status, st.final_text) == ("edited", "[b]Tag[/b] [0] [/x] :smile:")


def test_row_summaries_and_states_follow_the_store(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        ids = proj.segment_ids()
        proj.decide(ids[1], "reject")
        cols = segment_states(proj)
        rows = row_summaries(proj, [ids[2], ids[1], 999])
    assert cols.ids == ids
    assert cols.statuses[:3] == ["unreviewed", "rejected", "unreviewed"]
    assert cols.risks[:3] == [0.2, 0.1, 0.8]
    assert set(rows) == {ids[1], ids[2]}
    assert rows[ids[2]].flags == ("names",) and rows[ids[2]].source == ROWS[2][0]
    assert rows[ids[1]].status == "rejected"


def test_search_folds_case_in_any_script(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        ids = proj.segment_ids()
        assert search_ids(proj, "КАСПИЙСКОЕ") == {ids[3]}
        assert search_ids(proj, "washington") == {ids[1]}
        assert search_ids(proj, "") == set()


def test_difflib_fallback_marks_differing_words() -> None:
    mt = "The delegation was headed by Talgat Mukhtar."
    spans = difflib_spans(mt, "The delegation was led by General Talgat Mukhtarov.")
    assert [mt[a:b] for a, b in spans] == ["headed", "Mukhtar"]


def test_differing_spans_use_the_closest_reference() -> None:
    mt = "In 2019 there were 8847.6 tons."
    best, spans = differing_spans(mt, ["Completely different words here.", "In 2018 there were 8847.6 tonnes."])
    assert best == 1
    assert {mt[a:b] for a, b, _kind in spans if b > a} == {"2019", "tons"}


def test_live_corpus_scores_equal_sacrebleu_and_follow_decisions(review_project: Path) -> None:
    with Project.open(review_project) as proj:
        ids = proj.segment_ids()
        live = LiveCorpusScores(proj)
        hyps = [r[1] for r in ROWS]
        refs = [[r[6] for r in ROWS]]
        before = live.scores()
        assert before is not None
        assert before.chrf == pytest.approx(CHRF().corpus_score(hyps, refs).score, abs=1e-9)
        assert before.bleu == pytest.approx(BLEU().corpus_score(hyps, refs).score, abs=1e-9)
        # Accept the reference for segment 4 and reject segment 5: the corpus changes accordingly.
        proj.decide(ids[3], "accept_candidate", text=ROWS[3][6], candidate="reference")
        proj.decide(ids[4], "reject")
        for seg_id, mt, status, final, _refs in reference_rows(proj):
            live.update(seg_id, mt, status, final)
    hyps2 = [hyps[0], hyps[1], hyps[2], ROWS[3][6], hyps[5]]
    refs2 = [[refs[0][i] for i in (0, 1, 2, 3, 5)]]
    after = live.scores()
    assert after is not None and after.segments == 5
    assert after.chrf == pytest.approx(CHRF().corpus_score(hyps2, refs2).score, abs=1e-9)
    assert after.bleu == pytest.approx(BLEU().corpus_score(hyps2, refs2).score, abs=1e-9)


def test_live_corpus_bleu_tokenizes_chinese_as_score_does(tmp_path: Path) -> None:
    # QA: the review header's BLEU used 13a, which finds one "word" per Chinese sentence: a near-perfect MT
    # scored ~0 there, where 'score' and 'report' use sacrebleu's zh tokenizer.
    from mtreview.segment import Sentence

    mts = ["我们明天去北京开会。", "这个问题很重要。"]
    refs = ["我们明天去北京开会了。", "这个问题非常重要。"]
    path = tmp_path / "zh.mtr"
    proj = Project.create(path, "en", "zh", name="zh")
    try:
        src = [Sentence(i, i, t) for i, t in enumerate(["We meet in Beijing tomorrow.", "This matters."])]
        proj.add_document("source", "en", "\n\n".join(s.text for s in src), src)
        proj.add_document("mt", "zh", "\n\n".join(mts), [Sentence(i, i, t) for i, t in enumerate(mts)])
        ids = proj.add_segments(((i,), (i,), s.text, m, 0.9) for i, (s, m) in enumerate(zip(src, mts, strict=True)))
        proj.add_candidates([(sid, "reference", "reference", r, None, None, 0) for sid, r in zip(ids, refs, strict=True)])
        got = LiveCorpusScores(proj).scores()
    finally:
        proj.close()
    assert got is not None
    zh = BLEU(tokenize="zh").corpus_score(mts, [refs])
    assert got.bleu == pytest.approx(zh.score, abs=1e-9)
    assert got.bleu > 10 > BLEU().corpus_score(mts, [refs]).score  # 13a's figure would have been near 0
    assert "tok:zh" in got.bleu_signature
