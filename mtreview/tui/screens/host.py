"""What the main screen's key mixins (``decisions.py``, ``edit_key.py``, ``repair_keys.py``, ``undo_keys.py``,
``notes.py``, ``queue_keys.py``, ``other_sessions.py``) use of the screen they are mixed into: their methods' ``self`` type. A protocol
rather than ``MainScreen`` itself, because a type checker only accepts a ``self`` type that the mixin class is an instance of; ``MainScreen`` satisfies it, and a
checker says so where the mixins are mixed in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.app import App
    from textual.message import Message
    from textual.notifications import SeverityLevel
    from textual.worker_manager import WorkerManager

    from ...checks import Flag
    from ...formats.markers import Placement
    from ...store import Candidate, Project
    from ...store_events import Event, UndoRefused
    from ...store_views import SegmentDetail
    from ..drafts import Draft
    from ..view import Filter, ReviewView
    from ..widgets.segment_list import SegmentList


class ReviewScreenHost(Protocol):
    """The review screen as its key mixins see it."""

    project: Project
    reviewer: str
    cursor_blink: bool
    view: ReviewView
    unsaved_edit: Draft | None
    unsaved_note: tuple[int, str] | None
    confirm_repair: tuple[str, int, int, float] | None
    landed: int | None
    told_finished: frozenset[int]
    refused_undos: frozenset[int]
    refused_redos: frozenset[int]
    kept_while_empty: int | None
    _data_version: int
    _seen_event: int
    _shown_mark: tuple[object, ...]
    _others_told: bool

    @property
    def app(self) -> App[object]: ...

    @property
    def segment_list(self) -> SegmentList: ...

    @property
    def current_id(self) -> int | None: ...

    @property
    def workers(self) -> WorkerManager: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None: ...

    def post_message(self, message: Message) -> bool: ...

    def update_header(self) -> None: ...

    def show_detail(self, seg_id: int | None) -> None: ...

    def final_text_checks(self, d: SegmentDetail,
                          cands: Sequence[Candidate] | None = None) -> tuple[str, list[Flag]] | None: ...

    def go_to_segment(self, seg_id: int | None) -> None: ...

    def reload_view(self, keep: int | None = None) -> None: ...

    def refresh_live_scores(self) -> None: ...

    def rescore_segment(self, seg_id: int) -> None: ...

    # The mixins' own helpers that their other methods call.
    def _apply(self, order: str | None = None, filt: Filter | None = None) -> None: ...

    def _number(self, seg_id: int | None) -> int: ...

    def _has_no_source(self, seg_id: int) -> bool: ...

    def _checks_of_decision(self, seg_id: int, status: str) -> tuple[str, list[Flag]] | None: ...

    def commit_decision(self, action: str, text: str | None = None, candidate: str | None = None,
                        seg_id: int | None = None, codes: Placement | None = None,
                        seen_event: int | None = None) -> bool: ...

    def decision_event(self, seg_id: int) -> int: ...

    def _repeats_own_decision(self, seg_id: int, action: str, text: str | None, candidate: str | None,
                              codes: Placement | None) -> bool: ...

    def _decided_unseen(self, seg_id: int, seen_event: int | None = None) -> str | None: ...

    def _after_undo_redo(self, seg_id: int | None, what: str) -> None: ...

    def _undo_redo(self, what: str) -> None: ...

    def _undo_said(self, target: Event) -> str: ...

    def _refusal_said(self, err: UndoRefused, what: str) -> str: ...

    def _repair_op(self, name: str) -> tuple[Any, int] | None: ...

    def _neighbour_shown(self, what: str, key: str, seg_id: int, step: int) -> bool: ...

    def _drop_repair_asks(self) -> None: ...

    def _hidden_note(self, seg_id: int | None) -> str: ...

    def _notes_said(self, new_ids: Sequence[int | None]) -> str: ...

    def _candidates_said(self, removed: list[int], added: list[int], why: str,
                         sources_moved: bool = True) -> str: ...

    def _search_start(self) -> int: ...

    def _went_next(self, index: int, what: str) -> None: ...

    def _no_segments(self) -> bool: ...

    def _read_data_version(self) -> int: ...

    def _last_event_id(self) -> int: ...

    def _targets_structure(self, event_id: int) -> bool: ...
