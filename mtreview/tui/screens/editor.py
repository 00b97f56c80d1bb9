"""The editor: a text area prefilled with the MT (or the current decision's text); ctrl+s saves,
escape cancels. Other texts (the MT, each candidate) can be loaded into it to start from.

In a segment with inline codes the text holds the codes as markers (``⟨1⟩File⟨/1⟩``, ``⟨2/⟩``) where the
export would put them; the reviewer may move them, and saving refuses markers that cannot be written back
(``code_placement.CodeEditing``), with the edit still open."""

from __future__ import annotations

import re
import unicodedata

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Footer, Static, TextArea

from ...code_placement import CodeEditing
from ...controls import strip_controls
from ...formats.markers import MarkerError, Placement
from ..text import literal
from ..widgets.ordered_keys import OrderedTextArea
from ..widgets.steady_area import SteadyTextArea
from .modal import ReviewModal

_LINE_BREAKS_RE = re.compile(r"[ \t]*\r?\n[ \t]*")
HINT_LEAST_HEIGHT = 20
"""The least terminal height at which the editor shows its hint line (the footer shows the same keys)."""
CONFIRM_PREFIXES = ("Unsaved changes: press escape again", "Unsaved changes: ctrl+r again",
                    "Unsaved edit: ctrl+q again")
"""The editor's warnings that ask for a key again to confirm: withdrawn once they no longer hold."""


class _EditArea(SteadyTextArea, OrderedTextArea):
    """A TextArea that also takes typed format characters: the zero-width joiner of an emoji sequence, the
    left-to-right and right-to-left marks of bidirectional text. They are not "printable", so TextArea drops
    them when typed (a paste keeps them), and the saved translation silently lost them. It shows emoji
    sequences as their parts, as the list and the detail pane do (``SteadyTextArea``). Its editing keys
    keep their typed order (``OrderedTextArea``), and ctrl+a selects the whole text, as in the editors
    translators come from (TextArea's ctrl+a went to the line's start, the same as home; its select-all
    was f7): typing then replaces it (QA: replacing a wrapped segment took one ctrl+u per screen line)."""

    BINDINGS = [
        Binding("ctrl+a", "select_all", "select all"),  # shown in the footer
        # The start and end of the whole text: TextArea's home and end stop at the screen line, and the
        # editor opens at the end of a text that often wraps (QA: ctrl+home did nothing).
        Binding("ctrl+home", "text_end(False, False)", show=False),
        Binding("ctrl+end", "text_end(True, False)", show=False),
        Binding("ctrl+shift+home", "text_end(False, True)", show=False),
        Binding("ctrl+shift+end", "text_end(True, True)", show=False),
    ]

    def action_text_end(self, end: bool, select: bool) -> None:
        """Move the cursor to the start (or ``end``) of the text, selecting on the way when ``select``."""
        self.move_cursor(self.document.end if end else (0, 0), select=select)

    def on_resize(self) -> None:
        # The text wraps anew for the new width: the cursor's line moves, and TextArea kept its old scroll
        # offset (QA: narrowing the terminal from 80x24 to 60x20 mid-edit left the cursor out of sight,
        # twenty lines below the four the editor showed).
        self.call_after_refresh(self.scroll_cursor_visible)

    async def _on_key(self, event: events.Key) -> None:
        ch = event.character
        if not self.read_only and ch and len(ch) == 1 and unicodedata.category(ch) == "Cf":
            event.stop()
            event.prevent_default()
            start, end = self.selection
            self.replace(ch, start, end, maintain_selection_offset=False)
            return
        await super()._on_key(event)


def others_text(starts: list[tuple[str, str]], loaded: int) -> Text:
    """The texts the reviewer could start from other than the one loaded, each once, to read while editing
    (QA: the reference and the retranslations were out of sight in the editor; only ctrl+r, which replaces
    the text typed so far, showed them)."""
    loaded_text = starts[loaded][1].strip()
    seen = {loaded_text}
    out = Text(end="")
    for label, text in starts:
        if not text.strip() or text.strip() in seen:
            continue
        seen.add(text.strip())
        out.append("\n" if out.plain else "")
        out.append(f"{label[:1].upper()}{label[1:]}: ", style="bold")
        out.append_text(literal(text))
    return out


