"""The CAT tools' own segment statuses in their XLIFF 1.2 files: Trados SDLXLIFF and memoQ MQXLIFF.

Neither tool keeps its workflow state in XLIFF's ``state``/``approved``. Trados keeps one
``<sdl:seg id=".." conf=".." locked="true">`` per segment (``<mrk mtype="seg" mid="..">``) in the unit's
``<sdl:seg-defs>``; ``conf`` is its confirmation level (Draft, Translated, RejectedTranslation,
ApprovedTranslation, RejectedSignOff, ApprovedSignOff; none: Unspecified, not translated). memoQ puts
``mq:status`` (NotStarted, PreTranslated, MachineTranslated, PartiallyEdited, ManuallyConfirmed,
Reviewer1Confirmed, Reviewer2Confirmed, Proofread, Rejected...) and ``mq:locked="locked"`` on the
``<trans-unit>``. The namespaces are matched by URI, whatever prefix a file gives them.

The reader keeps them as unit props (``CAT_STATE_PROPS``) so that a unit a reviewer already approved in the
CAT tool counts as finished in the file (as XLIFF ``final`` does: a bulk ``decide`` leaves it be), and
``export --into`` sets the tool's own status of a decided unit, so the CAT tool shows the review, marks a
segment whose text a person wrote as Trados does (``origin="interactive"``, the origin it replaces kept in an
``<sdl:prev-origin>``), and leaves a locked segment be (``export_into_locked``: a Trados lock is a
segment's, a memoQ lock its unit's).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from .cat_stamps import PHRASE_NS, stamp_phrase, stamp_sdl_seg, utc_time
from .xmlsplice import Edits

SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"
MQ_NS = "MQXliff"

SDL_CONF = "x-sdl-conf"  # the confirmation level of each segment of the unit, in segment order, space-separated
SDL_LOCKED = "x-sdl-locked"  # "true" when any of its segments is locked
MQ_STATUS = "x-mq-status"
MQ_LOCKED = "x-mq-locked"
PHRASE_LOCKED = "x-phrase-locked"  # Phrase (Memsource) m:locked="true": locked by the project manager
CAT_STATE_PROPS = (SDL_CONF, SDL_LOCKED, MQ_STATUS, MQ_LOCKED, PHRASE_LOCKED)

# Finished means a reviewer approved it in the CAT tool, as XLIFF's final/signed-off/approved="yes" do (XLIFF
# "translated" and "reviewed" are not finished, so neither are their likes here). Trados: approved at review
# or at sign-off. memoQ: confirmed by reviewer 1 or 2 (Proofread is memoQ's older name for reviewer 2);
# ManuallyConfirmed is the translator's own confirmation, the work this review is there to check.
SDL_FINISHED = frozenset({"approvedtranslation", "approvedsignoff"})
MQ_FINISHED = frozenset({"reviewer1confirmed", "reviewer2confirmed", "proofread"})
_LOCKED = frozenset({"true", "locked", "yes", "1"})

SDL_WORDS = {
    "draft": "draft (not confirmed)",
    "translated": "translated, not yet reviewed",
    "rejectedtranslation": "translation rejected at review",
    "approvedtranslation": "translation approved (reviewed before this review)",
    "rejectedsignoff": "rejected at sign-off",
    "approvedsignoff": "signed off (approved before this review)",
    "unspecified": "not translated",
}
MQ_WORDS = {
    "notstarted": "not started",
    "pretranslated": "pre-translated",
    "machinetranslated": "machine translated",
    "assembledfromfragments": "assembled from fragments",
    "partiallyedited": "edited, not confirmed",
    "manuallyconfirmed": "confirmed by the translator",
    "reviewer1confirmed": "confirmed by reviewer 1 (reviewed before this review)",
    "reviewer2confirmed": "confirmed by reviewer 2 (approved before this review)",
    "proofread": "proofread (approved before this review)",
    "rejected": "rejected",
}


def _norm(value: str | None) -> str:
    return str(value or "").strip().lower()


def cat_finished(props: Mapping[str, str]) -> bool:
    """Whether the CAT tool's own status marks the unit finished: locked, or (any segment of it) approved by
    a reviewer. Any one segment is enough: a rule deciding the unit would overwrite that segment too."""
    confs = {_norm(c) for c in str(props.get(SDL_CONF) or "").split()}
    return (bool(confs & SDL_FINISHED) or _norm(props.get(MQ_STATUS)) in MQ_FINISHED
            or any(_norm(props.get(key)) in _LOCKED for key in (SDL_LOCKED, MQ_LOCKED, PHRASE_LOCKED)))


def cat_state_words(props: Mapping[str, str]) -> list[str]:
    """The CAT tool's status of a unit as a translator reads it (``Trados: signed off (...) (ApprovedSignOff)``),
    one phrase per tool; unknown values are shown as written."""
    out = []
    confs = list(dict.fromkeys(str(props.get(SDL_CONF) or "").split()))
    if confs:
        out.append("Trados: " + ", ".join(f"{SDL_WORDS[_norm(c)]} ({c})" if _norm(c) in SDL_WORDS else c
                                          for c in confs))
    if _norm(props.get(SDL_LOCKED)) in _LOCKED:
        out.append("locked in Trados")
    status = str(props.get(MQ_STATUS) or "").strip()
    if status:
        out.append(f"memoQ: {MQ_WORDS[_norm(status)]} ({status})" if _norm(status) in MQ_WORDS
                   else f"memoQ: {status}")
    if _norm(props.get(MQ_LOCKED)) in _LOCKED:
        out.append("locked in memoQ")
    if _norm(props.get(PHRASE_LOCKED)) in _LOCKED:
        out.append("locked in Phrase")
    return out


def _is(el: etree._Element, ns: str, name: str) -> bool:
    return isinstance(el.tag, str) and el.tag == f"{{{ns}}}{name}"


def segment_ids(tu: etree._Element) -> list[str]:
    """The ``mid`` of each ``<mrk mtype="seg">`` of a unit, in order: those of its ``<seg-source>``, else of
    its ``<target>`` (in the unit's XLIFF namespace)."""
    ns = tu.tag[:tu.tag.find("}") + 1] if isinstance(tu.tag, str) else ""
    for holder in (f"{ns}seg-source", f"{ns}target"):
        el = next((c for c in tu if c.tag == holder), None)
        if el is None:
            continue
        mids = [m.get("mid") or "" for m in el.iter(f"{ns}mrk") if m.get("mtype") == "seg"]
        if mids:
            return list(dict.fromkeys(mids))
    return []


def sdl_segs(tu: etree._Element) -> tuple[etree._Element | None, dict[str, etree._Element]]:
    """The unit's ``<sdl:seg-defs>`` (None when it has none) and its ``<sdl:seg>`` by id (the first of an id)."""
    defs = next((c for c in tu if _is(c, SDL_NS, "seg-defs")), None)
    segs: dict[str, etree._Element] = {}
    if defs is not None:
        for seg in defs:
            if _is(seg, SDL_NS, "seg"):
                segs.setdefault(seg.get("id") or "", seg)
    return defs, segs


def _chosen_segs(tu: etree._Element) -> list[tuple[str, etree._Element]]:
    """The unit's ``<sdl:seg>``s with their ``mid`` in order: those of its segment markers; without markers,
    every definition it carries, each under ``""`` (the unit as a whole)."""
    _, segs = sdl_segs(tu)
    if not segs:
        return []
    mids = segment_ids(tu)
    return [(m, segs[m]) for m in mids if m in segs] if mids else [("", seg) for seg in segs.values()]


def read_cat_state(tu: etree._Element) -> dict[str, str]:
    """The CAT tool statuses of a parsed ``<trans-unit>`` as unit props (empty when it has none)."""
    props: dict[str, str] = {}
    chosen = [seg for _, seg in _chosen_segs(tu)]
    if chosen:
        confs = [(seg.get("conf") or "").strip() or "Unspecified" for seg in chosen]
        props[SDL_CONF] = " ".join(c.replace(" ", "_") for c in confs)
        if any(_norm(seg.get("locked")) in _LOCKED for seg in chosen):
            props[SDL_LOCKED] = "true"
    for key, attr in ((MQ_STATUS, "status"), (MQ_LOCKED, "locked")):
        value = tu.get(f"{{{MQ_NS}}}{attr}")
        if value:
            props[key] = value
    if _norm(tu.get(f"{{{PHRASE_NS}}}locked")) in _LOCKED:
        props[PHRASE_LOCKED] = "true"
    return props


# -- export --into ---------------------------------------------------------------------------------------------

KEPT = frozenset({"accepted_mt", "accepted_candidate", "edited"})


def sdl_conf_for(status: str, old: str | None) -> str | None:
    """The Trados confirmation level for a segment the review decided (None: leave it). A kept text is
    Translated: the review is the post-editing of the MT, Trados's own review and sign-off come after it (an
    Approved level would let them pass it by); one approved in the file stays so, as XLIFF ``final`` stays
    final. A rejected one is RejectedTranslation (RejectedSignOff at the sign-off stage): Trados shows it as
    work to redo."""
    was = _norm(old)
    if status in KEPT:
        return old if was in SDL_FINISHED and old else "Translated"
    if status == "rejected":
        return "RejectedSignOff" if was in ("approvedsignoff", "rejectedsignoff") else "RejectedTranslation"
    return None


def mq_status_for(status: str, old: str | None) -> str | None:
    """The memoQ status for a unit the review decided (None: leave it): ManuallyConfirmed for a kept text
    (the confirmation the translation step gives; a reviewer's in memoQ comes after it), a reviewer-confirmed
    one kept as it is; Rejected (memoQ's red row) for a rejected one."""
    if status in KEPT:
        return old if _norm(old) in MQ_FINISHED and old else "ManuallyConfirmed"
    if status == "rejected":
        return "Rejected"
    return None


# Trados's record of how a segment's text was made (``origin="mt"`` with the engine and match figures): a text a
# person wrote or chose is ``interactive`` (Trados's own value for a manual edit), and the old figures describe
# the text that was replaced: Trados moves them into ``<sdl:prev-origin>``, the segment's history. memoQ's ``mq:percent`` is the match rate of the text inserted.
INTERACTIVE = "interactive"
SDL_MATCH_ATTRS = ("percent", "origin-system", "text-match", "struct-match")
SDL_ORIGIN_ATTRS = ("origin", *SDL_MATCH_ATTRS)  # what Trados's translation origin writes on the <sdl:seg>
MQ_MATCH_ATTRS = ("percent",)


def seg_texts(target: etree._Element | None) -> dict[str, str]:
    """The text of each ``<mrk mtype="seg">`` of a target by ``mid`` (the whole target under ``""`` when it
    has none), to tell which segments of a unit a new text changed."""
    if target is None:
        return {}
    ns = target.tag[:target.tag.find("}") + 1] if isinstance(target.tag, str) else ""
    out = {m.get("mid") or "": _content(m) for m in target.iter(f"{ns}mrk") if m.get("mtype") == "seg"}
    return out or {"": _content(target)}


def _content(el: etree._Element) -> str:
    """An element's text with its codes (tag, attributes, content), comments left out: a code moved is a
    change of the segment too (QA: ``<g>Press</g> the button`` for ``Press the <g>button</g>`` kept
    Trados's ``origin="mt"``, the same words being read as the MT's)."""
    out = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str):
            attrs = " ".join(f"{k}={v!r}" for k, v in sorted(child.attrib.items()))
            out.append(f"<{child.tag} {attrs}>{_content(child)}</>")
        out.append(child.tail or "")
    return "".join(out)


