"""The attributes of an XLIFF unit's ``<note>``s, kept through the project into the XLIFF exports.

A note's ``from`` (who wrote it), ``priority`` (1 is a must-read) and ``annotates`` (whether it is about the
source or the target) are what a CAT tool shows with it; the exports wrote the text alone (QA). They are
kept by note text (``BilingualUnit.note_attrs``), which survives the merging of units and the union of a
multi-segment XLIFF 2.0 unit's notes, and written back with the names each version has: 1.2 ``from``,
``priority``, ``annotates``, ``xml:lang``; 2.0 ``id``, ``category``, ``priority``, ``appliesTo``
(``annotates="source"``/``"target"`` and ``appliesTo`` are the same thing), and a 1.2 note's author as
``mtr:from`` (2.0 has no author on a note; a re-import reads it back as ``from``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from lxml import etree

from .xmllayout import element_text
from .xmlsafe import MTR_NS, XML_NS

_XML_LANG = f"{{{XML_NS}}}lang"
_MTR_FROM = f"{{{MTR_NS}}}from"
_WRITTEN = {"1.2": ("from", "priority", "annotates", "xml:lang"), "2.0": ("id", "category", "priority", "appliesTo", "mtr:from")}
_QNAMES = {"xml:lang": _XML_LANG, "mtr:from": _MTR_FROM}


def read_note_attrs(note: etree._Element) -> dict[str, str]:
    """The attributes of one ``<note>`` that the XLIFF exports can write back (none of mtreview's own)."""
    out = {str(k): str(v) for k, v in note.attrib.items() if not str(k).startswith("{")}
    if note.get(_XML_LANG) is not None:
        out["xml:lang"] = str(note.get(_XML_LANG))
    if note.get(_MTR_FROM) is not None:  # a 1.2 note's author, through an XLIFF 2.0 export
        out.setdefault("from", str(note.get(_MTR_FROM)))
    return out


def notes_attrs(notes: list[etree._Element]) -> dict[str, dict[str, str]]:
    """The attributes of the ``notes`` that have any, by note text (the first note of a text decides)."""
    out: dict[str, dict[str, str]] = {}
    for note in notes:
        if attrs := read_note_attrs(note):
            out.setdefault(element_text(note), attrs)  # keyed by the text as the readers read it
    return out


def set_note_attrs(note: etree._Element, attrs: Mapping[str, str] | None, version: str,
                   clean: Callable[[str], str]) -> None:
    """Write ``attrs`` (as read by :func:`read_note_attrs`, from either version) on ``note`` of XLIFF
    ``version`` ("1.2" or "2.0"), those that version has; the rest are dropped."""
    if not attrs:
        return
    attrs = dict(attrs)
    about = attrs.get("annotates") or attrs.get("appliesTo")
    if about in ("source", "target"):
        attrs["annotates" if version == "1.2" else "appliesTo"] = about
    if version == "1.2" and about == "general":
        attrs["annotates"] = about
    if version != "1.2":
        attrs.pop("annotates", None)
        if "from" in attrs:
            attrs["mtr:from"] = attrs["from"]
    for name in _WRITTEN[version]:
        if (value := attrs.get(name)) is not None:
            note.set(_QNAMES.get(name, name), clean(value))


def merged_note_attrs(maps: list[Mapping[str, Mapping[str, str]]]) -> dict[str, dict[str, str]]:
    """The note attributes of several units (the segments of one XLIFF 2.0 unit), the first for a text."""
    out: dict[str, dict[str, str]] = {}
    for one in maps:
        for text, attrs in one.items():
            out.setdefault(text, dict(attrs))
    return out
