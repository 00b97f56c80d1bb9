"""Who changed a segment last and when, as Trados and Phrase (Memsource) keep it in their XLIFF 1.2 files, and
Phrase's confirmation flag: what ``export --into`` updates for a segment the review changed (``cat_status``
calls these; memoQ's own record is there).

Trados keeps it per segment, as ``<sdl:value key="last_modified_by">`` and ``<sdl:value key="modified_on">``
children of the ``<sdl:seg>`` (``MM/dd/yyyy HH:mm:ss``, UTC). Phrase (MXLIFF) puts ``m:confirmed`` ("1"/"0"),
``m:modified-by`` and ``m:modified-at`` (milliseconds since 1970, UTC) on the ``<trans-unit>``. Only what the
file already has is changed: a file that does not keep a record gets none (QA: a reviewed segment showed the
translator's name and date of the MT it replaced, and Phrase showed it unconfirmed).
"""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

from .xmlsplice import Edits

PHRASE_NS = "http://www.memsource.com/mxlf/2.0"
SDL_MODIFIED_BY, SDL_MODIFIED_ON = "last_modified_by", "modified_on"
_SDL_VALUE = "{http://sdl.com/FileTypes/SdlXliff/1.0}value"


def utc_time(iso: str | None) -> datetime | None:
    """A decision's ISO 8601 time in UTC (one without a zone taken as UTC), or None: for the CAT tools' own
    timestamps (Trados and Phrase here, memoQ in ``cat_status``)."""
    if not iso:
        return None
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)


def sdl_time(iso: str | None) -> str | None:
    """An ISO 8601 time as Trados writes ``modified_on`` (``05/01/2024 12:00:00``, UTC), or None."""
    when = utc_time(iso)
    return when.strftime("%m/%d/%Y %H:%M:%S") if when is not None else None


def phrase_time(iso: str | None) -> str | None:
    """An ISO 8601 time as Phrase writes ``m:modified-at`` (milliseconds since 1970, UTC), or None."""
    when = utc_time(iso)
    return str(round(when.timestamp() * 1000)) if when is not None else None


def stamp_sdl_seg(tu: etree._Element, defs: etree._Element | None, seg: etree._Element, reviewer: str | None,
                  decided_at: str | None, edits: Edits) -> None:
    """Give a Trados segment the review changed its reviewer and time in its ``last_modified_by`` and
    ``modified_on`` values, where it has them (its ``<sdl:prev-origin>``'s copies stay: they date the old text)."""
    new = {SDL_MODIFIED_BY: reviewer, SDL_MODIFIED_ON: sdl_time(decided_at)}
    for value in seg:
        if value.tag != _SDL_VALUE or (text := new.get(value.get("key") or "")) is None or value.text == text:
            continue
        for el in (tu, defs, seg):  # the splice re-renders the touched path down to the change
            if el is not None:
                edits.touch(el)
        edits.replace(value)
        for child in list(value):
            value.remove(child)
        value.text = text


def stamp_phrase(tu: etree._Element, confirmed: bool | None, reviewer: str | None, decided_at: str | None,
                 changed: bool, edits: Edits) -> None:
    """Set a Phrase unit's ``m:confirmed`` ("1" for a kept text, "0" for a rejected one: ``confirmed``, None to
    leave it) and, where the review changed its status or text (``changed``), ``m:modified-by`` and
    ``m:modified-at``; each only where the unit has it (XLIFF's ``state`` is written as for any file)."""
    key = f"{{{PHRASE_NS}}}confirmed"
    old = tu.get(key)
    if old is None:
        return
    new = None if confirmed is None else "1" if confirmed else "0"
    if new is not None and new != old:
        edits.touch(tu)
        tu.set(key, new)
        changed = True
    if changed:
        for name, value in (("modified-by", reviewer), ("modified-at", phrase_time(decided_at))):
            attr = f"{{{PHRASE_NS}}}{name}"
            if value is not None and attr in tu.attrib and tu.get(attr) != value:
                edits.touch(tu)
                tu.set(attr, value)
