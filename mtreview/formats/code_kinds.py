"""What an inline code stands for (bold, a link, an image...), said in each XLIFF version's own words:
XLIFF 1.2 ``ctype``, XLIFF 2.0 ``type`` and ``subType``, mapped as the XLIFF 2.0 specification maps 1.2's
values (its ``xlf:b``, ``xlf:i``, ``xlf:u``, ``xlf:pb`` subtypes). A line break is said by the writer
(``inline_spacing.is_line_break``); a value the other version has no word for is left out."""

from __future__ import annotations

from .inline import CLOSE, OPEN, InlineCode
from .xmlinline_read import XLIFF1, XLIFF2

# XLIFF 1.2 ctype -> XLIFF 2.0 (type, subType)
_TO_20: dict[str, tuple[str, str | None]] = {
    "bold": ("fmt", "xlf:b"), "italic": ("fmt", "xlf:i"), "underlined": ("fmt", "xlf:u"),
    "link": ("link", None), "image": ("image", None), "pb": ("fmt", "xlf:pb")}
_TO_12 = {kind: ctype for ctype, kind in _TO_20.items()}
# XLIFF 1.2 allows the delimiters' values on paired codes (<g>, <bx/>, <bpt>) and the placeholders' on
# standalone ones (<x/>, <ph>)
_PAIRED_12 = {"bold", "italic", "underlined", "link"}
_STANDALONE_12 = {"image", "pb"}


def kind_attrs(code: InlineCode, family: str) -> list[tuple[str, str]]:
    """The attributes saying what ``code`` (an opening or standalone code, read from XLIFF) stands for, for
    the element ``family`` writes for it: XLIFF 2.0 ``type``/``subType`` (from a 1.2 ``ctype``, or a 2.0
    ``<pc>``'s own written as ``<sc>``), XLIFF 1.2 ``ctype`` (from 2.0, or a 1.2 ``<g>``'s written as
    ``<bx/>``); [] where there is none to say."""
    if code.role == CLOSE:
        return []
    attrs = dict(code.attrs)
    if family == XLIFF2 and code.family == XLIFF2:
        return [(k, attrs[k]) for k in ("type", "subType") if attrs.get(k)] if attrs.get("type") else []
    if family == XLIFF2 and code.family == XLIFF1:
        kind = _TO_20.get(attrs.get("ctype", "").strip().lower())
        if kind is None:
            return []
        return [("type", kind[0])] + ([("subType", kind[1])] if kind[1] else [])
    if family != XLIFF1:
        return []
    if code.family == XLIFF1:
        ctype = attrs.get("ctype", "").strip()
    elif code.family == XLIFF2:
        ctype = _TO_12.get((attrs.get("type", "").strip(), attrs.get("subType", "").strip() or None), "")
    else:
        return []
    allowed = _PAIRED_12 if code.role == OPEN else _STANDALONE_12
    return [("ctype", ctype)] if ctype in allowed or (ctype.startswith("x-") and code.family == XLIFF1) else []
