"""Numbers: every number of the source should appear in the MT, whatever the locale writes it like.

A number token may be read several ways (``1,500`` is 1500 in English and 1.5 in German), so each token
gets the *set* of values it can mean, and two tokens match when their sets meet:
``8 847,6`` = ``8,847.6`` = ``8.847,6`` = ``8847.6``. A range ``2018-2022`` is two numbers. A scale word
after a number adds its scaled value: ``8.5万`` = ``85,000``, ``3亿`` = ``300 million``, ``2,5 млрд`` =
``2.5 billion``. Signs, currency and percent symbols are ignored; numbers written as words are out of scope
(small ones missing from the MT only get a mild flag, as they are often spelled out).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .context import CheckContext, Flag, quote
from .number_words import spelled_numbers
from .surface import strip_links
from .translated_names import month_names

# Digit groups joined by a space-like or apostrophe separator (exactly 3 digits each), then an optional
# decimal part; or digits joined by '.' and ','. (?<![\d]) keeps "2018 15" from gluing onto "18 15".
_GROUP_SEP = " \u00a0\u202f\u2009'\u2019"
_NUMBER_RE = re.compile(
    rf"(?<![\d.,])\d{{1,3}}(?:[{_GROUP_SEP}]\d{{3}})+(?![\d])(?:[.,]\d+)?(?![\d.,]\d)"
    r"|(?<![\d])\d+(?:[.,]\d+)*"
)
SMALL = 12  # integers up to this are often written as words
_DIGIT_RE = re.compile(r"\d")


def _norm(text: str) -> str | None:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    value = value.normalize()
    out = format(value, "f")
    return out


@lru_cache(maxsize=4096)
def readings(token: str) -> frozenset[str]:
    """The values a number token can mean, as normalised decimal strings."""
    token = token.strip()
    spaced = any(c in _GROUP_SEP for c in token)
    digits_only = re.sub(f"[{_GROUP_SEP}]", "", token)
    values: set[str] = set()
    if spaced:
        # "8 847,6" / "1'000.5": the separator groups thousands, the last [.,] is the decimal mark.
        values.add(_norm(digits_only.replace(",", ".")) or "")
    else:
        seps = [c for c in token if c in ".,"]
        if not seps:
            values.add(_norm(token) or "")
        elif len(set(seps)) == 2:
            # Both marks: the last one is the decimal mark, the other groups thousands ("8,847.6", "8.847,6").
            dec = seps[-1]
            grp = "," if dec == "." else "."
            if seps.count(dec) == 1:
                values.add(_norm(token.replace(grp, "").replace(dec, ".")) or "")
        else:
            mark = seps[0]
            parts = token.split(mark)
            if len(parts) == 2:
                thousands = len(parts[1]) == 3 and not (parts[0] == "0" or parts[0] == "")
                # "10.000" / "10,000" with three zeros after the mark groups thousands: a decimal fraction of
                # zeros is precision notation, rare in running text, while its decimal reading (10) matched an MT
                # that dropped the thousands ("10.000 Menschen" -> "10 people" went unflagged; QA).
                if not (thousands and parts[1] == "000"):
                    values.add(_norm(f"{parts[0]}.{parts[1]}") or "")  # decimal reading
                if thousands:
                    values.add(_norm(parts[0] + parts[1]) or "")  # thousands reading
            elif all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3:
                values.add(_norm("".join(parts)) or "")  # 1,000,000 / 1.000.000
    values.discard("")
    return frozenset(values)


# Words (and CJK characters) that multiply the number before them, in the languages MT is most used for:
# "8.5万" = "85,000" = "85 thousand", "3亿" = "300 million", "2,5 млрд" = "2.5 billion". English and French
# "billion" differ (10^9, 10^12), as do German "Billion" and English "billion": such a word gets both.
_SCALES: dict[str, tuple[int, ...]] = {}
for _words, _powers in (
    ("thousand thousands k тыс тысяча тысячи тысяч tausend mille mil mila 千 천", (3,)),
    ("万 萬 만", (4,)),
    ("million millions mln mio m millionen миллион миллиона миллионов млн millón millones milione milioni "
     "milhão milhões miljoen", (6,)),
    ("亿 億 억", (8,)),
    ("billion billions bn", (9, 12)),
    ("milliard milliards milliarde milliarden mrd mld миллиард миллиарда миллиардов млрд miliardo miliardi "
     "bilhão bilhões", (9,)),
    ("trillion trillions billionen триллион триллиона триллионов трлн", (12,)),
):
    for _w in _words.split():
        _SCALES[_w] = _powers
_SCALE_RE = re.compile(r"\s?([^\W\d_]+)\.?")


def _scaled(vals: frozenset[str], text: str, end: int) -> frozenset[str]:
    """``vals`` and, when a scale word follows the number (8.5万, 3 million, 2,5 млрд), each value times
    that scale."""
    m = _SCALE_RE.match(text, end)
    if not m:
        return vals
    word = m.group(1)
    # 万人: a CJK scale is one character, and the next word follows it without a space.
    powers = _SCALES.get(word.lower()) or (_SCALES.get(word[0]) if word[0] >= "\u2e80" else None)
    if not powers:
        return vals
    out = set(vals)
    for v in vals:
        for p in powers:
            out.add(_norm(str(Decimal(v).scaleb(p))) or "")
    out.discard("")
    return frozenset(out)


def extract(text: str) -> list[tuple[str, frozenset[str]]]:
    """Number tokens of a text with their readings. A date-like or version-like token (12.05.2018, 1.2.3)
    that has no numeric reading is taken as its parts. A number followed by a scale word also reads as
    its scaled value (8.5万 = 85000), an hour before "pm" as the 24-hour clock's (3 pm = 15)."""
    out: list[tuple[str, frozenset[str]]] = []
    prev: re.Match[str] | None = None
    for m in _NUMBER_RE.finditer(text):
        token = m.group(0)
        if token == "00" and text[m.start() - 1:m.start()] == ":":
            continue  # the minutes of a full hour (15:00), which "3 pm" or "15 Uhr" leave out
        vals = readings(token)
        if vals and prev is not None and (year := _short_year_end(text, prev, m)):
            vals = vals | {str(year)}  # 1956/57, 2019-20: a translation may write the second year whole
        prev = m
        if vals and _PM_RE.match(text, m.end()) and token.isdigit() and 1 <= int(token) <= 11:
            vals = vals | {str(int(token) + 12)}  # 3 pm, 3:30 p.m. = 15:00, 15:30
        if vals and (decade := _decade(token, text, m.end())):
            vals = vals | {decade}  # 90-е, the '90s = the 1990s
        if vals:
            out.append((token, _scaled(vals, text, m.end())))
        else:
            for part in re.split(r"[.,]", token):
                if part:
                    out.append((part, readings(part)))
    return out


