"""An MT page with web boilerplate (menus, a cookie banner, share buttons, other stories' teasers) that the
source lacks, aligned with no retranslation and no embeddings: the evidence there is without a model
(numbers, names, Latin-script words shared as written) must keep the article's sentences paired with their
translations and the boilerplate out."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from mtreview.align import align_sentences
from mtreview.align_breaks import bare_lines, furniture_breaks, weak_breaks
from mtreview.align_features import char_lengths
from mtreview.segment import segment_text

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "caspian-nato-ru-en"

# Other stories' teasers, a cookie notice and legal text: full sentences, as long as the article's.
TEASERS = [
    "We use cookies to personalise content and ads, to provide social media features and to analyse our traffic.",
    "By continuing to browse this site you agree to our use of cookies and to our updated privacy policy.",
    "Read also: the city council approved the new budget for next year after a long and heated debate.",
    "Most popular this week: ten places to visit before the summer season starts and the prices go up.",
    "Opinion: why the new tax rules will hit small businesses harder than anyone in the ministry expected.",
    "Sport: the national team lost its third match in a row and the coach is under pressure to resign.",
    "Weather: heavy rain and strong winds are expected across the north of the country over the weekend.",
    "Culture: the museum reopens its main hall after three years of restoration work and a new exhibition.",
]

MENU = ["Home", "News", "Politics", "Economy", "World", "Sport", "Culture", "Opinion"]
COOKIES = ["We use cookies to improve your experience on our site.", "Accept all"]
SHARE = ["Share on Facebook", "Share on Twitter", "Share on VK", "Send by e-mail"]
FOOTER = ["Subscribe to our newsletter", "About us | Contacts | Advertising | Privacy policy",
          "© 2018 All rights reserved"]


def _article(count: int) -> tuple[list[str], list[str]]:
    """The bundled article's first ``count`` source sentences after its title, and their fluent English
    translations (its reference splits into exactly one sentence per source sentence)."""
    src = [s.text for s in segment_text((CORPUS / "source.ru.txt").read_text(encoding="utf-8"), "ru")]
    ref = [s.text for s in segment_text((CORPUS / "reference.en.txt").read_text(encoding="utf-8"), "en")]
    assert len(src) == len(ref)
    return src[1:count + 1], ref[1:count + 1]


@pytest.mark.parametrize("layout", ["before", "after", "around"])
def test_a_page_twice_the_articles_length_aligns_its_article_without_a_model(layout: str) -> None:
    # QA: with no retranslation and no embeddings the length model took the page's length ratio (the
    # teasers and notices doubled the MT), and every source sentence swallowed the boilerplate lines around
    # it as a 1-2 or 1-3 bead; a retranslation gave the length ratio of the sentences that match, the
    # names, numbers and Latin-script words shared as written now do the same
    src, ref = _article(10)
    junk = TEASERS + TEASERS[:4]
    tgt = {"before": junk + ref, "after": ref + junk, "around": junk[:6] + ref + junk[6:]}[layout]
    where = {text: j for j, text in enumerate(tgt)}
    beads = align_sentences(src, tgt)
    assert [(b.source, b.target) for b in beads if b.source] == [((i,), (where[ref[i]],)) for i in range(len(src))]
    assert all(not b.source for b in beads if not set(b.target) & {where[r] for r in ref})


@pytest.mark.parametrize("paragraphs", [False, True])
def test_menu_items_and_share_buttons_do_not_join_the_article_without_a_model(paragraphs: bool) -> None:
    # QA: with no retranslation and no embeddings, short lines of page furniture were glued to the article's
    # sentences next to them ("The unit has passed a NATO interoperability assessment ... Share on Facebook"
    # as one bead, "Accept all" with the first sentence): a line without final punctuation is a unit of its
    # own, and joining it to a sentence now costs what a paragraph break does
    src, ref = _article(16)
    tgt = MENU + COOKIES + ref[:6] + SHARE + ref[6:12] + SHARE[:2] + ref[12:] + FOOTER
    where = {text: j for j, text in enumerate(tgt)}
    kw = {}
    if paragraphs:  # the source in paragraphs of four sentences; every line of the page a paragraph of its own
        kw = {"source_paragraphs": [i // 4 for i in range(len(src))], "target_paragraphs": list(range(len(tgt)))}
    beads = align_sentences(src, tgt, **kw)
    assert [(b.source, b.target) for b in beads if b.source] == [((i,), (where[ref[i]],)) for i in range(len(src))]
    junk = {where[t] for t in MENU + COOKIES + SHARE + FOOTER}
    assert all(not b.source for b in beads if set(b.target) & junk)


def _furniture(lines: list[str], other: list[str]) -> list[bool] | None:
    bare, other_bare = bare_lines(lines), bare_lines(other)
    out = furniture_breaks(bare, weak_breaks(lines), char_lengths(lines), other_bare, char_lengths(other))
    return None if out is None else out.tolist()


def test_which_breaks_border_page_furniture() -> None:
    page = ["Home", "News", "The fleet went to sea on Monday morning, after a week of storms in the north.",
            "Share on Facebook", "The minister said", "that the ships would stay in the port until the weather improved.",
            "Read more \u00bb"]
    article = ["Флот вышел в море.", "Министр так сказал.", "Было поздно.", "Корабли вернулись."]
    assert bare_lines(page).tolist() == [True, True, False, True, True, False, True]
    # Around a bare line, unless the break is weak (here: before a lower-case continuation, a hard wrap).
    assert _furniture(page, article) == [True, True, True, True, False, True, False]
    # Other scripts' final punctuation ends a sentence too.
    assert not bare_lines(["यह घर है।", "这是房子。", "هل هذا بيت؟", "Это дом…", "«Да!»", "Он сказал (да)."]).any()


def test_unpunctuated_documents_have_no_furniture() -> None:
    # Subtitles, lists, verse and Thai leave most lines without final punctuation: a line is no unit of
    # its own there (a random-word test of line splits lost 353 against 304 beads with the rule)
    subtitles = ["Where were you last night", "I waited for an hour", "Please forgive me", "My train was late."]
    article = ["The fleet went to sea.", "The minister said so.", "Home", "It was late."]
    assert _furniture(subtitles, article) is None
    assert _furniture(article, subtitles) is None
    assert _furniture(article, article) == [False, True, True, False]
    assert _furniture(["One.", "Two."], article) is None  # nothing bare, nothing to say
    assert np.array_equal(bare_lines([]), np.zeros(0, dtype=bool))


def test_an_mt_that_stopped_half_way_leaves_the_rest_of_the_source_unaligned_without_a_model() -> None:
    # The other way round: an MT of only the article's first half (a truncated page, a length limit). The
    # documents' length ratio (0.5) made every MT sentence take two or three source sentences; the ratio of
    # the sentences that share names and numbers is a translation's
    src, ref = _article(30)
    beads = align_sentences(src, ref[:15])
    assert [(b.source, b.target) for b in beads] == [((i,), (i,)) for i in range(15)] + [((i,), ()) for i in range(15, 30)]
