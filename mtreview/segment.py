"""Sentence segmentation that keeps paragraphs: razdel for Russian, sentencex for other languages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .segment_glued import rejoin_glued, split_glued

_BLANK_LINE_RE = re.compile(r"\n[ \t\u00a0]*\n")
# Word processors and web pages write these for a paragraph and a manual line break; they were kept inside a
# sentence ("Heading\u2028The text starts here." was one sentence, with a line separator that tools reading
# the one-sentence-per-line output split lines at, QA).
_UNICODE_BREAKS = str.maketrans({"\u2029": "\n\n", "\u2028": "\n", "\x85": "\n"})


@dataclass(frozen=True)
class Sentence:
    """One sentence of a document: its 0-based index, the 0-based paragraph it sits in, and its text."""

    index: int
    paragraph: int
    text: str


# Hard-wrapped prose: lines cut at a fixed width (60-80 columns as a rule, 25-40 in a newspaper column or a
# PDF copy). A line was cut there when the next line's first word would not have fitted on it (in Chinese or
# Japanese, its first character). A block is hard-wrapped when its longest line is no longer than a wrap
# width (a paragraph per line runs to hundreds of characters), at least half of its line ends look cut, and,
# in a script with letter case, enough of the lines after a cut open in lower case, as the middle of a
# sentence does: a list of headlines, an address, a poem, a chat log or subtitles of similar line lengths
# look cut at every line, but their lines open in capitals (QA). Lines that open with digits or marks are
# records (a chat log, subtitles, a table); in a script without letter case, nearly every line end must look
# cut.
WRAP_MIN_WIDTH = 20
WRAP_MAX_WIDTH = 100
WRAP_CUT_SHARE = 0.5
WRAP_CUT_SHARE_UNCASED = 0.8
WRAP_LOWER_SHARE = 0.3
# A list item: a bullet, or a number or letter with "." or ")" (1. 2) a) б.), then a space.
_LIST_ITEM_RE = re.compile(r"^(?:[-\u2013\u2014\u2022\u25aa\u25cf\u25e6\u2023*]\s|\(?(?:\d{1,3}|[^\W\d_])[.)]\s)")


def _columns(text: str) -> int:
    """Display width: two columns for a wide (CJK) character, as a wrapping editor counts."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut_at_width(line: str, nxt: str, width: int) -> bool:
    """Whether ``line`` ended because the first word of ``nxt`` would not fit within ``width`` columns (in a
    script written without spaces, its first character, with no space before it)."""
    if _NO_SPACE_SCRIPT_RE.match(nxt):
        return _columns(line) + _columns(nxt[0]) > width
    return _columns(line) + 1 + _columns(nxt.split(maxsplit=1)[0]) > width


def _looks_wrapped(lines: list[str], cuts: list[bool], width: int) -> bool:
    """Whether a block of ``lines`` (``width`` columns at most; ``cuts``: which line ends look cut at that
    width) is hard-wrapped."""
    if not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH or not cuts:
        return False
    after_cut = [nxt[0] for nxt, cut in zip(lines[1:], cuts, strict=True) if cut]
    cased = [ch for ch in after_cut if ch.islower() or ch.isupper()]
    uncased = [ch for ch in after_cut if _NO_SPACE_SCRIPT_RE.match(ch) or (ch.isalpha() and ch not in cased)]
    if len(cased) + len(uncased) < len(after_cut) / 2:
        return False  # lines that open with digits, brackets or marks: records (a log, subtitles, a table)
    if not cased:
        return sum(cuts) >= WRAP_CUT_SHARE_UNCASED * len(cuts)
    lower = sum(ch.islower() for ch in cased)
    return sum(cuts) >= WRAP_CUT_SHARE * len(cuts) and lower >= WRAP_LOWER_SHARE * len(cased)