# A decade: a round number followed by a plural ending (90-е годы, 90-х, the 90s, the '90s; 1990s, 1990-е). The
# short form is read as the 1900s' (what "the 90s" means in most texts; "2010s" is written whole).
_DECADE_END_RE = re.compile(r"(?:-?(?:е|х|ые|ых|ым|ми)|['\u2019]?s)(?![^\W\d_])")


def _decade(token: str, text: str, end: int) -> str | None:
    """The other way to write a decade that ``token`` opens at ``end`` (90-е -> 1990, 1990s -> 90), or None."""
    if not (token.isdigit() and token.endswith("0") and _DECADE_END_RE.match(text, end)):
        return None
    if len(token) == 2 and token != "00":
        return str(1900 + int(token))
    if len(token) == 4 and token.startswith("19"):
        return str(int(token[2:]))
    return None


# An hour of the 12-hour clock after noon (3 pm, 3:30 p.m., 11PM): the hour also reads as 12 more, as the
# 24-hour clock of most other languages writes it (15:00).
_PM_RE = re.compile(r"(?::\d{2})?\s?[pP]\.?\s?[mM](?![^\W\d_])")
_YEAR_RANGE_MARKS = "/-\u2013\u2014"


def _short_year_end(text: str, prev: re.Match[str], cur: re.Match[str]) -> int | None:
    """The year that ``cur`` writes in two digits at the end of a range of years that ``prev`` opens (1956/57:
    1957, 2019-20: 2020, 1999/00: 2000), or None. At most 20 years on: 1956-12 is a month."""
    first, end = prev.group(0), cur.group(0)
    if not (len(first) == 4 and first[0] in "12" and first.isdigit() and len(end) == 2 and end.isdigit()
            and text[prev.end():cur.start()] in _YEAR_RANGE_MARKS):
        return None
    start = int(first)
    year = start // 100 * 100 + int(end)
    if year <= start:
        year += 100
    return year if year - start <= 20 else None