def changed_segments(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """The ``mid``s whose text differs between two :func:`seg_texts` (``""``: the unit as a whole)."""
    return {mid for mid in before.keys() | after.keys() if before.get(mid) != after.get(mid)}


def skeleton_target(tu: etree._Element, tag: str) -> etree._Element | None:
    """A ``<target>`` (``tag``) holding the ``<seg-source>``'s segment markers, emptied, with what lies between
    them (Trados writes a target ``<mrk mtype="seg" mid>`` for each segment, translated or not); None when
    the unit has no segmented source."""
    ns = tu.tag[:tu.tag.find("}") + 1] if isinstance(tu.tag, str) else ""
    seg_source = next((c for c in tu if c.tag == f"{ns}seg-source"), None)
    if seg_source is None or not any(m.get("mtype") == "seg" for m in seg_source.iter(f"{ns}mrk")):
        return None
    copy = copy_element(seg_source)
    target = etree.Element(tag)
    target.text = copy.text
    for child in list(copy):
        target.append(child)
    for mrk in list(target.iter(f"{ns}mrk")):
        if mrk.get("mtype") == "seg":
            for child in list(mrk):
                mrk.remove(child)
            mrk.text = None
    return target


def copy_element(el: etree._Element) -> etree._Element:
    """A deep copy of ``el`` (its tail dropped)."""
    from copy import deepcopy

    out = deepcopy(el)
    out.tail = None
    return out


def sdl_locked(tu: etree._Element) -> tuple[list[str], frozenset[str]]:
    """The ``mid`` of each Trados segment of the unit, in order (its segment markers, with an ``<sdl:seg>`` or
    not), and those ``locked="true"`` (``""``: a unit without segment markers, its segment the unit as a
    whole). Trados locks a segment, not its unit."""
    chosen = _chosen_segs(tu)
    locked = frozenset(m for m, seg in chosen if _norm(seg.get("locked")) in _LOCKED)
    return (segment_ids(tu) or [m for m, _ in chosen]) if locked else [m for m, _ in chosen], locked


def mq_locked(tu: etree._Element) -> bool:
    """Whether memoQ or Phrase locked the unit (``mq:locked``, ``m:locked``): both lock the whole unit."""
    return _norm(tu.get(f"{{{MQ_NS}}}locked")) in _LOCKED or _norm(tu.get(f"{{{PHRASE_NS}}}locked")) in _LOCKED


@dataclass(frozen=True, slots=True)
class Stamp:
    """Who made a decision and when (``decided_at``, ISO 8601), and whether it changed the unit's text: what
    memoQ records of a unit's last change."""

    reviewer: str | None
    decided_at: str | None
    text_changed: bool = False


# memoQ's record of who changed a unit last and when, and of who confirmed it at the translation step
MQ_CHANGED = ("lastchanginguser", "lastchangedtimestamp")
MQ_COMMIT = ("translatorcommitusername", "translatorcommittimestamp")


def mq_time(iso: str | None) -> str | None:
    """An ISO 8601 time as memoQ writes its timestamps (``2024-05-01T12:00:00Z``: UTC, whole seconds), or None."""
    when = utc_time(iso)
    return None if when is None else when.strftime("%Y-%m-%dT%H:%M:%SZ")


def _stamp_mq(tu: etree._Element, stamp: Stamp, confirmed: bool, edits: Edits) -> None:
    """Date a memoQ unit the review changed as memoQ dates a change: ``mq:lastchanginguser`` and
    ``mq:lastchangedtimestamp`` (and, where the review confirms it, ``mq:translatorcommitusername`` and
    ``mq:translatorcommittimestamp``) get the reviewer and the decision's time, only where the unit has them:
    a file that does not keep them gets none (memoQ writes them all or none)."""
    when = mq_time(stamp.decided_at)
    for user, time in (MQ_CHANGED, MQ_COMMIT) if confirmed else (MQ_CHANGED,):
        for name, value in ((user, stamp.reviewer), (time, when)):
            key = f"{{{MQ_NS}}}{name}"
            if value is not None and key in tu.attrib and tu.get(key) != value:
                edits.touch(tu)
                tu.set(key, value)


def _keep_prev_origin(seg: etree._Element, edits: Edits) -> None:
    """Record the origin a person's text replaces as Trados does when a translator changes a segment: its
    origin attributes (``origin="mt"``, ``origin-system``, ``percent``...) on an ``<sdl:prev-origin>`` child of
    ``seg``, after its ``<sdl:rep>`` and before its ``<sdl:value>``s; the origin's own history (an older
    ``<sdl:prev-origin>``) moves inside it and its ``<sdl:rep>``/``<sdl:value>``s are copied into it. Nothing
    when the segment had no origin or one already interactive (Trados keeps no history for it either).
    ``seg`` must be touched already (the splice then writes the new element and takes the old one out)."""
    was = {k: v for k, v in seg.attrib.items() if k in SDL_ORIGIN_ATTRS}
    if not was or was.get("origin") == INTERACTIVE:
        return
    kids = [c for c in seg if isinstance(c.tag, str)]
    older = next((c for c in kids if _is(c, SDL_NS, "prev-origin")), None)
    at = seg.index(older) if older is not None else next(
        (seg.index(c) for c in kids if not _is(c, SDL_NS, "rep")), len(seg))
    # the old one goes with its tail; the new one takes its place and its layout
    tail = older.tail if older is not None else (seg[at - 1].tail if at else seg.text) if len(seg) else None
    prev = etree.SubElement(seg, f"{{{SDL_NS}}}prev-origin", was)  # made in place: no namespace declared anew
    for child in kids:
        if _is(child, SDL_NS, "rep"):
            prev.append(copy_element(child))
    if older is not None:
        seg.remove(older)
        older.tail = None
        prev.append(older)
    for child in kids:
        if _is(child, SDL_NS, "value"):
            prev.append(copy_element(child))
    seg.insert(at, prev)
    prev.tail = tail
    edits.added(prev)


def _mark_interactive(tu: etree._Element, seg: etree._Element | None, edits: Edits) -> None:
    """Record that a person made the text: Trados ``origin="interactive"`` without the old match figures on
    ``seg``, or memoQ without its ``mq:percent`` on ``tu``."""
    if seg is None:
        drop = [f"{{{MQ_NS}}}{a}" for a in MQ_MATCH_ATTRS if f"{{{MQ_NS}}}{a}" in tu.attrib]
        if drop:
            edits.touch(tu)
            for key in drop:
                del tu.attrib[key]
        return
    if seg.get("origin") != INTERACTIVE or any(a in seg.attrib for a in SDL_MATCH_ATTRS):
        edits.touch(seg)
        _keep_prev_origin(seg, edits)
        seg.set("origin", INTERACTIVE)
        for key in SDL_MATCH_ATTRS:
            seg.attrib.pop(key, None)


def write_cat_state(tu: etree._Element, status: str, edits: Edits, written: set[str] | None = None,
                    stamp: Stamp | None = None, keep: frozenset[str] = frozenset()) -> tuple[int, bool]:
    """Set the Trados and memoQ statuses of a decided ``<trans-unit>`` (only where the file is such a tool's:
    its namespace in scope), recorded in ``edits`` so the splice changes only those attributes. ``written``:
    the ``mid``s of the segments whose text a person wrote or chose (``""``: the whole unit), marked as
    such. ``stamp``: who decided and when, for memoQ's record of the unit's last change (see ``Stamp``).
    ``keep``: the ``mid``s of locked Trados segments, whose ``<sdl:seg>`` stays as the file has it.
    Returns how many of its segment markers have no ``<sdl:seg>`` and no ``<sdl:seg-defs>`` to add one to,
    and whether a CAT status now carries the decision."""
    touch, added = edits.touch, edits.added
    written = written or set()
    carried = False
    mq_key = f"{{{MQ_NS}}}status"
    mq_old = tu.get(mq_key)
    if mq_old is not None or MQ_NS in tu.nsmap.values():
        new = mq_status_for(status, mq_old)
        carried = new is not None
        if new is not None and new != mq_old:
            touch(tu)
            tu.set(mq_key, new)
        if written:
            _mark_interactive(tu, None, edits)
        if stamp is not None and ((new is not None and new != mq_old) or stamp.text_changed):
            _stamp_mq(tu, stamp, new == "ManuallyConfirmed", edits)
    if stamp is not None:  # Phrase: its confirmation, and who changed the unit last
        stamp_phrase(tu, status in KEPT if status in KEPT or status == "rejected" else None, stamp.reviewer,
                     stamp.decided_at, stamp.text_changed, edits)
    defs, segs = sdl_segs(tu)
    if defs is None and not any(uri == SDL_NS and p for p, uri in tu.nsmap.items()):
        return 0, carried
    mids = segment_ids(tu) or list(segs)
    missing = 0
    for mid in mids:
        if mid in keep:  # a lock protects its segment's status and origin, not the unit's other segments
            continue
        seg = segs.get(mid)
        if seg is None:
            if defs is None or not any(uri == SDL_NS and p for p, uri in defs.nsmap.items()):
                missing += 1
                continue
            # A segment Trados would read as Unspecified (not translated): it gets its definition
            touch(defs)
            seg = etree.SubElement(defs, f"{{{SDL_NS}}}seg", id=mid)
            prev = seg.getprevious()
            if prev is not None:
                seg.tail = prev.tail
            added(seg)
            segs[mid] = seg
        conf_was = seg.get("conf")
        new = sdl_conf_for(status, conf_was)
        carried = carried or new is not None
        made = mid in written or "" in written
        if (new is not None and new != seg.get("conf")) or made:
            touch(tu)  # the splice re-renders only the touched path down to a change
            touch(defs)
        if new is not None and new != seg.get("conf"):
            touch(seg)
            seg.set("conf", new)
        if made:
            _mark_interactive(tu, seg, edits)
        if stamp is not None and ((new is not None and new != conf_was) or made):
            stamp_sdl_seg(tu, defs, seg, stamp.reviewer, stamp.decided_at, edits)  # after the history is kept
    return missing, carried