def _block_text(block: str, lower_joins: bool = True) -> str:
    """The lines of one block as its text. The line breaks of hard-wrapped prose, and (``lower_joins``) any
    before a line that opens in lower case, are joined (with a space, none between Chinese or Japanese);
    others (a headline over its first sentence, a byline, "Share on Facebook", a list, a paragraph's last
    line) are kept, and the sentence splitter takes them as sentence boundaries, so such lines do not glue
    onto sentences."""
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    if len(lines) < 2:
        return lines[0] if lines else ""
    width = max(_columns(line) for line in lines)
    cuts = [_cut_at_width(a, b, width) for a, b in zip(lines, lines[1:], strict=False)]
    wrapped = _looks_wrapped(lines, cuts, width)
    out = lines[0]
    for line, cut in zip(lines[1:], cuts, strict=True):
        item = _LIST_ITEM_RE.match(line)
        # A line that opens in lower case continues the one before, whatever the block looks like (in a
        # document of one paragraph per line only where it is wrapped: there a line is a paragraph).
        lower = line[0].islower() and (lower_joins or wrapped)
        joins = not item and ((wrapped and cut) or lower)
        out += (sentence_gap(out, line) if joins else "\n") + line
    return out


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; in a document without blank lines, by line breaks (one
    paragraph per line), except the line breaks of hard-wrapped prose (an e-mail, a text export).

    Inside a paragraph, the line breaks of hard-wrapped prose are joined with a space; others (a headline, a
    byline, list items) stay, as sentence boundaries (``_block_text``). Unicode's separators count as what
    they name: U+2029 as a paragraph break, U+2028 and NEL (U+0085) as a line break."""
    text = text.translate(_UNICODE_BREAKS).strip("\n")
    if not text.strip():
        return []
    if _BLANK_LINE_RE.search(text):
        return [joined for block in _BLANK_LINE_RE.split(text) if (joined := _block_text(block))]
    # No blank lines: a hard-wrapped document was cut into a "paragraph" per line, mid-sentence (QA).
    return [para for para in _block_text(text, lower_joins=False).split("\n") if para]


def split_sentences_in_paragraph(paragraph: str, lang: str) -> list[str]:
    """Split one paragraph into sentences for ``lang`` (ISO 639-1 code); a line break in it always ends a
    sentence."""
    lang = (lang or "").lower().split("-")[0].split("_")[0]
    parts: list[str] = []
    for line in paragraph.split("\n"):  # mended line by line: nothing joins across a kept line break
        if lang == "ru":
            from razdel import sentenize

            # razdel keeps "сказал.Потом" (no space after the period) as one sentence; sentencex cuts it.
            abbreviations = _ABBREVIATIONS.get(lang, frozenset())
            parts += _mend_cuts([cut for s in sentenize(line) for glued in split_glued(s.text, lang, abbreviations)
                                 for cut in _split_after_units(glued)], lang)
        else:
            # sentencex cuts at every period glued to a capital (Console.WriteLine, ASP.Net): looked at again
            pieces = [cut for piece in rejoin_glued(_sentencex_split(line, lang or "en"), lang,
                                                    _ABBREVIATIONS.get(lang, frozenset()))
                      for cut in _split_after_bracketed_ends(piece, lang or "en")]
            parts += _mend_cuts(pieces, lang)
    return [p.strip() for p in parts if p.strip()]


# A unit after a number that razdel takes for an abbreviation and never cuts after: см (which is also
# "see"), a temperature (°C, with a Latin or a Cyrillic C) and a unit with a slash (км/ч), before a
# capitalised word: "Толщина льда 30 см. Ходить опасно." is two sentences. Not г, т, с, ч: "В 2018 г. Россия
# вступила ..." goes on (a year), and so may т. е., с. 5, ч. 2.
# A one-letter Roman numeral after a Cyrillic name (Пётр I, Иван V), which razdel takes for an initial: a
# Latin letter is no initial of a Russian name. (II, XIX and longer ones it cuts after already.)
_UNIT_END_RE = re.compile(r"(?:\d\s?(?:см|°\s?[CС]|[^\W\d_]{1,4}/[^\W\d_]{1,4})|[\u0400-\u04ff]{2}\s[IVX])\.\s+"
                          r"(?=[\"\u00ab\u201e(]?[^\W\d_])")


def _split_after_units(text: str) -> list[str]:
    """``text`` (a Russian sentence of razdel's) cut after each unit or one-letter Roman numeral that ends a
    sentence before a capitalised word (``_UNIT_END_RE``)."""
    out, start = [], 0
    for m in _UNIT_END_RE.finditer(text):
        nxt = text[m.end():].lstrip("\"\u00ab\u201e(")
        if nxt[:1].isupper():
            out.append(text[start:m.end()])
            start = m.end()
    out.append(text[start:])
    return out


# Closing brackets, which never open a sentence: the splitters cut before one that follows a sentence's end
# ("He came home.) Then ..." gave ") Then ...", QA) and it goes back to the sentence it closes. Quote marks
# are left out: some of them open in one language and close in another (German »...«).
_CLOSING_BRACKETS = ")]}\uff09\u3011\u300d\u300f\u300b\u3009\u3015"
_LEADING_CLOSERS_RE = re.compile(f"\\s*([{re.escape(_CLOSING_BRACKETS)}]+)")
# A sentence ended inside brackets, then a capitalised sentence: "(It was late.) Then he slept." sentencex
# keeps as one sentence (razdel cuts it). Groups: the end mark, the next word's first letter. (The word before it is looked up apart: a
# leading \w* would backtrack quadratically over a long run of word characters.)
_BRACKETED_END_RE = re.compile(r"([.!?\u2026]+)[)\]]+(?=\s+[\"'\u201c\u2018\u00ab(\[]?([^\W\d_]))")
_WORD_BEFORE_RE = re.compile(r"\w{0,20}$")


def _split_after_bracketed_ends(text: str, lang: str) -> list[str]:
    """Cut ``text`` after a bracket that closes a sentence's end mark when a capitalised word follows. Not
    after an abbreviation's period (``Smith (Ed.) The History``): before a ``.``, the word must be a number
    or three letters or more, and none of ``lang``'s abbreviations."""
    out, start = [], 0
    for m in _BRACKETED_END_RE.finditer(text):
        mark = m.group(1)
        found = _WORD_BEFORE_RE.search(text, max(0, m.start() - 20), m.start())
        word = found.group() if found else ""
        if not m.group(2).isupper():  # the next word's first letter
            continue
        if mark == "." and not (word.isdigit() or (word.isalpha() and len(word) >= 3
                                                    and word.lower() not in _ABBREVIATIONS.get(lang, ()))):
            continue
        out.append(text[start:m.end()])
        start = m.end()
    out.append(text[start:])
    return out


_OPENING_QUOTES = '"\u201c\u201e\u00ab\u2039\u201a\u2018'
_TRAILING_OPENER_RE = re.compile(rf"(?:^|\s)([{_OPENING_QUOTES}]+\s*)$")
# "1.", "a)" or a Roman numeral ("IV.", "ii)": a section heading's or list item's) cut off its item
_ROMAN = r"(?=[IVXLC]{2})C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_LONE_MARKER_RE = re.compile(rf"^\(?(?:\d{{1,3}}|[^\W\d_]|{_ROMAN}|(?i:{_ROMAN}))[.)]$")
# Japanese quoted speech and its verb: 「…。」 + と言った。 is one sentence (と/って quote what came before).
_ENDS_JA_QUOTE_RE = re.compile("[\u300d\u300f]\\s*$")
_JA_QUOTE_PARTICLE_RE = re.compile("^\\s*(?:\u3068|\u3063\u3066)(?:言|い|述|話|語|思|考|答|叫|説明|発表|報|強調|指摘|主張|伝|"
                                   "書|聞|尋|問|の|して|する|した|され)")
_ENDS_QUOTED_QUESTION_RE = re.compile(r"[?!\u2026]\s*[\"\u201d\u201c\u00bb\u203a\u2019']+\s*$")
# Abbreviations that stand before a number or a lower-case word, never at a sentence's end before one
# (``табл. 2``, ``approx. 20``, ``Eq. 3``), which razdel and sentencex still cut after. Words
# that are also ordinary words or units that end sentences (English "no", "ex", "est", "lbs", "ft"; French
# "sept"; Russian "см") are left out: "He said no. 5 people left.", "I lost 5 lbs. 3 weeks later..." (QA)
_ABBREVIATIONS = {
    "ru": frozenset("табл рис илл гл ст стр с т ч п пп кн вып разд прил прим ср напр ред изд".split()),
    "en": frozenset("approx vol vols eq eqs sec fig figs tab ch chap art para pp ca cf ed eds vs ref refs "
                    "incl nr pt".split()),
    "de": frozenset("ca abb tab nr bd s vgl kap abs bzw ggf hrsg bspw tsd mio mrd".split()),
    "fr": frozenset("p pp fig env chap vol art n tab éd cf janv févr avr juil oct nov déc".split()),
}
# Units that end a sentence before a number ("I lost 5 lbs. 3 weeks later") but not before a lower-case word.
_UNITS_BEFORE_LOWER = {"en": frozenset("lbs oz ft sq".split()), "ru": frozenset("см мм км кг".split())}
_ENDS_ABBREVIATION_RE = re.compile(r"(?:^|[\s(\[/'\u2019])([^\W\d_]{1,6})\.\s*$")
# Phrases an abbreviation's period is inside of, though the next word is capitalised: долл. США (US dollars).
_CAPITALISED_CONTINUATIONS = {"ru": (("долл", "США"),)}
# Titles before a name (M. Scholz, le Pr. Durand, Ms. Green): a sentence does not end at them. Only the ones
# the splitters cut after (checked: sentencex keeps Prof., Sr., Dra. and most English titles whole, but cuts
# after Ms., Mx., Amb. and Atty. before any name, and after Mr., Mrs. and Dr. before a question word: "Dr.
# Who", "Mr. When").
_TITLES = {"fr": frozenset({"M", "MM", "Pr", "Dr", "Me", "Mgr"}),
           "en": frozenset({"Mr", "Mrs", "Ms", "Mx", "Dr", "Amb", "Atty"})}


# German ordinals: a number with a period after an article or preposition is an ordinal (``der 2. Weltkrieg``,
# ``Der 1. FC Köln``, ``zum 50. Mal``), which sentencex cuts after when a capitalised word follows; after a
# verb or a noun it may end a sentence (``Wir haben 3. Danach ...``) and stays cut.
_DE_ORDINAL_RE = re.compile(
    r"(?:^|\s)(?:der|die|das|dem|den|des|am|im|vom|zum|zur|beim|ins|ans|bis|seit|ab|ein|eine|einem|einen|"
    r"einer|eines|jede|jeder|jedes|jedem|diese|dieser|dieses|diesem|diesen|sein|seine|seinem|seiner|ihr|ihre|"
    r"ihrem|ihrer|unser|unsere|unserem|unserer)\s+\d{1,4}\.\s*$", re.IGNORECASE)
# Spanish and Portuguese clock times: ``a las 10 a. m. en Madrid`` (a. m., p. m., with or without the space)
# goes on before a lower-case word.
# ... unless the next word is one that opens German sentences and is no noun an ordinal could stand before
# (``Er wurde der 3. Danach ...``).
_DE_OPENERS = frozenset(
    "danach dann er sie es wir ich du ihr man aber und doch denn auch so da dort hier heute jetzt nun später "
    "zuvor trotzdem deshalb dabei damit dies der die das den dem ein eine im am in mit nach vor bei als wenn weil "
    "ob was wer wie wo warum".split())
_CLOCK_RE = re.compile(r"\b[ap]\.\s?m\.\s*$")
# Portuguese: sentencex cuts "a. m." itself (``às 10 a.`` + ``m.`` + ``em Lisboa``).
_CLOCK_CUT_RE = re.compile(r"\b\d{1,2}\s+[ap]\.\s*$")
_CLOCK_LANGS = frozenset({"es", "pt", "gl", "ca"})


def _continues_abbreviation(before: str, part: str, lang: str) -> bool:
    """Whether ``part`` continues ``before``, which the splitter ended at an abbreviation's period: the
    abbreviation is one of ``lang``'s that stand before a number or a lower-case word, and ``part`` opens
    with one (or with the rest of a set phrase like ``долл. США``)."""
    head = part.lstrip()
    if not head:
        return False
    if lang == "de" and _DE_ORDINAL_RE.search(before):
        return head[0].isalnum() and re.sub(r"\W.*", "", head, flags=re.S).lower() not in _DE_OPENERS
    if lang in _CLOCK_LANGS and _CLOCK_CUT_RE.search(before) and re.match(r"m\.(?:\s|$)", head):
        return True
    if lang in _CLOCK_LANGS and _CLOCK_RE.search(before):
        first = head.split(maxsplit=1)[0]
        return first.isalpha() and first.islower()
    m = _ENDS_ABBREVIATION_RE.search(before)
    if not m:
        return False
    abbr = m.group(1)
    if any(abbr == a and head.startswith(b) for a, b in _CAPITALISED_CONTINUATIONS.get(lang, ())):
        return True
    if abbr in _TITLES.get(lang, frozenset()) and head[0].isupper():
        return True
    word = head.split(maxsplit=1)[0]
    lower_word = word.isalpha() and word.islower()
    if abbr.lower() in _UNITS_BEFORE_LOWER.get(lang, frozenset()):
        return lower_word
    if abbr.lower() not in _ABBREVIATIONS.get(lang, frozenset()):
        return False
    return head[0].isdigit() or lower_word


def _mend_cuts(parts: list[str], lang: str = "") -> list[str]:
    """Repair the cuts the splitters make at quotation marks, list numbers and abbreviations: an opening
    quote left at the end of the sentence before the one it opens (``He left. "`` + ``Stop."``) moves to
    that sentence; a quoted question or exclamation followed by its speaker (``"Will you come?"`` + ``she
    asked.``) is one sentence again; a list number cut off its item (``1.`` + ``Open the file``) goes back
    to it; so does a number cut off the abbreviation before it (``approx.`` + ``20 minutes``)."""
    out: list[str] = []
    for part in parts:
        if out and (closers := _LEADING_CLOSERS_RE.match(part)):
            out[-1], part = out[-1].rstrip() + closers.group(1), part[closers.end():]
            if not part.strip():
                continue
        if out and (_LONE_MARKER_RE.match(out[-1].strip()) or _continues_abbreviation(out[-1], part, lang)):
            out[-1] = out[-1].strip() + " " + part.lstrip()
            continue
        if out and (m := _TRAILING_OPENER_RE.search(out[-1])) and m.group(1):
            out[-1], part = out[-1][:m.start(1)].rstrip(), m.group(1) + part.lstrip()
        first = next((ch for ch in part if ch.isalpha()), "")
        quoted_verb = bool(out) and _ENDS_JA_QUOTE_RE.search(out[-1]) and _JA_QUOTE_PARTICLE_RE.match(part)
        if out and (quoted_verb or (first.islower() and _ENDS_QUOTED_QUESTION_RE.search(out[-1]))):
            out[-1] = out[-1].rstrip() + sentence_gap(out[-1].rstrip(), part.lstrip()) + part.lstrip()
            continue
        if out and not out[-1].strip():
            out[-1] = part
            continue
        out.append(part)
    return out


_QUOTES = str.maketrans({q: " " for q in '"\u201c\u201d\u201e\u00ab\u00bb'})


def _sentencex_split(paragraph: str, lang: str) -> list[str]:
    """sentencex keeps a quotation as one unit, so a paragraph of quoted speech ("... . ... .") comes back as
    a single sentence. Split a copy with the quote marks blanked out (same length), then cut the original
    at the same offsets, so the quote marks stay with their sentences."""
    from sentencex import segment

    masked = paragraph.translate(_QUOTES)
    pieces = list(segment(lang, masked))
    if "".join(pieces) != masked:  # offsets would not map back: keep sentencex's own answer
        return list(segment(lang, paragraph))
    out, pos = [], 0
    for piece in pieces:
        out.append(paragraph[pos:pos + len(piece)])
        pos += len(piece)
    return out


# Scripts written without spaces between sentences (Chinese, Japanese): Han, kana, CJK and full-width punctuation.
_NO_SPACE_SCRIPT_RE = re.compile("[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


_CLOSERS = "\u201d\u2019\"')]\u300d\u300f\uff09"


def sentence_gap(left: str, right: str) -> str:
    """What goes between two sentences of one segment: a space, or nothing after a sentence of a script
    written without spaces (``北京是首都。`` + ``它很大。``: a space would be a change the MT never made) or
    where one side already has the space."""
    if not left or not right or left[-1].isspace() or right[0].isspace():
        return ""  # (a space there already: QA found a double space after an MT that ended in one)
    # After a Chinese or Japanese sentence (its closing quotes and brackets aside) nothing goes between,
    # whatever follows: 。 + 2008年, 。” + 我走了 (QA: only CJK on both sides was checked).
    end = left.rstrip(_CLOSERS)[-1:] or left[-1]
    return "" if _NO_SPACE_SCRIPT_RE.match(end) else " "


def join_sentences(texts: Iterable[str]) -> str:
    """Sentences as one segment text, with :func:`sentence_gap` between them; blank ones (empty lines of a
    presegmented file) add nothing."""
    out = ""
    for text in texts:
        if text.strip():
            out += sentence_gap(out, text) + text
    return out


def segment_text(text: str, lang: str) -> list[Sentence]:
    """Split a document into sentences, numbering sentences and paragraphs from 0."""
    out: list[Sentence] = []
    for p_index, para in enumerate(split_paragraphs(text)):
        for sent in split_sentences_in_paragraph(para, lang):
            out.append(Sentence(len(out), p_index, sent))
    return out


def presegmented(lines: list[str]) -> list[Sentence]:
    """One sentence per line, as given: every line is its own paragraph (blank lines are kept as empty
    sentences so that line numbers stay the indices)."""
    return [Sentence(i, i, line.strip()) for i, line in enumerate(lines)]