def _is_small(vals: frozenset[str]) -> bool:
    for v in vals:
        try:
            d = Decimal(v)
        except InvalidOperation:
            continue
        if d == d.to_integral_value() and 0 <= d <= SMALL:
            return True
    return False


_CJK_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_CJK_NUMERAL_RE = re.compile("[零〇一二两兩三四五六七八九十百千万萬亿億]{2,}|[十百千万萬亿億]")


def cjk_numeral(run: str) -> int | None:
    """The value of a Chinese/Japanese numeral (十五 = 15, 二十 = 20, 三千五百 = 3500, 一百二十万 = 1,200,000),
    or None when the run is not one (a word such as 一一 is read digit by digit: 一九四九 = 1949). A run of
    more than 20 characters is no number anyone writes (and 4,300 digits would overflow int())."""
    if len(run) > 20:
        return None
    if all(c in _CJK_DIGITS for c in run):
        return int("".join(str(_CJK_DIGITS[c]) for c in run))
    # 亿 closes everything before it, 万 what came since the last 亿, 十/百/千 the digit before them.
    total = tenk = section = digit = 0
    for c in run:
        if c in _CJK_DIGITS:
            digit = _CJK_DIGITS[c]
        elif c in _CJK_UNITS:
            section += (digit or 1) * _CJK_UNITS[c]
            digit = 0
        elif _CJK_BIG.get(c) == 10**4:
            tenk += (section + digit or 1) * 10**4
            section = digit = 0
        elif c in _CJK_BIG:
            total += (tenk + section + digit or 1) * 10**8
            tenk = section = digit = 0
        else:
            return None
    return total + tenk + section + digit


_CJK_PERCENT_RE = re.compile("百分之([零〇一二两兩三四五六七八九十百千]+)")


def _cjk_numbers(text: str) -> list[tuple[str, frozenset[str]]]:
    """Numbers written in Chinese/Japanese numerals (百分之十五: 15), for matching only: 一 alone is as often
    "a", "one" or part of a word (一些, 统一), so single digits are left out, except after 百分之 ("percent
    of": 百分之三 is 3%, and its 百 is no hundred)."""
    out = []
    for m in _CJK_PERCENT_RE.finditer(text):
        value = cjk_numeral(m.group(1))
        if value is not None:
            out.append((m.group(0), frozenset({str(value)})))
    for m in _CJK_NUMERAL_RE.finditer(_CJK_PERCENT_RE.sub(lambda p: " " * len(p.group(0)), text)):
        value = cjk_numeral(m.group(0))
        if value is not None:
            out.append((m.group(0), frozenset({str(value)})))
    return out


def _month_numbers(source: str, mt: str, target_lang: str) -> list[tuple[str, frozenset[str]]]:
    """When the source writes a date with numbers (3月5日, 05.03.2019), the MT's month names in the target
    language (March) as the numbers they stand for, for matching only."""
    if not _DATE_RE.search(source):
        return []
    months = month_names(target_lang)
    return [(w, frozenset({str(months[w.casefold()])})) for w in _WORD_ONLY_RE.findall(mt) if w.casefold() in months]


