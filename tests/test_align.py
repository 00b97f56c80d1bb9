"""The aligner end to end: bead types, unaligned sentences, long, empty, tiny, identical and mixed-script
documents, and the coverage contract."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest
from fixtures_align import Builder, long_document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtreview.align import Bead, align_sentences
from mtreview.segment import segment_text
from mtreview.textio import read_text

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "caspian-nato-ru-en"


def pairs(beads: list[Bead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.source, b.target) for b in beads]


def assert_covers(beads: list[Bead], n: int, m: int) -> None:
    """Every sentence of both sides exactly once, in document order; confidences in [0, 1]."""
    src = [i for b in beads for i in b.source]
    tgt = [j for b in beads for j in b.target]
    assert src == list(range(n))
    assert tgt == list(range(m))
    assert all(b.source or b.target for b in beads)
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)


@pytest.mark.parametrize("kind,shape,seed", [
    ("one_two", (1, 2), 1), ("two_one", (2, 1), 2), ("two_two", (2, 2), 3), ("insertion", (0, 1), 4),
    ("deletion", (1, 0), 5),
])
def test_each_bead_type_is_recovered(kind: str, shape: tuple[int, int], seed: int) -> None:
    b = Builder(seed=seed).one_one(8)
    getattr(b, kind)()
    b.one_one(8)
    doc = b.build()
    beads = align_sentences(doc.source, doc.target, retranslations=[doc.retranslation])
    assert pairs(beads) == doc.gold
    special = [bd for bd in beads if (len(bd.source), len(bd.target)) == shape]
    assert len(special) == 1


def test_a_sentence_translated_as_five_is_one_bead() -> None:
    doc = Builder(seed=6).one_one(8).one_many(5).one_one(8).build()
    beads = align_sentences(doc.source, doc.target, retranslations=[doc.retranslation])
    assert pairs(beads) == doc.gold
    assert (8,) in [b.source for b in beads if len(b.target) == 5]
    # Six sentences in one bead: beyond a search limited to five, which has to cut it.
    limited = align_sentences(doc.source, doc.target, retranslations=[doc.retranslation], max_bead=5)
    assert pairs(limited) != doc.gold


def test_content_crossing_a_sentence_break_makes_a_two_two_bead() -> None:
    # The translation moves the end of the first source sentence into the second target sentence: each
    # target sentence still matches one source sentence best, so the two 1-1 beads earn as much similarity
    # evidence as the 2-2 bead. What keeps the pair together is the similarity across the break, measured
    # against what this document's own beads show inside and between them.
    b = Builder(5)
    rng = random.Random(5)
    for _ in range(60):
        r = rng.random()
        if r < 0.1:
            b.two_two_spill(moved=5)
        elif r < 0.2:
            b.two_one()
        elif r < 0.3:
            b.one_two()
        else:
            b.one_one()
    doc = b.build()
    beads = align_sentences(doc.source, doc.target, retranslations=[doc.retranslation])
    assert_covers(beads, len(doc.source), len(doc.target))
    spills = [g for g in doc.gold if len(g[0]) == 2 and len(g[1]) == 2]
    assert len(spills) == 7
    found = set(pairs(beads))
    assert sum(g in found for g in spills) >= 6


def test_content_crossing_a_break_is_seen_without_any_translation() -> None:
    # Two documents in one vocabulary (a cognate language, or names and numbers only), no MT: the boundary
    # model is measured on the first alignment here too, so moved clauses keep their sentences together.
    found = total = 0
    for seed in range(5, 10):
        b = Builder(seed, noise=0.5)
        rng = random.Random(seed)
        for _ in range(60):
            r = rng.random()
            if r < 0.1:
                b.two_two_spill(moved=5)
            else:
                (b.two_one if r < 0.2 else b.one_two if r < 0.3 else b.one_one)()
        doc = b.build()
        beads = align_sentences(doc.retranslation, doc.target)
        assert_covers(beads, len(doc.source), len(doc.target))
        spills = [g for g in doc.gold if len(g[0]) == 2 and len(g[1]) == 2]
        total += len(spills)
        found += sum(g in set(pairs(beads)) for g in spills)
    assert total == 39
    assert found >= 12  # 4 of 39 with the boundary model left to translated documents


def test_one_to_one_document() -> None:
    doc = Builder(seed=3).one_one(30).build()
    beads = align_sentences(doc.source, doc.target, retranslations=[doc.retranslation])
    assert pairs(beads) == doc.gold
    assert min(b.confidence for b in beads) > 0.5


def test_mixed_bead_types_in_one_document() -> None:
    b = Builder(seed=5)
    b.one_one(5).one_two().one_one(4).two_one().one_one(3).insertion().one_one(4).deletion().one_one(5)
    b.two_two().one_one(5)
    doc = b.build()
    beads = align_sentences(doc.source, doc.target, retranslations=[doc.retranslation])
    assert pairs(beads) == doc.gold


def test_boilerplate_is_left_unaligned_not_glued() -> None:
    b = Builder(seed=11).one_one(20)
    b.insertion("Please enter your comment!").insertion("Please enter your name here")
    doc = b.build()
    beads = align_sentences(doc.source, doc.target, retranslations=[doc.retranslation])
    assert pairs(beads) == doc.gold
    assert pairs(beads)[-2:] == [((), (20,)), ((), (21,))]


def test_boilerplate_in_the_middle_without_paragraphs() -> None:
    b = Builder(seed=12).one_one(10).insertion("Subscribe to our newsletter!").one_one(10)
    doc = b.build()
    beads = align_sentences(doc.source, doc.target, retranslations=[doc.retranslation])
    assert ((), (10,)) in pairs(beads)
    assert pairs(beads) == doc.gold


def test_several_retranslations_are_combined_not_intersected() -> None:
    """Half the sentences are only in the first file, half only in the second: the union aligns them all."""
    doc = Builder(seed=13, noise=0.0).one_one(12).one_two().one_one(12).build()
    n = len(doc.source)
    first = [t if i % 2 == 0 else "" for i, t in enumerate(doc.retranslation)]
    second = [t if i % 2 == 1 else "" for i, t in enumerate(doc.retranslation)]
    assert len(first) == len(second) == n
    beads = align_sentences(doc.source, doc.target, retranslations=[first, second])
    assert pairs(beads) == doc.gold


def test_a_blank_retranslation_beside_another_changes_nothing() -> None:
    """Several retranslations are averaged over those that have the sentence: a blank file (a system that
    failed) is missing everywhere, not a mismatch everywhere."""
    doc = Builder(seed=14).one_one(8).one_two().one_one(8).insertion("Share this article").one_one(6).build()
    alone = align_sentences(doc.source, doc.target, retranslations=[doc.retranslation])
    beside_blank = align_sentences(doc.source, doc.target,
                                   retranslations=[doc.retranslation, [""] * len(doc.source)])
    assert pairs(beside_blank) == pairs(alone) == doc.gold
    # (Not exactly equal: the blank file still enters the document's feature weights, a little.)
    assert [b.confidence for b in beside_blank] == pytest.approx([b.confidence for b in alone], abs=0.01)


def test_signals_of_a_group_are_averaged_where_present() -> None:
    from mtreview.align_scoring import BeadCosts

    costs = BeadCosts.__new__(BeadCosts)  # only the grouping matters to combine()
    costs.groups = {"forward": [0, 1], "literal": [2]}
    a, b, c = np.array([0.9, 0.9, 0.2]), np.array([0.5, -0.3, -0.3]), np.array([0.1, 0.1, 0.1])
    present = [np.array([True, True, False]), np.array([True, False, False]), np.array([True, True, True])]
    got = costs.combine([a, b, c], present)
    # Both present: their mean; one: it alone; none: the best of them (all blank). Then the groups' mean.
    assert got == pytest.approx([(0.7 + 0.1) / 2, (0.9 + 0.1) / 2, (0.2 + 0.1) / 2])


def test_long_document_uses_the_band_and_stays_accurate() -> None:
    doc = long_document(2500)
    beads = align_sentences(doc.source, doc.target, retranslations=[doc.retranslation])
    assert_covers(beads, len(doc.source), len(doc.target))
    found = len(set(pairs(beads)) & set(doc.gold))
    assert found / len(doc.gold) >= 0.97


@pytest.mark.parametrize("n,m", [(0, 0), (0, 3), (4, 0)])
def test_empty_documents(n: int, m: int) -> None:
    src = [f"Sentence {i}." for i in range(n)]
    tgt = [f"Phrase {j}." for j in range(m)]
    beads = align_sentences(src, tgt)
    assert pairs(beads) == [((i,), ()) for i in range(n)] + [((), (j,)) for j in range(m)]


def test_one_sentence_each() -> None:
    beads = align_sentences(["Привет, мир."], ["Hello, world."])
    assert pairs(beads) == [((0,), (0,))]


def test_one_sentence_against_three() -> None:
    src = ["Der Berg ist 8848 m hoch, und wir sind am 29. Mai 1953 oben gewesen."]
    tgt = ["The mountain is 8848 m high.", "We were at the top on 29 May 1953.", "Please enter your comment!"]
    retr = ["The mountain is 8848 m high, and we were on top on 29 May 1953."]
    beads = align_sentences(src, tgt, retranslations=[retr])
    assert_covers(beads, 1, 3)
    assert pairs(beads) == [((0,), (0, 1)), ((), (2,))]


def test_identical_documents_align_one_to_one() -> None:
    text = segment_text(read_text(CORPUS / "mt.en.txt")[0], "en")
    sents = [s.text for s in text]
    beads = align_sentences(sents, sents)
    assert pairs(beads) == [((i,), (i,)) for i in range(len(sents))]


def test_empty_strings_among_sentences() -> None:
    src = ["One sentence here.", "", "Another sentence there."]
    tgt = ["One sentence here.", "Another sentence there.", ""]
    beads = align_sentences(src, tgt)
    assert_covers(beads, 3, 3)
    assert ((0,), (0,)) in pairs(beads)


def test_blank_lines_are_unaligned_beads_of_their_own_and_cost_their_neighbours_nothing() -> None:
    # QA: blank lines of a presegmented file were added to neighbouring beads ([0, 1] -> [0]), and right beads
    # fell to confidence 0.25-0.35.
    src, mt, ref, _ = _corpus()
    s = [x.text for x in src][:12]
    t = [x.text for x in ref][:12]
    plain = align_sentences(s, t, retranslations=[t])
    s_blank = s[:3] + ["", "  "] + s[3:] + [""]
    t_blank = [""] + t[:7] + [""] + t[7:]
    r_blank = [t[:3] + ["", ""] + t[3:] + [""]]  # a retranslation is line-aligned with its (blank-holding) source
    emb = (np.eye(len(s_blank), 4), np.eye(len(t_blank), 4))  # rows must follow the blanks out too
    beads = align_sentences(s_blank, t_blank, retranslations=r_blank, embeddings=emb)
    assert_covers(beads, len(s_blank), len(t_blank))
    nulls = [(b.source, b.target, b.confidence) for b in beads if not (b.source and b.target)]
    assert nulls == [((), (0,), 1.0), ((3,), (), 1.0), ((4,), (), 1.0), ((), (8,), 1.0), ((14,), (), 1.0)]
    # Back in the numbering without blanks, the aligned beads are those of the document without them.
    to_s = [i for i, x in enumerate(s_blank) if x.strip()]
    to_t = [j for j, x in enumerate(t_blank) if x.strip()]
    both = [(tuple(to_s.index(i) for i in b.source), tuple(to_t.index(j) for j in b.target))
            for b in beads if b.source and b.target]
    without = align_sentences(s, t, retranslations=[t], embeddings=(np.eye(len(s), 4), np.eye(len(t), 4)))
    assert both == pairs(without) == pairs(plain)


def test_a_blank_line_inside_a_bead_joins_it() -> None:
    from mtreview.align_blanks import restore

    # One source sentence translated by target sentences 0 and 2, with a blank line 1 between them.
    beads = restore([((0,), (0, 1), 0.9), ((1,), (2,), 0.8)], [0, 1], [0, 2, 3], 2, 4)
    assert beads == [((0,), (0, 1, 2), 0.9), ((1,), (3,), 0.8)]


def test_retranslation_line_count_is_checked() -> None:
    with pytest.raises(ValueError, match="has 1 lines, expected 2"):
        align_sentences(["a.", "b."], ["c."], retranslations=[["only one"]])


# -- documents in different scripts: the bundled Russian-English corpus --------------------------------------

def _corpus() -> tuple[list, list, list, list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    src = segment_text(read_text(CORPUS / "source.ru.txt")[0], "ru")
    mt = segment_text(read_text(CORPUS / "mt.en.txt")[0], "en")
    ref = segment_text(read_text(CORPUS / "reference.en.txt")[0], "en")
    gold = []
    pos = {"source": 0, "mt": 0}
    texts = {"source": [s.text for s in src], "mt": [s.text for s in mt]}
    for bead in json.loads((CORPUS / "alignment.gold.json").read_text("utf-8")):
        idx = {}
        for side in ("source", "mt"):
            found = []
            for text in bead[side]:
                pos[side] = texts[side].index(text, pos[side])
                found.append(pos[side])
                pos[side] += 1
            idx[side] = tuple(found)
        gold.append((idx["source"], idx["mt"]))
    return src, mt, ref, gold


def test_russian_english_with_a_retranslation_finds_every_gold_bead() -> None:
    src, mt, ref, gold = _corpus()
    assert len(ref) == len(src)  # the reference splits one for one: usable as a line-aligned retranslation
    beads = align_sentences([s.text for s in src], [s.text for s in mt],
                            source_paragraphs=[s.paragraph for s in src], target_paragraphs=[s.paragraph for s in mt],
                            retranslations=[[s.text for s in ref]])
    assert pairs(beads) == gold
    boilerplate = [j for j, s in enumerate(mt) if s.text.startswith("Please enter your")]
    assert [((), (j,)) for j in boilerplate] == [p for p in pairs(beads) if p[1] and p[1][0] in boilerplate]


def test_russian_english_without_retranslation_uses_length_and_anchors() -> None:
    src, mt, _, gold = _corpus()
    beads = align_sentences([s.text for s in src], [s.text for s in mt],
                            source_paragraphs=[s.paragraph for s in src], target_paragraphs=[s.paragraph for s in mt])
    assert_covers(beads, len(src), len(mt))
    found = len(set(pairs(beads)) & set(gold))
    assert found >= 0.85 * len(gold)


def test_russian_english_without_retranslation_leaves_the_copied_title_unaligned() -> None:
    """The MT passed the Russian title through after its English one: the copy has the most literal overlap
    with the source, yet the English title is the translation and the copy stays unaligned (0-1)."""
    src, mt, _, gold = _corpus()
    assert mt[1].text == src[0].text  # the copy, as the gold expects it
    beads = align_sentences([s.text for s in src], [s.text for s in mt],
                            source_paragraphs=[s.paragraph for s in src], target_paragraphs=[s.paragraph for s in mt])
    assert pairs(beads)[:2] == [((0,), (0,)), ((), (1,))] == gold[:2]


def test_copied_source_line_alone_still_aligns_one_to_one() -> None:
    """An untranslated copy that is the only counterpart of its source sentence may still pair with it."""
    src = ["Банк Сбербанк открыл офис в Лондоне в 2019 году.", "Сегодня хорошая погода в Москве.",
           "Компания Газпром заплатила 5 млрд рублей."]
    tgt = ["Sberbank opened an office in London in 2019.", "Сегодня хорошая погода в Москве.",
           "Gazprom paid 5 billion roubles."]
    retr = ["Sberbank opened an office in London in 2019.", "Today the weather in Moscow is good.",
            "Gazprom paid 5 billion rubles."]
    assert pairs(align_sentences(src, tgt)) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert pairs(align_sentences(src, tgt, retranslations=[retr])) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_russian_english_presegmented_without_paragraphs() -> None:
    """With no paragraph breaks to help, the boilerplate still stays unaligned."""
    src, mt, ref, gold = _corpus()
    beads = align_sentences([s.text for s in src], [s.text for s in mt], retranslations=[[s.text for s in ref]])
    last = pairs(beads)[-3:]
    assert last == gold[-3:]
    assert last[-2][0] == () and last[-1][0] == ()


# -- the contract, for any input ------------------------------------------------------------------------------

_sentence = st.text(alphabet=st.sampled_from(list("abc xyzé.!?,:;0123—«»Привет")), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(src=st.lists(_sentence, max_size=25), tgt=st.lists(_sentence, max_size=25), use_retr=st.booleans(),
       par=st.booleans())
def test_every_sentence_exactly_once_in_order(src: list[str], tgt: list[str], use_retr: bool, par: bool) -> None:
    retr = [[s[::-1] for s in src]] if use_retr else None
    kw = {}
    if par:
        kw = {"source_paragraphs": [i // 3 for i in range(len(src))],
              "target_paragraphs": [j // 2 for j in range(len(tgt))]}
    beads = align_sentences(src, tgt, retranslations=retr, **kw)
    assert_covers(beads, len(src), len(tgt))


@pytest.mark.parametrize("boilerplate_first", [True, False])
def test_an_mt_page_mostly_boilerplate_still_aligns_its_article(boilerplate_first: bool) -> None:
    # QA: an MT page holding the article after (or before) three times its length of menus took the
    # documents' length ratio (4) for the translation's, and every source sentence took 4-5 boilerplate
    # lines instead of its translation, all with near-zero confidence
    from mtreview.segment import segment_text

    corpus = Path(__file__).resolve().parents[1] / "corpora" / "caspian-nato-ru-en"
    src = [s.text for s in segment_text((corpus / "source.ru.txt").read_text(encoding="utf-8"), "ru")][1:11]
    ref = [s.text for s in segment_text((corpus / "reference.en.txt").read_text(encoding="utf-8"), "en")][1:11]
    junk = [f"Menu item {w} | Subscribe to our newsletter for {w} updates today"
            for w in ["news", "sport", "weather", "politics", "business", "culture", "science", "tech", "travel",
                      "health"] * 3]
    tgt = junk + ref if boilerplate_first else ref + junk
    offset = len(junk) if boilerplate_first else 0
    beads = align_sentences(src, tgt, retranslations=[ref])
    aligned = [(b.source, b.target) for b in beads if b.source]
    assert aligned == [((i,), (i + offset,)) for i in range(10)]
    assert all(b.confidence > 0.9 for b in beads if b.source)
    assert all(not b.source for b in beads if b.target and set(b.target) & set(range(offset, offset + 10)) == set())


def test_an_mt_that_dropped_every_third_sentence_leaves_those_sources_unaligned() -> None:
    # QA: with a third of the source missing from the MT, the documents' length ratio (two thirds of the
    # translation's) made the first alignment glue source sentences in pairs to fit it, and the second pass
    # learned from those joins; the ratio of the sentences that match by content keeps them apart.
    b = Builder(seed=1)
    for _ in range(12):
        b.one_one(2).deletion()
    doc = b.one_one(2).build()
    beads = align_sentences(doc.source, doc.target, retranslations=[doc.retranslation])
    assert pairs(beads) == doc.gold
