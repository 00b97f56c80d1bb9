"""The digest an export records of an edited or accepted-candidate segment's decided text, so that a
re-import tells a target changed by hand after the export (a spreadsheet, a CAT tool) from the text the
reviewer decided.

The MT of every unit is recorded in full (``mt``): a changed accepted MT is seen against it. An edited
target is the reviewer's own text, and an accepted candidate's a text the importing project rarely has (the
export names the candidate); no other field holds them, and a short digest (not the text itself:
a second copy of the target in a table is one more cell a colleague might change instead) is enough to
tell. Written as the TMX prop ``x-mtreview-final-digest``, the XLIFF ``mtr:final-digest`` attribute and the
``final_digest`` column or field of TSV, CSV, JSONL and Parquet; a file without it (an older export) is read
as before.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace

from .base import BilingualUnit

DIGEST_STATUSES = ("edited", "accepted_candidate")
"""The statuses whose exported target is a decided text other than the MT."""

# Runs of the characters a format turns into one space (TSV and Moses: tabs, line breaks, line separators,
# FS/GS/RS/US) or an XML reader changes (CR LF read as LF): a plain round trip must give the same digest. A
# no-break space is not among them: a colleague's typographic fix is an edit.
_SPACES = re.compile("[ \t\n\r\v\f\x1c-\x1f\x85\u2028\u2029]+")


def final_digest(text: str) -> str:
    """The digest of a decided text, as the formats read it back: spacing runs as one space, no spaces at the
    ends, without the control characters and U+FEFF that a writer or the import's repairs remove."""
    norm = _SPACES.sub(" ", text).strip()
    norm = "".join(ch for ch in norm if ch != "\ufeff" and unicodedata.category(ch) != "Cc")
    return hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def unit_final_digest(status: str | None, target: str) -> str | None:
    """What an export records for a unit of ``status`` whose target is ``target`` (None: nothing)."""
    return final_digest(target) if status in DIGEST_STATUSES else None


def decided_text_changed(unit: BilingualUnit) -> bool:
    """Whether an edited or accepted-candidate unit's target is not the text the export recorded (its
    ``final_digest``), nor a rejected one's the translation ``export --into`` kept (:func:`with_kept_digest`).
    False where the file has no digest (an export made before it), or the target is empty (as for a changed
    MT: a table's blank cell)."""
    return (unit.status in (*DIGEST_STATUSES, "rejected") and bool(unit.final_digest) and bool(unit.target.strip())
            and final_digest(unit.target) != unit.final_digest)


def with_kept_digest(unit: BilingualUnit, kept: str | None) -> BilingualUnit:
    """The unit ``export --into`` records for a rejected segment whose file keeps a translation ``kept`` other
    than its MT (an earlier decision's text: a rejected unit's target stays as the file has it): with the
    digest of that text, so that a re-import tells the kept text from a target changed after it (QA: the
    rejection came back as an edit of the very text it rejected). Any other unit as it is."""
    if unit.status != "rejected" or not kept or not kept.strip() or kept == unit.mt:
        return unit
    return replace(unit, final_digest=final_digest(kept))
