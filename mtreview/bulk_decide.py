"""Decisions from the command line (``mtreview decide``): the same decision as a key in the review UI, for a
set of segments chosen by number, risk, alignment confidence or check flags, one committed transaction per
segment.

Only unreviewed segments are decided unless ``redecide`` asks otherwise, so a person's decision is never
replaced by a rule; nor are units their XLIFF file marks finished (``final``, ``signed-off``,
``approved="yes"``, a Trados or memoQ status approved by a reviewer or locked: ``formats.cat_status``) unless ``include_final`` asks (a partly signed-off file comes in unreviewed: a rule
would re-decide the finished units, and an export would then write the rule's state for them). Each
decision is marked as made in bulk (``{"bulk": true}`` in its event's payload): ``mtreview calibrate``
learns from what reviewers judged one segment at a time, not from a rule that accepted everything under a
risk (which would teach the risk its own guesses).
"""

from __future__ import annotations

import getpass
import os
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field

from .bulk_sync import relaxed_sync
from .errors import StoreError, UsageError
from .formats.unitstore import finished_segments
from .store import Project, Segment
from .store_events import DecidedMeanwhile

ACTIONS = ("accept-mt", "accept-candidate", "reject")


def default_reviewer() -> str:
    """The name recorded with decisions when none is given: $USER, else the login name."""
    name = os.environ.get("USER") or os.environ.get("USERNAME")
    if not name:
        try:
            name = getpass.getuser()
        except (OSError, KeyError):
            name = ""
    return name or "reviewer"


def parse_numbers(spec: str, count: int | None = None) -> set[int]:
    """Segment numbers from ``1,4-9,12`` (1-based, as the review UI shows them); with ``count``, a number past
    the project's ``count`` segments is refused before any range is spelt out (a typo like ``1-1000000000``
    would build a set of a billion numbers)."""
    numbers: set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        m = re.fullmatch(r"(\d+)(?:\s*-\s*(\d+))?", part)
        if not m:
            raise UsageError(f"--segments {spec!r}: {part!r} is not a number or a range like 4-9")
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        if lo < 1:
            raise UsageError(f"--segments {spec!r}: {part!r} is not a range of segment numbers (from 1)")
        if hi < lo:  # (it said "(from 1)" of 9-4 too, which starts well above 1)
            raise UsageError(f"--segments {spec!r}: {part!r} is not a range of segment numbers: the lower "
                             f"number goes first ({hi}-{lo})")
        if count is not None and hi > count:
            raise UsageError(f"--segments {spec!r}: {part!r} goes past the last segment (the project has "
                             f"{count})")
        numbers.update(range(lo, hi + 1))
    return numbers


@dataclass
class Selection:
    """Which segments a bulk decision is for (every condition given must hold)."""

    numbers: set[int] | None = None
    max_risk: float | None = None
    min_risk: float | None = None
    min_confidence: float | None = None
    flags: frozenset[str] | None = None
    """Check names (``FLAG_ANY``: any check): only segments whose MT has one of these flags."""
    redecide: bool = False
    include_final: bool = False
    """Also units their file marks finished (by default a rule leaves them as the file has them)."""


FLAG_ANY = "any"


def check_flag_names(names: frozenset[str], project: Project) -> None:
    """Refuse (UsageError) a --flag that names no check, or flags asked of a project never scored (its
    segments have no flags yet, so the rule would select nothing and seem to have worked)."""
    from .checks import ALL_DESCRIPTIONS

    unknown = sorted(n for n in names if n != FLAG_ANY and n not in ALL_DESCRIPTIONS)
    if unknown:
        raise UsageError(f"--flag {unknown[0]!r} is no check (choose from {', '.join(sorted(ALL_DESCRIPTIONS))}, "
                         f"or '{FLAG_ANY}')")
    if not project.is_scored():
        raise UsageError(f"{project.path}: no checks have run yet: run 'mtreview score {project.path}' before "
                         "deciding by --flag")


def check_risk_condition(sel: Selection, project: Project) -> None:
    """Refuse (UsageError) --max-risk/--min-risk on a project never scored: no segment has a risk, so the
    rule would decide nothing and the run would end as if it had worked (exit 0), as --flag is refused. A
    partly scored project is decided where risks are, the others counted."""
    if (sel.max_risk is not None or sel.min_risk is not None) and not project.is_scored():
        option = "--max-risk" if sel.max_risk is not None else "--min-risk"
        raise UsageError(f"{project.path}: no segment has a risk yet: run 'mtreview score {project.path}' "
                         f"before deciding by {option}")


