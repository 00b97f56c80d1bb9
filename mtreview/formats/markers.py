"""Inline codes as markers a reviewer can read and type: ``⟨1⟩`` opens, ``⟨/1⟩`` closes, ``⟨2/⟩`` stands alone.

A *placement* says where each code of a segment's target goes in a plain text: a list of ``(offset, index)``
in text order, ``index`` being the code's position among the target's codes as the file gave them. It is
what an explicit placement in the review editor is stored as; ``parse_markers`` turns an edited text with
markers into the plain text and its placement, refusing markers that cannot be written back.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence

from .inline import CLOSE, OPEN, InlineCode, Part, is_well_nested, normalise_parts, reanchor

Placement = list[tuple[int, int]]

# Anything between the two angle brackets without spaces is read as a marker in a segment with codes.
_MARKER_RE = re.compile("\u27e8[^\u27e8\u27e9\\s]{1,80}\u27e9")
_UNSAFE_RE = re.compile("[\\s\u27e8\u27e9/]")
_NAME_MAX = 40  # a longer id is shortened to this in its marker, well inside what _MARKER_RE reads as one
_MOVE_DIFF_LIMIT = 4000  # beyond this, a character diff costs too much: any change of the words counts as a move


class MarkerError(ValueError):
    """Markers that cannot be written back as the segment's codes; the message is one line for the reviewer."""


def codes_of(parts: Sequence[Part]) -> list[InlineCode]:
    """The inline codes of ``parts``, in order."""
    return [p for p in parts if isinstance(p, InlineCode)]


def _short(name: str) -> str:
    """``name`` shortened to ``_NAME_MAX`` characters, keeping its start and its end (ids differ at either)."""
    if len(name) <= _NAME_MAX:
        return name
    half = (_NAME_MAX - 1) // 2
    return f"{name[:half]}\u2026{name[-(_NAME_MAX - 1 - half):]}"


def code_markers(codes: Sequence[InlineCode]) -> list[str]:
    """One distinct marker per code: its id (else its element's name), ``⟨n⟩`` / ``⟨/n⟩`` / ``⟨n/⟩`` by role.
    A name that repeats for the same role (two ``<ph>`` without ids) is numbered: ``⟨ph/⟩``, ``⟨ph#2/⟩``; a long
    id is shortened to ``_NAME_MAX`` characters, its start and its end (QA: an id of 80 characters or more made a marker that was
    read as words, and saved into the translation)."""
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for code in codes:
        name = _short(_UNSAFE_RE.sub("_", code.id or code.tag)) or "_"
        seen[(code.role, name)] += 1
        if seen[(code.role, name)] > 1:
            name = f"{name}#{seen[(code.role, name)]}"
        out.append(f"\u27e8{name}\u27e9" if code.role == OPEN else f"\u27e8/{name}\u27e9" if code.role == CLOSE
                   else f"\u27e8{name}/\u27e9")
    return out


def marked_text(parts: Sequence[Part]) -> str:
    """``parts`` as text with a marker for each code (the codes in their own order)."""
    return render(*split_parts(parts), code_markers(codes_of(parts)))


def split_parts(parts: Sequence[Part]) -> tuple[str, Placement]:
    """The plain text of ``parts`` and the placement of their codes (each code's index: its rank)."""
    text, placement, k = [], [], 0
    pos = 0
    for p in parts:
        if isinstance(p, str):
            text.append(p)
            pos += len(p)
        else:
            placement.append((pos, k))
            k += 1
    return "".join(text), placement


def auto_placement(target: Sequence[Part], text: str) -> Placement:
    """Where the export places the codes of ``target`` on ``text`` by itself (``inline.reanchor``)."""
    return split_parts(reanchor(target, text))[1]


def valid_placement(placement: object, n_codes: int, text: str) -> bool:
    """True when ``placement`` puts each of ``n_codes`` codes once, in text order, inside ``text``."""
    if not isinstance(placement, list) or len(placement) != n_codes:
        return False
    last = 0
    for item in placement:
        if not (isinstance(item, list | tuple) and len(item) == 2
                and all(isinstance(v, int) and not isinstance(v, bool) for v in item)):
            return False
        if not last <= item[0] <= len(text):
            return False
        last = item[0]
    return sorted(i for _, i in placement) == list(range(n_codes))


def apply_placement(codes: Sequence[InlineCode], text: str, placement: Placement) -> list[Part]:
    """``text`` with ``codes`` put where ``placement`` says (a valid placement, see ``valid_placement``)."""
    out: list[Part] = []
    pos = 0
    for off, index in placement:
        out.append(text[pos:off])
        out.append(codes[index])
        pos = off
    out.append(text[pos:])
    return normalise_parts(out)


