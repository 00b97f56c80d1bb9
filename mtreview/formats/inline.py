"""Inline codes (formatting tags inside a segment): kept for export, stripped for scoring.

A segment with codes is a list of *parts*: plain strings and ``InlineCode`` objects, in order. The text
the reviewer sees and the metrics score is the concatenation of the strings (``plain``). When a reviewer
edits a segment, ``reanchor`` moves the original codes onto the new text by a character diff, so an export
keeps the formatting of a segment even when its words changed.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Union

OPEN, CLOSE, STANDALONE = "open", "close", "standalone"
ROLES = (OPEN, CLOSE, STANDALONE)


@dataclass(frozen=True)
class InlineCode:
    """One inline code, format-neutral enough to be written back to any XML format.

    ``role``: ``open`` / ``close`` (a pair sharing ``id``) or ``standalone``. ``tag``: the element it came
    from (``bpt``, ``g``, ``pc``, ``ph``...). ``native``: the original formatting carried as text (TMX
    ``<bpt>&lt;b&gt;</bpt>``, XLIFF 2 ``originalData``). ``attrs``: the other attributes, restored verbatim
    when the code is written back to the format ``family`` (``tmx``, ``xliff1``, ``xliff2``) it came from.
    """

    role: str
    tag: str
    id: str | None = None
    native: str = ""
    attrs: tuple[tuple[str, str], ...] = ()
    family: str = ""
    # How reading changed the space beside the code so that the plain text reads naturally, undone on writing
    # (``inline_spacing``): "lb" a space was added after a line-break code between two words, "space" the
    # space after a code that sat between two spaces was dropped ("spaces": the first of two or more after
    # it). "" for none.
    gap: str = ""
    # The code's content as XML where it holds <sub> elements (TMX/XLIFF 1.2 translatable text inside a code's
    # native data): written back into its own format as it was; ``native`` has it flattened for the others
    inner: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"r": self.role, "t": self.tag}
        if self.id is not None:
            out["i"] = self.id
        if self.native:
            out["n"] = self.native
        if self.attrs:
            out["a"] = [list(kv) for kv in self.attrs]
        if self.family:
            out["f"] = self.family
        if self.gap:
            out["g"] = self.gap
        if self.inner:
            out["s"] = self.inner
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> InlineCode:
        return cls(role=data["r"], tag=data["t"], id=data.get("i"), native=data.get("n", ""),
                   attrs=tuple((str(k), str(v)) for k, v in data.get("a", ())), family=data.get("f", ""),
                   gap=data.get("g", ""), inner=data.get("s", ""))


Part = Union[str, InlineCode]  # noqa: UP007 - a runtime alias, used in isinstance-free code paths


def plain(parts: Sequence[Part] | None) -> str:
    """The text of a segment with its codes removed (what is shown and scored)."""
    if not parts:
        return ""
    return "".join(p for p in parts if isinstance(p, str))


def has_codes(parts: Sequence[Part] | None) -> bool:
    return bool(parts) and any(isinstance(p, InlineCode) for p in parts)  # type: ignore[union-attr]


def normalise_parts(parts: Sequence[Part]) -> list[Part]:
    """Merge adjacent strings and drop empty ones."""
    out: list[Part] = []
    for p in parts:
        if isinstance(p, str):
            if not p:
                continue
            if out and isinstance(out[-1], str):
                out[-1] = out[-1] + p
                continue
        out.append(p)
    return out


def parts_to_json(parts: Sequence[Part] | None) -> list[Any] | None:
    if parts is None:
        return None
    return [p if isinstance(p, str) else p.to_json() for p in parts]


def parts_from_json(data: list[Any] | None) -> list[Part] | None:
    if data is None:
        return None
    return [p if isinstance(p, str) else InlineCode.from_json(p) for p in data]


def map_parts_text(parts: Sequence[Part], func: Any) -> list[Part]:
    """Apply ``func`` to every text run (used to clean characters inside a segment with codes)."""
    return normalise_parts([func(p) if isinstance(p, str) else p for p in parts])


def is_well_nested(parts: Sequence[Part]) -> bool:
    """True when every ``close`` matches the latest unclosed ``open`` and nothing stays open."""
    stack: list[str | None] = []
    for p in parts:
        if isinstance(p, InlineCode):
            if p.role == OPEN:
                stack.append(p.id)
            elif p.role == CLOSE:
                if not stack or stack[-1] != p.id:
                    return False
                stack.pop()
    return not stack


def _code_offsets(parts: Sequence[Part]) -> list[tuple[int, InlineCode]]:
    out, pos = [], 0
    for p in parts:
        if isinstance(p, str):
            pos += len(p)
        else:
            out.append((pos, p))
    return out


# Beyond this length a character diff costs too much (difflib is quadratic in the worst case); codes are
# then placed proportionally.
_DIFF_LIMIT = 4000


def _map_offset(offset: int, role: str, opcodes: Sequence[tuple[str, int, int, int, int]], old_len: int,
                new_len: int) -> int:
    """Where an offset of the old text lands in the new text. An ``open`` code sticks to the text after
    it, a ``close`` code to the text before it, so ``<b>word</b>`` still wraps ``word`` after an edit
    around it."""
    best: int | None = None
    for tag, i1, i2, j1, j2 in opcodes:
        if not (i1 <= offset <= i2):
            continue
        if tag == "equal":
            if role == OPEN and offset == i2 and i2 < old_len:
                best = j2 if best is None else best
                continue  # prefer the block that starts here
            if role == CLOSE and offset == i1 and i1 > 0:
                best = j1 if best is None else best
                continue  # prefer the block that ends here
            return j1 + (offset - i1)
        if offset == i1:
            cand = j1
        elif offset == i2:
            cand = j2
        else:  # inside a replaced or deleted stretch: place it proportionally
            cand = j1 + round((offset - i1) * (j2 - j1) / max(1, i2 - i1))
        if best is None:
            best = cand
    if best is not None:
        return best
    return round(offset * new_len / max(1, old_len))


def _word_char(ch: str) -> bool:
    """A letter or digit of a script that separates words with spaces: Chinese, Japanese, Thai, Lao,
    Khmer and Myanmar write without them, so a run of their letters is no word to keep a code out of."""
    o = ord(ch)
    return ch.isalnum() and not (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF66 <= o <= 0xFF9F
                                 or o >= 0x20000 or 0x0E00 <= o <= 0x0EFF or 0x1000 <= o <= 0x109F
                                 or 0x1780 <= o <= 0x17FF)


def _inside_word(text: str, offset: int) -> bool:
    """True when ``offset`` falls between two letters or digits of one space-separated word."""
    return 0 < offset < len(text) and _word_char(text[offset - 1]) and _word_char(text[offset])


def _word_edge(text: str, offset: int, role: str) -> int:
    """The edge of the word ``offset`` falls inside: its start for an ``open`` code, its end for a
    ``close`` code, the nearer one for a standalone code."""
    start = end = offset
    while start > 0 and _word_char(text[start - 1]):
        start -= 1
    while end < len(text) and _word_char(text[end]):
        end += 1
    if role == OPEN:
        return start
    if role == CLOSE:
        return end
    return start if offset - start <= end - offset else end


def reanchor(parts: Sequence[Part], new_text: str) -> list[Part]:
    """Place the codes of ``parts`` onto ``new_text`` (the segment after an edit). Codes are never
    dropped; their order is kept, so pairs stay paired."""
    old = plain(parts)
    if old == new_text:
        return list(parts)
    codes = _code_offsets(parts)
    if not codes:
        return [new_text] if new_text else []
    if len(old) + len(new_text) <= _DIFF_LIMIT:
        opcodes = difflib.SequenceMatcher(None, old, new_text, autojunk=False).get_opcodes()
    else:
        opcodes = []
    placed: list[tuple[int, InlineCode]] = []
    last = 0
    for offset, code in codes:
        new_off = _map_offset(offset, code.role, opcodes, len(old), len(new_text))
        if _inside_word(new_text, new_off) and not _inside_word(old, offset):
            # A character diff of rewritten words matches stray letters ("here" -> "different"): a code
            # that sat between words is not put inside one ("differe</b>nt"), but at that word's edge.
            new_off = _word_edge(new_text, new_off, code.role)
        new_off = max(last, min(new_off, len(new_text)))  # keep the codes in their order
        placed.append((new_off, code))
        last = new_off
    out: list[Part] = []
    pos = 0
    for off, code in placed:
        if off > pos:
            out.append(new_text[pos:off])
            pos = off
        out.append(code)
    if pos < len(new_text):
        out.append(new_text[pos:])
    return out