class EditorScreen(ReviewModal[str | None]):
    """Edit the translation of one segment. Dismisses with the text (one line) or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "save", id="save"),
        Binding("escape", "cancel", "cancel", id="cancel"),
        Binding("ctrl+r", "next_start", "load MT/candidate", id="next_start"),
    ]

    def __init__(self, number: int, source: str, starts: list[tuple[str, str]], first: int = 0,
                 cursor_blink: bool = True, codes: CodeEditing | None = None,
                 placements: dict[int, Placement] | None = None, unsaved: int | None = None,
                 as_typed: bool = False) -> None:
        """``starts``: (label, text) the reviewer can start from (the MT, then the candidates). ``codes``: the
        segment's inline codes, shown as markers; ``placements``: the explicit placement of a start's codes,
        by its index in ``starts`` (the others are placed as the export would). ``unsaved``: the index of the
        start that is a text the reviewer typed and did not save (a draft); ``as_typed``: that text holds its
        code markers as typed (misplaced), shown as they are."""
        super().__init__()
        self.number = number
        self.source = source
        self.starts = starts or [("MT", "")]
        self.start_index = first % len(self.starts)
        self.codes = codes
        self.placements = placements or {}
        self.placement: Placement | None = None
        """The explicit placement of the saved text's codes (None: the export places them)."""
        self.unsaved = unsaved
        self.as_typed = as_typed and unsaved is not None and codes is not None
        self.cursor_blink = cursor_blink
        self.discarded = False
        """True when the reviewer left with escape after changing the text (the caller says so)."""
        self._confirm_discard = False
        self._confirm_quit = False
        self._confirm_replace = False
        self.segment_id: int | None = None
        """The segment being edited (set by the e key), for the text kept when the review is ended mid-edit."""
        # The text area's text as loaded: TextArea turns U+2028, U+0085 and "\r\n" into its own line breaks,
        # so an untouched start text does not compare equal to the start itself (QA: e then ctrl+s on such
        # an MT saved an "edit" that changed it).
        self._loaded: str | None = None
        # The text area's text as the editor opened: a text loaded with ctrl+r since is as unsaved as a typed
        # one (QA: e, ctrl+r, escape closed without asking and the loaded candidate was gone).
        self._opened: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="editor-box"):
            yield Static(Text(f"Edit segment {self.number}", style="bold"), id="editor-title")
            # Scrolls past a few lines: a long source filled the whole editor and pushed the text being
            # edited out of sight (QA at 80x24: a 5,000-character segment left no line to type in).
            with VerticalScroll(id="editor-source-box", can_focus=False):
                # as the detail pane says it (QA: a blank line, as if the source had not loaded)
                yield Static(literal(self.source) if self.source.strip()
                             else Text("(nothing: MT without a source)", "italic"), id="editor-source")
            # In a scrolling box: a Static cut at its max-height silently hid the rest of a candidate
            # (QA at 80x24: the reference ended mid-sentence, with no sign that more followed).
            with VerticalScroll(id="editor-others-box", can_focus=False):
                yield Static(id="editor-others")
            yield Static(id="editor-start")
            area = _EditArea(self._start_text(), soft_wrap=True, id="editor-text",
                             show_line_numbers=False)
            area.cursor_blink = self.cursor_blink
            yield area
            yield Static(Text("ctrl+s saves (line breaks become spaces) \u00b7 escape cancels \u00b7 "
                              "ctrl+r loads the MT or the next candidate", style="dim"), id="editor-hint")
            if self.codes is not None:
                yield Static(Text("\u27e8\u2026\u27e9 are the inline codes: move them where they belong, or "
                                  "delete them all to let the export place them", style="dim"), id="editor-codes")
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        # In a short terminal the text being typed comes first: the hint repeats what the footer says, and
        # took three of the editor's rows at 50x15, where the text area showed two lines (QA).
        try:
            self.query_one("#editor-hint").display = event.size.height >= HINT_LEAST_HEIGHT
        except NoMatches:
            pass

    def on_mount(self) -> None:
        if getattr(self.app, "quitting", False):
            return  # pushed while the app shuts down: its widgets may never be composed
        try:
            self._show_start()
            area = self.query_one(TextArea)
        except NoMatches:
            return
        area.focus()
        area.move_cursor(area.document.end)
        self._loaded = self._opened = area.text

    def on_text_area_changed(self) -> None:
        # A confirmation asked for holds for the text it was asked about: typing more asks again (QA).
        self._reset_confirmations()

    def _reset_confirmations(self) -> None:
        """Forget the confirmations asked for, and take their warnings off the screen: they no longer hold
        (QA in tmux: after typing on, "press escape again to discard them" stayed up while escape only asked
        again; after the second ctrl+r had loaded a candidate, "ctrl+r again replaces them with candidate 1"
        and "press escape again" stayed up over the candidate's text)."""
        self._confirm_discard = self._confirm_replace = self._confirm_quit = False
        app = self.app
        for old in [n for n in app._notifications if n.message.startswith(CONFIRM_PREFIXES)]:
            app._unnotify(old)

    def _start_text(self) -> str:
        """The start text as the text area shows it: with its codes' markers in a segment that has codes."""
        text = self.starts[self.start_index][1]
        if self.codes is None or self._typed_start():
            return text
        return self.codes.marked(text, self.placements.get(self.start_index))

    def _typed_start(self) -> bool:
        """Whether the start loaded is a draft with its code markers as typed (``as_typed``)."""
        return self.as_typed and self.start_index == self.unsaved

    def _show_start(self) -> None:
        label, text = self.starts[self.start_index]
        if not text.strip():
            label += " (empty: write the translation)"  # QA: "Started from: the MT" over an empty box
        self.query_one("#editor-start", Static).update(Text(f"Started from: {label}", style="dim"))
        others = self.query_one("#editor-others", Static)
        shown = others_text(self.starts, self.start_index)
        others.update(shown)
        self.query_one("#editor-others-box").display = bool(shown.plain)

    def action_next_start(self) -> None:
        if len(self.starts) == 1 and not self._changed():
            # QA: on a segment without candidates ctrl+r reloaded the same MT and said nothing
            self.notify(f"Nothing else to load: {self.starts[0][0]} is the only text this segment has (no "
                        "candidates yet; R retranslates when a model is available).")
            return
        nxt = (self.start_index + 1) % len(self.starts)
        if self._changed() and not self._confirm_replace:
            # QA: ctrl+r replaced a typed edit at once, and escape then closed without asking.
            self._confirm_replace = True
            self.notify(f"Unsaved changes: ctrl+r again replaces them with {self.starts[nxt][0]}, ctrl+s saves "
                        "them.", severity="warning")
            return
        self.start_index = nxt
        area = self.query_one(TextArea)
        area.load_text(self._start_text())
        self._reset_confirmations()
        area.move_cursor(area.document.end)
        self._loaded = area.text
        self._show_start()

    def action_save(self) -> None:
        if not self._changed() and self.starts[self.start_index][1].strip() and not self._typed_start():
            # the start text exactly as it was, whatever the text area made of it
            self.placement = self.placements.get(self.start_index)
            self.dismiss(self.starts[self.start_index][1])
            return
        try:
            text, self.placement = self._as_saved()
        except MarkerError as err:
            self.notify(f"Not saved: {err}.", severity="warning", timeout=10)
            return
        if not text:
            self.notify("The translation is empty: press x on the list to reject the pair instead.",
                        severity="warning")
            return
        self.dismiss(text)

    def _as_saved(self) -> tuple[str, Placement | None]:
        """The typed text as ctrl+s saves it, and its codes' placement; MarkerError for misplaced markers."""
        # One segment is one line in every export format; other whitespace (no-break spaces in
        # numbers, say) is kept as typed. Control characters go, as on import and in a note (QA: a paste
        # from a terminal or a web page saved ESC, BEL and NUL in the translation, and the reviewed article
        # was exported with them).
        text = self._typed()
        if self.codes is None:
            return text, None
        if self._typed_start():
            # its markers as typed are no start to compare with (nor words to take literally): the
            # placement is explicit, as the reviewer puts the markers right
            return self.codes.saved(text, "", True)
        start = _LINE_BREAKS_RE.sub(" ", self._loaded if self._loaded is not None else self._start_text())
        return self.codes.saved(text, start.strip(), self.start_index in self.placements)

    def _typed(self) -> str:
        """The text area's text on one line, without control characters or spaces at its ends."""
        return strip_controls(_LINE_BREAKS_RE.sub(" ", self.query_one(TextArea).text))[0].strip()

    def unsaved_draft(self) -> tuple[str, Placement | None, bool] | None:
        """(text, placement, as typed) of the text typed and not saved, to keep as a draft: the text as it would
        be saved and its codes' placement, or, when a save would refuse its code markers, the text with the
        markers as typed (True). None when nothing was typed and no draft is loaded, or nothing is left."""
        try:
            if not self._unsaved():
                return None
            try:
                text, placement = self._as_saved()
            except MarkerError:
                typed = self._typed()
                return (typed, None, True) if typed else None
        except NoMatches:
            return None
        return (text, placement, False) if text else None

    def _changed(self) -> bool:
        """Whether the text was typed on since it was last loaded (what ctrl+r asks about before replacing it)."""
        text = self.query_one(TextArea).text
        return text != (self._loaded if self._loaded is not None else self._start_text())

    def _unsaved(self) -> bool:
        """Whether closing the editor would drop a text not saved: one typed, one loaded with ctrl+r in place of
        the text it opened with, or a draft the last review kept (offered once: escape would lose it for good)."""
        if self._changed() or self.start_index == self.unsaved:
            return True
        return self._opened is not None and self.query_one(TextArea).text != self._opened

    def may_quit(self) -> bool:
        """Whether the app may quit now: with an unsaved edit, only when asked a second time."""
        if self._unsaved() and not self._confirm_quit:
            self._confirm_quit = True
            self.notify("Unsaved edit: ctrl+q again quits without saving it, ctrl+s saves it.", severity="warning")
            return False
        return True

    def action_cancel(self) -> None:
        changed = self._unsaved()
        if changed and not self._confirm_discard:
            # One stray escape must not throw away a long edit.
            self._confirm_discard = True
            self.notify("Unsaved changes: press escape again to discard them, ctrl+s to save.",
                        severity="warning")
            return
        self.discarded = changed
        self.dismiss(None)
