"""What an inline code stands for (bold, a link, an image...), said in each format's own words: XLIFF 1.2
``ctype``, XLIFF 2.0 ``type`` and ``subType`` (mapped as the XLIFF 2.0 specification maps 1.2's values: its
``xlf:b``, ``xlf:i``, ``xlf:u``, ``xlf:pb`` subtypes), TMX 1.4b ``type`` (``bold``, ``italic``, ``ulined``,
``link``, ``image``, ``pb``). A line break is said by the writer (``inline_spacing.is_line_break``); a value
another format has no word for is left out there."""

from __future__ import annotations

from .inline import CLOSE, OPEN, InlineCode
from .xmlinline_read import TMX, XLIFF1, XLIFF2

# The kinds are named by their XLIFF 1.2 ctype. XLIFF 2.0 (type, subType) of each:
_TO_20: dict[str, tuple[str, str | None]] = {
    "bold": ("fmt", "xlf:b"), "italic": ("fmt", "xlf:i"), "underlined": ("fmt", "xlf:u"),
    "link": ("link", None), "image": ("image", None), "pb": ("fmt", "xlf:pb")}
_FROM_20 = {kind: ctype for ctype, kind in _TO_20.items()}
# TMX 1.4b type of each
_TO_TMX = {"bold": "bold", "italic": "italic", "underlined": "ulined", "link": "link", "image": "image", "pb": "pb"}
_FROM_TMX = {tmx: ctype for ctype, tmx in _TO_TMX.items()}
# XLIFF 1.2 and TMX allow the delimiters' values on paired codes (<g>, <bx/>, <bpt>) and the placeholders'
# on standalone ones (<x/>, <ph>)
_PAIRED = {"bold", "italic", "underlined", "link"}
_STANDALONE = {"image", "pb"}


def _kind(code: InlineCode) -> str | None:
    """What ``code`` stands for, as its XLIFF 1.2 ctype; None where its format says nothing the others say."""
    attrs = dict(code.attrs)
    if code.family == XLIFF1:
        return attrs.get("ctype", "").strip() or None
    if code.family == XLIFF2:
        return _FROM_20.get((attrs.get("type", "").strip(), attrs.get("subType", "").strip() or None))
    if code.family == TMX:
        return _FROM_TMX.get(attrs.get("type", "").strip().lower())
    return None


def kind_attrs(code: InlineCode, family: str) -> list[tuple[str, str]]:
    """The attributes saying what ``code`` (an opening or standalone code) stands for, on the element
    ``family`` writes for it from another format, or from its own where it is written as another element (a
    2.0 ``<pc>`` as ``<sc>``, a 1.2 ``<g>`` as ``<bx/>``, a TMX ``<hi>`` as ``<bpt>``): XLIFF 2.0
    ``type``/``subType``, XLIFF 1.2 ``ctype``, TMX ``type``; [] where there is none to say."""
    if code.role == CLOSE:
        return []
    attrs = dict(code.attrs)
    if family == code.family and family in (XLIFF2, TMX):  # its own words, as the file had them
        keys = ("type", "subType") if family == XLIFF2 else ("type",)
        return [(k, attrs[k]) for k in keys if attrs.get(k)] if attrs.get("type") else []
    own = _kind(code)
    if own is None:
        return []
    kind = own if own.startswith("x-") else own.lower()
    allowed = _PAIRED if code.role == OPEN else _STANDALONE
    if family == XLIFF1:
        # a 1.2 code's own x- value goes back as it was
        return [("ctype", kind)] if kind in allowed or (kind.startswith("x-") and code.family == XLIFF1) else []
    if family == XLIFF2 and kind in _TO_20:
        kind_20 = _TO_20[kind]
        return [("type", kind_20[0])] + ([("subType", kind_20[1])] if kind_20[1] else [])
    if family == TMX and kind in allowed:
        return [("type", _TO_TMX[kind])]
    return []