def check_candidate_name(name: str, project: Project) -> None:
    """Refuse (UsageError) an accept-candidate --candidate that no segment of the project has (a typo, or
    the file's name where the candidate is named by its stem): the run would decide nothing, count every
    segment as 'without a candidate named ...' and exit 0. A name some segments have is decided where it is."""
    if project.conn.execute("SELECT 1 FROM candidates c JOIN segments g ON g.id = c.segment_id"
                            " WHERE g.active = 1 AND c.name = ? LIMIT 1", (name,)).fetchone():
        return
    names = [r[0] for r in project.conn.execute(
        "SELECT DISTINCT c.name FROM candidates c JOIN segments g ON g.id = c.segment_id"
        " WHERE g.active = 1 AND c.kind != 'edit' ORDER BY c.name")]
    known = (f"its candidates: {', '.join(repr(n) for n in names[:12])}" + (", ..." if len(names) > 12 else "")
             if names else "it has none (import --retranslation/--reference, or mtreview retranslate)")
    raise UsageError(f"--candidate {name!r}: no segment of {project.path} has a candidate of that name; {known}")


def _flagged(project: Project, names: frozenset[str]) -> set[int]:
    """Segments (ids) whose MT has a flag of one of the checks ``names`` (any flag with ``FLAG_ANY``)."""
    if FLAG_ANY in names:
        rows = project.conn.execute("SELECT DISTINCT segment_id FROM flags")
    else:
        wanted = sorted(names)
        rows = project.conn.execute("SELECT DISTINCT segment_id FROM flags WHERE name IN "
                                    f"({','.join('?' * len(wanted))})", wanted)
    return {r[0] for r in rows}


@dataclass
class BulkResult:
    """The segments decided (their numbers) and the others the selection named, by reason."""

    decided: list[int] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    finished: int = 0  # selected, but finished in the file (not decided without include_final)
    replaced: Counter = field(default_factory=Counter)
    """With --redecide: the earlier decisions the run replaced (would replace, dry run), by their reviewer."""


FINISHED = "finished in the file (final, signed off, approved or locked; --include-final decides them too)"


def _skip_reason(seg: Segment, sel: Selection, action: str, finished: bool = False) -> str | None:
    """Why a segment the selection names is not decided (``finished``: its file marks its unit finished), or
    None. An empty reason: the selection does not take it after all (not counted)."""
    # Outside the selection first: a decided segment the conditions do not take is not counted as "already
    # decided" (QA: --max-risk 0.1 said "3 segments not decided: already decided" of segments at 0.8 and 0.9).
    if sel.max_risk is not None and seg.risk is not None and seg.risk > sel.max_risk:
        return ""  # outside the selection: not counted
    if sel.min_risk is not None and seg.risk is not None and seg.risk < sel.min_risk:
        return ""
    if sel.min_confidence is not None and (seg.confidence is None or seg.confidence < sel.min_confidence):
        return ""
    if seg.state.status != "unreviewed" and not sel.redecide:
        return "already decided (--redecide replaces)"
    if (sel.max_risk is not None or sel.min_risk is not None) and seg.risk is None:
        return "without a risk (run 'mtreview score' first)"
    if finished and not sel.include_final:
        return FINISHED
    if action == "accept-mt" and not seg.mt_text.strip():
        return "without MT to accept"
    return None