# Roman numerals of two letters or more, I, V and X only (II to XXXIX: centuries, monarchs, volumes, Russian
# XX век = the 20th century), as a word of their own, Russian's Cyrillic Х and Ukrainian's І read as X and I.
# One letter is too often a word or a letter (I, vitamin C, Plan B), and L, C, D, M make acronyms (CD, MC).
_ROMAN_RE = re.compile(r"(?<![^\W\d_])[IVXХІ]{2,6}(?![^\W\d_])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_ROMAN_VALID_RE = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


def _roman_numbers(text: str) -> list[tuple[str, frozenset[str]]]:
    """Roman numerals (``_ROMAN_RE``) as the numbers they stand for, for matching only: XX век = 20th century,
    СНВ-3 = START III."""
    out = []
    for m in _ROMAN_RE.finditer(text):
        token = m.group(0).replace("Х", "X").replace("І", "I")
        if not _ROMAN_VALID_RE.fullmatch(token):
            continue
        values = [_ROMAN_VALUES[c] for c in token]
        total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
        out.append((m.group(0), frozenset({str(total)})))
    return out


_DATE_RE = re.compile(r"\d\s?月|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
_WORD_ONLY_RE = re.compile(r"[^\W\d_]+")


class _Pool:
    """Tokens waiting for a partner, found by value: :meth:`take` gives the first unused token (in text
    order) that can mean one of ``vals``, as a scan of all of them would, without the scan (a line of 5,000
    numbers against 5,000 took 3 s that way)."""

    def __init__(self, tokens: list[tuple[str, frozenset[str]]]) -> None:
        self.used = [False] * len(tokens)
        self.by_value: dict[str, list[int]] = {}
        for k, (_, vals) in enumerate(tokens):
            for v in vals:
                self.by_value.setdefault(v, []).append(k)
        self.next: dict[str, int] = {}  # per value: how far its list is known to be used up

    def take(self, vals: frozenset[str]) -> bool:
        best = None
        for v in vals:
            ks = self.by_value.get(v)
            if not ks:
                continue
            i = self.next.get(v, 0)
            while i < len(ks) and self.used[ks[i]]:
                i += 1
            self.next[v] = i
            if i < len(ks) and (best is None or ks[i] < best):
                best = ks[i]
        if best is None:
            return False
        self.used[best] = True
        return True


def match_numbers(source: str, mt: str, target_lang: str = "") -> tuple[list[str], list[str]]:
    """(source tokens missing from the MT, MT tokens absent from the source), as multisets. Numbers in
    Chinese/Japanese numerals or Roman numerals (in the source or the MT), and the MT's month names where the
    source writes a date with numbers, may match but are never reported."""
    src = extract(source)
    tgt = extract(mt)
    pool = _Pool(tgt)
    months = _Pool(_month_numbers(source, mt, target_lang) if target_lang else [])
    # An MT into Chinese or Japanese may write the source's digits as numerals (15 -> 十五, 3% -> 百分之三).
    numerals = _Pool(_cjk_numbers(mt) if _CJK_NUMERAL_RE.search(mt) else [])
    romans = _Pool(_roman_numbers(mt))
    missing: list[str] = []
    # Match the least ambiguous source tokens first so that an ambiguous one does not steal a partner.
    for token, vals in sorted(src, key=lambda tv: len(tv[1])):
        if not pool.take(vals) and not months.take(vals) and not numerals.take(vals) and not romans.take(vals):
            missing.append(token)
    for _, vals in _cjk_numbers(source) if _CJK_NUMERAL_RE.search(source) else ():
        pool.take(vals)
    for _, vals in _roman_numbers(source):  # XX век -> the 20th century
        pool.take(vals)
    extra = [tok for (tok, _), u in zip(tgt, pool.used, strict=True) if not u]
    return missing, extra


def check_numbers(ctx: CheckContext) -> list[Flag]:
    """Flag source numbers missing from the MT and MT numbers that are not in the source."""
    if not (_DIGIT_RE.search(ctx.source) or _DIGIT_RE.search(ctx.mt)):
        return []  # (numerals alone, 十五 and fifteen, say nothing either)
    # Links have their own check; their digits are not numbers.
    missing, extra = match_numbers(strip_links(ctx.source), strip_links(ctx.mt), ctx.tgt_lang)
    flags: list[Flag] = []
    serious = [t for t in missing if not _is_small(readings(t) or frozenset())]
    mild = [t for t in missing if t not in serious]
    if serious:
        flags.append(Flag("numbers", "Source number(s) " + ", ".join(quote(t) for t in serious[:5])
                          + " not found in the MT.", 1.0))
    if mild and (spelled := spelled_numbers(ctx.mt, ctx.tgt_lang)):
        # "3" in the source, "three" in the MT: no flag.
        mild = [t for t in mild if not (readings(t) & {str(n) for n in spelled})]
    if mild:
        flags.append(Flag("numbers", "Small source number(s) " + ", ".join(quote(t) for t in mild[:5])
                          + " not found in the MT (fine if written as words).", 0.3))
    extra_serious = [t for t in extra if not _is_small(readings(t) or frozenset())]
    if extra_serious:
        flags.append(Flag("numbers", "MT number(s) " + ", ".join(quote(t) for t in extra_serious[:5])
                          + " do not appear in the source.", 0.7))
    return flags
