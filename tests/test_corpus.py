"""The bundled corpus corpora/caspian-nato-ru-en: the MT is the seed untouched, the texts are clean UTF-8,
the source and reference are parallel by paragraph, and the hand-made gold alignment covers both documents'
sentences exactly once, in order, with the MT-only junk left unaligned."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from mtreview.segment import segment_text, split_paragraphs
from mtreview.textio import read_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "caspian-nato-ru-en"
SEED = ROOT.parent / "shared" / "seeds" / "000_46a56407f7258490.txt"

TEXTS = {"source.ru.txt": "ru", "reference.en.txt": "en", "mt.en.txt": "en"}
STRAY_TITLE = "Зачем Казахстан зовет НАТО на Каспий"
BOILERPLATE = ["Please enter your comment!", "Please enter your name here"]


@cache
def _text(name: str) -> str:
    text, _report = read_text(CORPUS / name)
    return text


@cache
def _sentences(name: str) -> tuple[str, ...]:
    return tuple(s.text for s in segment_text(_text(name), TEXTS[name]))


@cache
def _gold() -> tuple[dict, ...]:
    with open(CORPUS / "alignment.gold.json", encoding="utf-8") as f:
        return tuple(json.load(f))


def _letters(text: str) -> list[str]:
    return [ch for ch in text if ch.isalpha()]


def _script_share(text: str, script: str) -> float:
    """Share of the letters in ``text`` whose Unicode name starts with ``script`` (CYRILLIC, LATIN)."""
    letters = _letters(text)
    return sum(unicodedata.name(ch, "").startswith(script) for ch in letters) / len(letters)


# --- the MT is the seed, untouched -------------------------------------------------------------------------

def test_mt_is_the_seed_byte_for_byte():
    if not SEED.is_file():
        pytest.skip(f"the shared seed {SEED} is missing (../shared not mounted next to the repository)")
    assert (CORPUS / "mt.en.txt").read_bytes() == SEED.read_bytes()


def test_mt_keeps_its_junk():
    """The stray Russian title and the web boilerplate are part of the real MT document and must stay."""
    lines = [line.strip() for line in _text("mt.en.txt").split("\n")]
    assert lines[0] == "Why Kazakhstan is calling NATO to the Caspian sea"
    assert STRAY_TITLE in lines
    assert lines[-2:] == BOILERPLATE


# --- encoding and layout -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(TEXTS))
def test_text_is_strict_clean_utf8(name):
    data = (CORPUS / name).read_bytes()
    decoded = data.decode("utf-8", errors="strict")
    assert not data.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert b"\r" not in data, "\\n line ends only"
    text, report = read_text(CORPUS / name)
    assert report.notes() == [], f"read_text had to repair {name}: {report.notes()}"
    assert text == decoded


@pytest.mark.parametrize("name", ["source.ru.txt", "reference.en.txt", "README.md"])
def test_project_texts_end_with_one_newline(name):
    data = (CORPUS / name).read_bytes()
    assert data.endswith(b"\n") and not data.endswith(b"\n\n")


def test_source_and_reference_are_parallel_by_paragraph():
    src = split_paragraphs(_text("source.ru.txt"))
    ref = split_paragraphs(_text("reference.en.txt"))
    assert len(src) == len(ref) == 22
    # The MT has the same paragraphs plus two of its own: the stray Russian title and the boilerplate.
    assert len(split_paragraphs(_text("mt.en.txt"))) == len(src) + 2


def test_paragraphs_are_prose_not_one_sentence_per_line():
    src = split_paragraphs(_text("source.ru.txt"))
    multi = [p for p in src if len(segment_text(p, "ru")) > 1]
    assert len(multi) >= len(src) // 2
    assert len(_text("source.ru.txt").split("\n")) == 2 * len(src)  # one line per paragraph + blank lines


def test_source_is_russian_and_reference_english():
    assert _script_share(_text("source.ru.txt"), "CYRILLIC") > 0.9
    assert _script_share(_text("reference.en.txt"), "LATIN") == 1.0


def test_mt_is_latin_except_the_stray_title_line():
    lines = [line for line in _text("mt.en.txt").split("\n") if line.strip()]
    russian = [line for line in lines if re.search("[\u0400-\u04ff]", line)]
    assert russian == [STRAY_TITLE]
    assert _script_share(STRAY_TITLE, "CYRILLIC") == 1.0
    assert _script_share("\n".join(line for line in lines if line != STRAY_TITLE), "LATIN") == 1.0


def test_interview_format_in_source():
    """Questions are marked «СП»: — and answers start with a dash, as in the original publication."""
    paras = split_paragraphs(_text("source.ru.txt"))
    assert paras[0] == STRAY_TITLE
    assert sum(p.startswith("«СП»: — ") for p in paras) == 3
    assert sum(p.startswith("— ") for p in paras) == 5


# --- the gold alignment ------------------------------------------------------------------------------------

def test_gold_beads_are_well_formed():
    gold = _gold()
    assert gold
    for bead in gold:
        assert set(bead) == {"source", "mt"}
        assert isinstance(bead["source"], list) and isinstance(bead["mt"], list)
        assert bead["source"] or bead["mt"], "a bead must not be empty on both sides"
        assert all(isinstance(t, str) and t.strip() == t and t for t in bead["source"] + bead["mt"])


@pytest.mark.parametrize(("side", "name"), [("source", "source.ru.txt"), ("mt", "mt.en.txt")])
def test_gold_covers_every_sentence_once_in_order(side, name):
    """Concatenating the beads' texts gives back the splitter's sentence list exactly: every sentence is in
    exactly one bead, in document order, and no bead holds a text that is not a sentence of the document."""
    from_gold = [t for bead in _gold() for t in bead[side]]
    assert from_gold == list(_sentences(name))


@pytest.mark.parametrize(("side", "name"), [("source", "source.ru.txt"), ("mt", "mt.en.txt")])
def test_gold_texts_occur_in_the_document_in_order(side, name):
    """Independent of the splitter: each text is found in the (whitespace-normalised) document after the
    previous one."""
    doc = " ".join(_text(name).split())
    pos = 0
    for bead in _gold():
        for t in bead[side]:
            found = doc.find(t, pos)
            assert found >= 0, f"not found after offset {pos}: {t[:60]!r}"
            pos = found + len(t)


def test_junk_is_aligned_to_nothing():
    gold = _gold()
    source_less = [bead["mt"] for bead in gold if not bead["source"]]
    assert source_less == [[STRAY_TITLE], [BOILERPLATE[0]], [BOILERPLATE[1]]]
    assert all(bead["mt"] for bead in gold), "every source sentence has an MT counterpart"
    assert gold[0] == {"source": [STRAY_TITLE], "mt": ["Why Kazakhstan is calling NATO to the Caspian sea"]}
    assert list(gold[-2:]) == [{"source": [], "mt": [BOILERPLATE[0]]}, {"source": [], "mt": [BOILERPLATE[1]]}]


def test_gold_has_realistic_many_to_one_beads():
    shapes = [(len(b["source"]), len(b["mt"])) for b in _gold()]
    assert shapes.count((1, 2)) >= 1 and shapes.count((2, 1)) >= 1
    assert sum(s != (1, 1) and 0 not in s for s in shapes) >= 2
    assert shapes.count((1, 1)) > 0.8 * len(shapes)


def test_gold_beads_stay_inside_paragraphs_and_follow_them():
    """Each bead lies within one paragraph on each side, and content paragraphs map one to one, in order."""
    src_para = {s.text: s.paragraph for s in segment_text(_text("source.ru.txt"), "ru")}
    mt_para = {s.text: s.paragraph for s in segment_text(_text("mt.en.txt"), "en")}
    pairs = []
    for bead in _gold():
        if not (bead["source"] and bead["mt"]):
            continue
        sp = {src_para[t] for t in bead["source"]}
        mp = {mt_para[t] for t in bead["mt"]}
        assert len(sp) == 1 and len(mp) == 1, bead
        pairs.append((sp.pop(), mp.pop()))
    mapping = dict(pairs)
    assert len(set(pairs)) == len(mapping), "a source paragraph is split across MT paragraphs"
    assert len(mapping) == len(split_paragraphs(_text("source.ru.txt")))
    assert len(set(mapping.values())) == len(mapping)
    assert sorted(mapping.items()) == sorted(mapping.items(), key=lambda kv: kv[1])