def decide_in_bulk(project: Project, action: str, sel: Selection, reviewer: str, candidate: str | None = None,
                   dry_run: bool = False, result: BulkResult | None = None) -> BulkResult:
    """Record ``action`` for every segment ``sel`` names (see the module docstring); ``dry_run`` records
    nothing and says what would be decided. ``result``: filled as the run goes, so that a caller can say
    what a run that is interrupted or fails half-way has saved."""
    if action not in ACTIONS:
        raise UsageError(f"unknown decision {action!r} (choose from {', '.join(ACTIONS)})")
    if action == "accept-candidate" and not candidate:
        raise UsageError("accept-candidate needs --candidate NAME: the candidate to accept, as the review UI "
                         "lists it (a model, 'reference')")
    if action != "accept-candidate" and candidate:
        # (QA: `reject --candidate x` said "accept-candidate needs --candidate NAME", which it had been given)
        raise UsageError(f"--candidate goes only with accept-candidate, not with {action}")
    check_risk_condition(sel, project)
    if candidate:
        check_candidate_name(candidate, project)
    result = BulkResult() if result is None else result
    segments = project.segments()
    if sel.numbers:
        beyond = sorted(n for n in sel.numbers if n > len(segments))
        if beyond:
            raise UsageError(f"--segments: the project has {len(segments)} segments, not {beyond[0]}")
        segments = [s for s in segments if s.number in sel.numbers]
    if sel.flags:
        flagged = _flagged(project, sel.flags)
        segments = [s for s in segments if s.id in flagged]
    finished = finished_segments(project.conn)
    todo: list[tuple[Segment, str | None]] = []  # what the rule selected, and the candidate's text
    for seg in segments:
        reason = _skip_reason(seg, sel, action, seg.id in finished)
        text = None
        if reason is None and candidate:  # accept-candidate: its text, read only for a segment selected
            text = next((c.text for c in project.candidates(seg.id) if c.name == candidate), None)
            reason = f"without a candidate named {candidate}" if text is None else None
        if reason is None:
            todo.append((seg, text))
        elif reason == FINISHED:
            result.finished += 1
        elif reason:
            result.skipped[reason] += 1
    if dry_run:
        result.decided = [seg.number for seg, _ in todo]
        result.replaced.update(_decided_by(seg) for seg, _ in todo if seg.state.status != "unreviewed")
        return result
    # Still one committed transaction per decision, but without an fsync each until the last (bulk_sync).
    with relaxed_sync(project.conn) as sync:
        for k, (seg, text) in enumerate(todo):
            if k == len(todo) - 1:
                sync.full_from_now()  # this commit's fsync makes the whole run durable
            try:
                # On the state chosen by: a review session may decide the segment while a long run gets
                # to it, and a person's decision made after the rule looked is never replaced.
                project.decide(seg.id, action.replace("-", "_"), text=text, candidate=candidate,
                               reviewer=reviewer, bulk=True, expected=seg.state)
                result.decided.append(seg.number)
                if seg.state.status != "unreviewed":
                    result.replaced[_decided_by(seg)] += 1
            except DecidedMeanwhile:
                result.skipped["decided by another session meanwhile"] += 1
            except KeyboardInterrupt:  # Ctrl-C, SIGTERM: it may have come between the commit and the count
                counted = bool(result.decided) and result.decided[-1] == seg.number
                if not counted and _saved_by_this_session(project, seg):
                    result.decided.append(seg.number)
                raise
            except StoreError:
                if project.is_active(seg.id):  # a real failure (a full disk, a lock held elsewhere)
                    raise
                result.skipped["merged, split or moved by another session meanwhile"] += 1
    return result


def _decided_by(seg: Segment) -> str:
    """Who made a segment's decision in force (a name is always recorded; '?' for a damaged row)."""
    return seg.state.reviewer or "?"


def _saved_by_this_session(project: Project, seg: Segment) -> bool:
    """Whether the segment's decision in force now is one this connection's session saved after ``seg``'s
    state was read (a run interrupted just after a commit counts that decision among those it made)."""
    try:
        row = project.conn.execute(
            "SELECT st.event_id, json_extract(e.payload, '$.session') FROM segment_state st JOIN events e"
            " ON e.id = st.event_id WHERE st.segment_id = ?", (seg.id,)).fetchone()
    except sqlite3.Error:
        return False
    return row is not None and row[0] != seg.state.event_id and row[1] == project.session_id


_BULK_STATE_SQL = ("FROM events e JOIN segment_state st ON st.event_id = e.id"
                   " WHERE json_extract(e.payload, '$.bulk') = 1")


def bulk_decided(project: Project) -> set[int]:
    """Segments whose current decision was made in bulk (``decide(..., bulk=True)``): calibration leaves
    them out."""
    return {r[0] for r in project.conn.execute("SELECT st.segment_id " + _BULK_STATE_SQL)}


def last_bulk_session(project: Project) -> str | None:
    """The session of the latest decision made in bulk that is still a segment's state (not undone, not
    replaced by a later decision), or None."""
    row = project.conn.execute("SELECT IFNULL(json_extract(e.payload, '$.session'), '') " + _BULK_STATE_SQL
                               + " ORDER BY e.id DESC LIMIT 1").fetchone()
    return str(row[0]) if row else None


def undo_last_run(project: Project, reviewer: str, undone_ids: list[int] | None = None) -> tuple[list[int], list[str]]:
    """Take back the decisions of the latest ``decide`` run still in force: the numbers of the segments
    undone (each back to what it was before), and one line per segment another session changed since,
    which keeps that change. Nothing to undo raises ``UsageError``. ``undone_ids``: the ids of the segments
    undone, filled as it goes (an interrupted undo's caller says how many)."""
    session = last_bulk_session(project)
    if session is None:
        # (it said "no decision made by 'mtreview decide'" of a project whose runs were all taken back)
        ever = project.conn.execute("SELECT 1 FROM events WHERE json_extract(payload, '$.bulk') = 1 LIMIT 1"
                                    ).fetchone()
        raise UsageError(f"{project.path}: " + ("no decision of a 'mtreview decide' run is in force any more (each "
                                                "was taken back or changed since): nothing to undo" if ever else
                                                "no decision made by 'mtreview decide' to undo"))
    with relaxed_sync(project.conn):  # each undo its own transaction, synced at the end (bulk_sync)
        undone, refused = project.undo_session(session, reviewer=reviewer, undone=undone_ids)
    number = {s.id: s.number for s in project.segments()}
    return sorted(number[i] for i in undone if i in number), [str(err) for err in refused]

