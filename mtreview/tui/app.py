"""The review app and its factory, shared by ``mtreview review`` and the tests."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.notifications import Notify, SeverityLevel
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator, Static

from ..bulk_decide import default_reviewer
from ..risk_threshold import HIGH_RISK
from ..store import Project
from .cells import measure_as_terminals
from .key_relay import KeyRelay
from .messages import ProjectReady, WorkFailed, WorkNotice, WorkProgress
from .screens.dialogs import NoteDialog
from .screens.editor import EditorScreen
from .screens.help import HelpScreen
from .screens.main import MainScreen
from .screens.modal import ReviewModal
from .widgets.header import WorkBar
from .workers import IMPORT_GROUP, WorkersMixin

Prepare = Callable[[Callable[[str], None]], Path]
BUSY_WAIT_MS = 5000
# The least time a notification stays up, by severity, and the reading speed that lengthens a long one.
LEAST_SECONDS = {"information": 5.0, "warning": 8.0, "error": 12.0}
CHARS_PER_SECOND = 15.0


def toast_seconds(message: str, severity: str, timeout: float | None) -> float:
    """How long a notification stays: as asked, but never less than its severity's least time nor the
    time it takes to read (an error given no time of its own, "Not merged: …", went after Textual's default
    5 s)."""
    return max(timeout or 0.0, LEAST_SECONDS.get(severity, 5.0), 2.0 + len(message) / CHARS_PER_SECOND)


def draft_farewell(number: int) -> str:
    """What the CLI says on leaving when an edit of segment ``number`` was kept as a draft."""
    return f"your unsaved edit of segment {number} is kept: e on it in your next review starts from it"


class LoadingScreen(Screen[None]):
    """Shown while the first run imports the bundled corpus; c (or q) gives up and quits."""

    BINDINGS = [Binding("c", "cancel", "cancel", id="cancel_import"), Binding("q", "app.quit", "quit", id="quit")]

    def action_cancel(self) -> None:
        # The import writes a temporary file and renames it into place only when complete, so leaving
        # now leaves nothing half-made; the next run imports again.
        self.app.workers.cancel_group(self.app, IMPORT_GROUP)
        if isinstance(self.app, ReviewApp):
            self.app.farewell = ("cancelled: the bundled example was not prepared (nothing was left half-made; "
                                 "'mtreview review' prepares it again)")
        self.app.exit(return_code=130)

    def compose(self) -> ComposeResult:
        yield Static(Text("mtreview: preparing the bundled example (first run only)", style="bold"),
                      id="loading-title")
        yield LoadingIndicator()
        yield WorkBar(id="workbar")
        yield Footer()


class ReviewApp(KeyRelay, WorkersMixin, App[None]):
    """Review one project; or, with ``prepare``, first make it (the bundled corpus on first run)."""

    CSS_PATH = "app.tcss"
    TITLE = "mtreview"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        # Shown in the main screen's footer (in its own order); here for every other screen.
        Binding("q", "quit", "quit", id="quit", show=False),
        Binding("question_mark", "help", "help", key_display="?", id="help", show=False),
    ]

    def __init__(self, project_path: Path, reviewer: str, risk_threshold: float = HIGH_RISK,
                 prepare: Prepare | None = None, cursor_blink: bool = True, models: Sequence[str] = ()) -> None:
        measure_as_terminals()  # before anything is measured: Devanagari vowel signs take their cell
        super().__init__()
        self.project_path = project_path
        self.reviewer = reviewer
        self.risk_threshold = risk_threshold
        self.prepare = prepare
        self.cursor_blink = cursor_blink
        self.models = tuple(models)
        """Retranslation models for the R key (empty: the language pair's default)."""
        self.project: Project | None = None
        self.failure: str | None = None
        """Why the app could not start reviewing (the CLI prints it), or None."""
        self.farewell: str | None = None
        """What the CLI says on leaving when the reviewer cancelled (QA: c on the first run's import exited
        130 with nothing said), or None."""

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every notification is literal text: they quote what the reviewer typed (a search for ``[/b]``),
        segment text and file names, and Textual would parse them as markup (and crash on a stray closing
        tag). Widgets' and screens' ``notify`` come here too, with markup on by default: it is ignored.
        Each stays long enough to read (``toast_seconds``). A new piece of information replaces the earlier
        ones still showing (warnings and errors keep their time): they said what an earlier key did, and
        piled up (QA at 80x24: three quick decisions stacked three toasts over the detail pane's last
        rows, and "Segment 10: MT accepted." stayed beside "Undone: segment 10")."""
        # The same warning again (u pressed twice on an undo another session blocks) replaces itself rather
        # than stacking a copy of it (QA: two identical "Not undone: ..." toasts).
        for old in [n for n in self._notifications if n.severity == "information" == severity
                    or (n.message, n.severity) == (message, severity)]:
            self._unnotify(old, refresh=False)
        super().notify(message, title=title, severity=severity, timeout=toast_seconds(message, severity, timeout),
                       markup=False)

    def on_notify(self, event: Notify) -> None:
        # A notification raised before the modal screen now on top opened (a key typed just before e, its
        # toast still on the way) would cover it: that screen cleared the toasts it opened over, and this
        # one goes the same way. Textual's own handler (App._on_notify) does not run for it.
        screen = self.screen
        if isinstance(screen, ReviewModal) and event.notification.raised_at <= screen.opened_at:
            event.prevent_default()

    def _handle_exception(self, error: Exception) -> None:
        # A project damaged past its first pages opens (SQLite reads a page only when a query needs it), and
        # the damage shows when the list is read or a decision saved: one line naming the file, exit 2, as
        # decide, note, export and report say it, instead of Textual's traceback (QA: exit 1, a screen of
        # frames). Every decision saved before stays saved. Other errors are bugs and keep the traceback.
        if isinstance(error, sqlite3.DatabaseError) and self.failure is None:
            from ..store_opening import use_failure

            failure = use_failure(self.project_path, error)
            if failure is not None:
                self.failure = str(failure)
                self.exit(return_code=2)
                return
        super()._handle_exception(error)

    @property
    def quitting(self) -> bool:
        """True once the app has been asked to exit (q, or a failure)."""
        return bool(self._exit)

    async def on_event(self, event: events.Event) -> None:
        # A terminal delivers keys typed after q in the same read ("qx"): once exit is requested, no
        # key or mouse event may act any more (a decision, an undo or an editor after quit).
        if self._exit and isinstance(event, events.InputEvent):
            event.stop()
            event.prevent_default()
            return
        if isinstance(event, (events.Key, events.Paste)) and self.route_key(event):
            return  # a modal screen is opening or closing: held for what is on top next, in typed order
        await super().on_event(event)

    def on_mount(self) -> None:
        if self.prepare is not None:
            self.push_screen(LoadingScreen())
            self.prepare_in_background(self.prepare)
        else:
            self.open_project(self.project_path)

    def open_project(self, path: Path) -> None:
        """Open the project and show the main screen."""
        self.project_path = path
        self.project = Project.open(path)
        # A decision waits this long for another program's write (a `score` run commits in seconds) and is
        # then refused, "not saved": the keys are handled on this thread, and the store's 30 s is a frozen app.
        self.project.conn.execute(f"PRAGMA busy_timeout={BUSY_WAIT_MS}")
        screen = MainScreen(self.project, self.reviewer, self.risk_threshold, cursor_blink=self.cursor_blink,
                            models=self.models)
        if isinstance(self.screen, LoadingScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def on_project_ready(self, message: ProjectReady) -> None:
        self.open_project(message.path)

    def on_work_progress(self, message: WorkProgress) -> None:
        if message.group == IMPORT_GROUP and isinstance(self.screen, LoadingScreen):
            self.screen.query_one(WorkBar).progress(message.label, message.done, message.total)

    def on_work_notice(self, message: WorkNotice) -> None:
        if message.group == IMPORT_GROUP:
            self.notify(message.message, severity=message.severity)  # type: ignore[arg-type]

    def on_work_failed(self, message: WorkFailed) -> None:
        # Without the first-run import's project there is nothing to review.
        if message.group == IMPORT_GROUP:
            self.failure = message.message
            self.exit(return_code=2)

    async def action_quit(self) -> None:
        # ctrl+q (an app-wide binding) also reaches here from the editor: a typed edit is not thrown
        # away by one keystroke (the editor asks for a second ctrl+q).
        if isinstance(self.screen, (EditorScreen, NoteDialog)) and not self.screen.may_quit():
            return
        await super().action_quit()

    def action_help_quit(self) -> None:
        """ctrl+c: say which key quits. Textual's own message is markup ("Press [b]q[/b] to quit"), shown here
        as typed, brackets and all, since every notification is literal (QA)."""
        keys = [key for key, active in self.active_bindings.items() if active.binding.action in ("quit", "app.quit")]
        key = "q" if "q" in keys else keys[0] if keys else "ctrl+q"
        self.notify(f"ctrl+c does not quit: press {key} to quit (every decision is saved already).")

    def keep_unsaved_edit(self) -> None:
        """The review is being ended from outside (SIGTERM, the terminal closed): an edit open in the editor, or
        a note being typed, is kept for this reviewer's next review (``tui/drafts.py``), and the farewell says so."""
        from .drafts import Draft, keep_draft, keep_note_draft

        screen = self.screen
        if isinstance(screen, NoteDialog) and screen.segment_id is not None and self.project is not None:
            # a note being typed, likewise (QA: closing the terminal mid-note lost it); C on it starts from it
            note = screen.unsaved_note()
            if note is not None and keep_note_draft(self.project, self.reviewer, screen.segment_id, note):
                self.farewell = (f"your unsaved note on segment {screen.number} is kept: C on it in your next review "
                                 "starts from it")
            return
        if not isinstance(screen, EditorScreen) or screen.segment_id is None or self.project is None:
            return
        unsaved = screen.unsaved_draft()
        if unsaved is not None and keep_draft(self.project, self.reviewer, Draft(screen.segment_id, *unsaved)):
            self.farewell = draft_farewell(screen.number)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            # the legend explains the header's BLEU(13a) where this project's target language shows it
            self.push_screen(HelpScreen(self.project.target_lang if self.project is not None else None))

    def on_unmount(self) -> None:
        if self.project is not None:
            self.project.close()
        # The main screen froze its long-lived objects out of the collector's reach; give them back so
        # an app run inside a longer process (the tests) can be collected.
        gc.unfreeze()


def make_app(project: str | Path | None = None, *, reviewer: str | None = None, risk_threshold: float = HIGH_RISK,
             cursor_blink: bool = True, models: Sequence[str] = ()) -> ReviewApp:
    """The review app for a project file, or (``project=None``) for the bundled corpus's working project,
    imported on first run. Raises ``StoreError`` for a project that cannot be opened."""
    from ..bundled import ensure_bundled_project, working_project_path

    prepare: Prepare | None = None
    if project is None:
        path = working_project_path()
        if not path.exists():
            prepare = lambda log: ensure_bundled_project(log=log)  # noqa: E731
    else:
        path = Path(project)
        Project.open(path).close()  # fail here, on one line, rather than inside the app
    return ReviewApp(path, reviewer or default_reviewer(), risk_threshold, prepare=prepare,
                     cursor_blink=cursor_blink, models=models)
