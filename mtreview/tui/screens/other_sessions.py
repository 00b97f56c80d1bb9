"""The main screen's watch on other sessions: another reviewer's review, a ``mtreview decide`` run, a script.

SQLite bumps ``PRAGMA data_version`` when another connection commits; the screen polls it (``POLL_SECONDS``
in ``main.py``) and, when it moved, updates the decided segments in place, or reads the whole project again
after a repair or a rescoring, keeping the cursor, and says so once as a warning, then briefly.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ...store import STRUCTURAL
from ...store_views import segment_detail
from ..shown_data import shown_data_mark
from ..workers import RETRANSLATE_GROUP

if TYPE_CHECKING:
    from .host import ReviewScreenHost

RECENT_SECONDS = 600
OTHERS_WARNING = "Another session"  # how the first, longer warning about another session's commits starts


class OtherSessionsMixin:
    """Noticing and showing other sessions' commits on the project."""

    _data_version: int = 0
    """``PRAGMA data_version`` as last seen: another connection committed when it differs."""
    _seen_event: int = 0
    """The last event read: the events after it are other sessions' news."""
    _shown_mark: tuple[object, ...] = ()
    """``shown_data_mark`` as last shown: a commit that leaves it (a kept order, a draft) changed nothing shown."""
    _others_told: bool = False
    """Whether the first, longer warning about another session was given."""

    def _read_data_version(self: ReviewScreenHost) -> int:
        # SQLite bumps data_version when another connection commits (never for this one's own commits).
        return int(self.project.conn.execute("PRAGMA data_version").fetchone()[0])

    def check_other_sessions(self: ReviewScreenHost) -> bool:
        """Reload the list when another connection committed (a second reviewer, a script). True if so."""
        version = self._read_data_version()
        if version == self._data_version:
            return False
        if any(w.group == RETRANSLATE_GROUP and w.is_running for w in self.workers):
            return False  # our own background work writes; it reloads when it ends
        self._data_version = version
        mine = self.project.session_id
        rows = self.project.conn.execute(
            "SELECT id, segment_id, action, reviewer FROM events WHERE id > ? AND"
            " IFNULL(json_extract(payload, '$.session'), '') <> ? ORDER BY id",
            (self._seen_event, mine)).fetchall()
        self._seen_event = self._last_event_id()
        if not rows:
            mark = shown_data_mark(self.project)
            if mark == self._shown_mark:
                return False  # nothing shown changed (another reviewer's kept order, filter or draft)
            self._shown_mark = mark
        structural = any(r[2] in STRUCTURAL or r[2] in ("undo", "redo") and self._targets_structure(r[0])
                         for r in rows)
        if rows and not structural:
            # Decisions only: update those segments in place (no reload of 100,000 rows, cursor kept).
            for seg_id in dict.fromkeys(r[1] for r in rows):
                d = segment_detail(self.project, seg_id)
                if d is None or seg_id not in self.view.status:
                    continue
                self.view.set_status(seg_id, d.status, d.final)
                self.view.set_noted(seg_id, self.project.note(seg_id) is not None)  # or it wrote a note
                self.segment_list.refresh_segment(seg_id)
                self.rescore_segment(seg_id)
            self.update_header()
            self.show_detail(self.current_id)
        else:
            # Repairs, rescoring or anything else: read the project again.
            self.reload_view(keep=self.current_id)
            self.show_detail(self.current_id)
            self.refresh_live_scores()
        who = f" ({rows[-1][3]})" if rows else ""
        if not self._others_told:
            self._others_told = True
            self.notify(f"{OTHERS_WARNING}{who} is changing this project: the list was refreshed. "
                        "u undoes only your own decisions.", severity="warning", timeout=10)
        elif not any(n.message.startswith(OTHERS_WARNING) for n in self.app._notifications):
            # (while the first warning still shows, it says this already: QA saw both toasts at once when a
            # colleague's note and decision came a second apart)
            self.notify(f"Refreshed: another session{who} changed the project.")
        return True

    def _warn_if_recently_changed(self: ReviewScreenHost) -> None:
        """SQLite cannot list who else has the file open; a decision from the last few minutes is the
        best hint that another session may still be reviewing it. One of this reviewer's own is not: it is
        nearly always their previous session, closed a moment ago (QA: every reopen warned), and another
        session of theirs still shows its changes here as they are saved. The latest change by another
        reviewer counts, not only the very latest change (QA: bob's own ``decide`` run after anna's decisions
        hid that anna was reviewing)."""
        row = self.project.conn.execute("SELECT reviewer, created_at FROM events WHERE reviewer IS NOT ?"
                                        " ORDER BY id DESC LIMIT 1", (self.reviewer,)).fetchone()
        if row is None:
            return
        try:
            age = (datetime.now(UTC) - datetime.fromisoformat(row[1])).total_seconds()
        except (TypeError, ValueError):
            return
        if 0 <= age < RECENT_SECONDS:
            self._others_told = True
            self.notify(f"{row[0]} changed this project {max(1, round(age / 60))} min ago: if another session "
                        "has it open, its changes show here as they are saved, and u undoes only yours.",
                        severity="warning", timeout=10)

    def _last_event_id(self: ReviewScreenHost) -> int:
        return int(self.project.conn.execute("SELECT IFNULL(max(id), 0) FROM events").fetchone()[0])

    def _targets_structure(self: ReviewScreenHost, event_id: int) -> bool:
        row = self.project.conn.execute("SELECT t.action FROM events e JOIN events t ON t.id = e.target"
                                        " WHERE e.id = ?", (event_id,)).fetchone()
        return row is not None and row[0] in STRUCTURAL