def render(text: str, placement: Placement, markers: Sequence[str]) -> str:
    """``text`` with the marker of each placed code at its offset."""
    out, pos = [], 0
    for off, index in placement:
        out += [text[pos:off], markers[index]]
        pos = off
    out.append(text[pos:])
    return "".join(out)


def _pairs(markers: Sequence[str]) -> dict[int, int]:
    """Close marker index -> its open marker index (pairs share a name: ``⟨1⟩`` and ``⟨/1⟩``)."""
    opens = {m[1:-1]: i for i, m in enumerate(markers) if not m.startswith("\u27e8/") and not m.endswith("/\u27e9")}
    return {i: opens[m[2:-1]] for i, m in enumerate(markers) if m.startswith("\u27e8/") and m[2:-1] in opens}


def bracketed(texts: Iterable[str], markers: Collection[str]) -> frozenset[str]:
    """What in ``texts`` reads like a marker but is none of ``markers``: words in angle brackets (``⟨ψ|φ⟩``)."""
    return frozenset(m.group() for t in texts for m in _MARKER_RE.finditer(t)) - frozenset(markers)


def parse_markers(marked: str, markers: Sequence[str], must_nest: bool = True,
                  literals: Collection[str] = ()) -> tuple[str, Placement | None]:
    """The plain text of an edited ``marked`` text and the placement its markers give (None: it has no
    markers at all, so the export places the codes itself). The plain text is stripped of the spaces at
    its ends. ``must_nest``: pairs may not cross (off when the file's own codes cross). ``literals``: words
    in angle brackets that are text, not markers (the segment's own texts have them, ``bracketed``).

    Raises ``MarkerError`` for a marker that is no code of the segment, one that is there twice, a missing
    one, a pair that closes before it opens, and (``must_nest``) pairs that cross."""
    index = {m: i for i, m in enumerate(markers)}
    plain, tokens = _unmarked(marked, lambda token: token in index or token not in literals)
    found: list[tuple[int, int]] = []
    for offset, token in tokens:
        if token not in index:
            raise MarkerError(f"{token} is not a code of this segment (it has {' '.join(markers)})")
        if any(i == index[token] for _, i in found):
            raise MarkerError(f"{token} is there twice: keep one")
        found.append((offset, index[token]))
    if not found:
        return plain.strip(), None
    missing = [m for m in markers if index[m] not in {i for _, i in found}]
    if missing:
        raise MarkerError(f"code {missing[0]} is missing: put it back, or delete every marker to let the "
                          "export place the codes itself")
    check_order(found, markers, must_nest)
    lead = len(plain) - len(plain.lstrip())
    stripped = plain.strip()
    return stripped, [(max(0, min(off - lead, len(stripped))), i) for off, i in found]


def check_order(found: Placement, markers: Sequence[str], must_nest: bool) -> None:
    """Raise ``MarkerError`` when a placement closes a pair before it opens it, or (``must_nest``) crosses
    two pairs."""
    pairs = _pairs(markers)
    partner = {**pairs, **{o: c for c, o in pairs.items()}}
    seen: set[int] = set()
    stack: list[int] = []
    for _, i in found:
        if i in pairs and pairs[i] not in seen:
            raise MarkerError(f"{markers[i]} comes before {markers[pairs[i]]}: a code closes after it opens")
        seen.add(i)
        if not must_nest or i not in partner:
            continue
        if i in pairs:  # a close: it must close the latest pair still open
            if stack and stack[-1] != pairs[i]:
                inner = stack[-1]
                raise MarkerError(f"{markers[i]} closes inside {markers[inner]}\u2026{markers[partner[inner]]}: "
                                  f"pairs nest, they do not cross (close {markers[inner]} first)")
            if stack:
                stack.pop()
        else:
            stack.append(i)


def must_nest(target: Sequence[Part]) -> bool:
    """Whether pairs of the segment must nest: they must, unless the file's own codes cross already."""
    return is_well_nested(target)


def _unmarked(marked: str, is_marker: Callable[[str], bool]) -> tuple[str, list[tuple[int, str]]]:
    """The text of ``marked`` without what reads as a marker and ``is_marker`` takes (the rest stays text),
    and each marker with its offset in that text."""
    text: list[str] = []
    found: list[tuple[int, str]] = []
    pos = length = 0
    for match in _MARKER_RE.finditer(marked):
        if not is_marker(match.group()):
            continue
        text.append(marked[pos:match.start()])
        length += match.start() - pos
        found.append((length, match.group()))
        pos = match.end()
    text.append(marked[pos:])
    return "".join(text), found


def _landings(offset: int, opcodes: Sequence[tuple[str, int, int, int, int]]) -> set[int]:
    """Where a marker at ``offset`` of the old text may be in the new one without having been moved: its
    place in the unchanged text, or anywhere in the words rewritten next to (or around) it."""
    out: set[int] = set()
    for tag, i1, i2, j1, j2 in opcodes:
        if not i1 <= offset <= i2:
            continue
        if tag == "equal":
            out.add(j1 + offset - i1)
        else:
            out.update(range(j1, j2 + 1))
    return out


def markers_moved(before: str, after: str, known: Collection[str] | None = None) -> bool:
    """Whether an edit from ``before`` to ``after`` added, removed or moved a marker, rather than only
    changing the words around the markers: each marker must stay where it was in the text left unchanged
    (QA: a marker moved by one character, over a space or a letter, was read as untouched, and the export
    put its code back where it had been). ``known``: the segment's markers (default anything in angle
    brackets)."""
    def is_marker(token: str) -> bool:
        return known is None or token in known

    old, was = _unmarked(before, is_marker)
    new, now = _unmarked(after, is_marker)
    if [m for _, m in was] != [m for _, m in now]:
        return True
    if old == new:
        return [o for o, _ in was] != [o for o, _ in now]
    if len(old) + len(new) > _MOVE_DIFF_LIMIT:
        return True
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    return any(b not in _landings(a, opcodes) for (a, _), (b, _) in zip(was, now, strict=True))


# -- the MT's codes as an --all export records them -------------------------------------------------------


def mt_codes_record(parts: Sequence[Part] | None, mt: str | None) -> str | None:
    """Where the inline codes of the MT (``parts``, whose text is ``mt``) sit, as an ``--all`` export records
    it beside the MT's text (XLIFF ``mtr:mt-codes``, TMX ``x-mtreview-mt-codes``): ``offset:marker`` for each
    code in text order, space-separated (``6:⟨1⟩ 9:⟨/1⟩``). None where ``parts`` has no codes or is another text.
    The file's target holds the same codes: a code moved there since the export (in a CAT tool) is then an
    edit the re-import can tell (QA: the MT's text alone was recorded, and a moved code was no edit)."""
    if parts is None or mt is None or not any(isinstance(p, InlineCode) for p in parts):
        return None
    text, placement = split_parts(parts)
    if text != mt:
        return None
    markers = code_markers(codes_of(parts))
    return " ".join(f"{off}:{markers[i]}" for off, i in placement)  # (a marker holds no space)


def mt_parts_from_record(record: str | None, mt: str | None, target: Sequence[Part] | None) -> list[Part] | None:
    """The MT's parts an ``--all`` export recorded (:func:`mt_codes_record`): the codes of the file's ``target``
    put at the recorded offsets on ``mt``. None without a record, with one that is malformed or does not fit
    ``mt``, or where the file's codes are not the ones recorded (a code added or removed since the export)."""
    if not record or mt is None or target is None:
        return None
    codes = codes_of(target)
    if not codes:
        return None
    data = [(int(off), marker) for off, _, marker in (item.partition(":") for item in record.split())
            if off.isascii() and off.isdigit() and len(off) < 10]
    if len(data) != len(record.split()):
        return None
    index = {m: i for i, m in enumerate(code_markers(codes))}
    if sorted(m for _, m in data) != sorted(index):
        return None
    placement = [(off, index[m]) for off, m in data]
    if not valid_placement(placement, len(codes), mt):
        return None
    try:
        check_order(placement, code_markers(codes), must_nest(target))
    except MarkerError:
        return None
    return apply_placement(codes, mt, placement)


def placement_of(parts: Sequence[Part], codes: Sequence[InlineCode]) -> Placement | None:
    """Where ``parts`` put ``codes`` (each once; the same objects, in any order) on their text, as a placement
    of ``codes``; None where ``parts`` has other codes."""
    rank = {id(code): i for i, code in enumerate(codes)}
    _, placement = split_parts(parts)
    found = codes_of(parts)
    if len(found) != len(codes) or any(id(code) not in rank for code in found):
        return None
    out = [(off, rank[id(found[k])]) for off, k in placement]
    return out if sorted(i for _, i in out) == list(range(len(codes))) else None
