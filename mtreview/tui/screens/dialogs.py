"""Small dialogs of the main screen: filter, search, go to a segment number, a segment's note, split a segment."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from ...store import STATUSES
from ..key_relay import move_focus_in_order
from ..text import STATUS_WORDS, literal
from ..view import NOTED_WORDS, Filter
from ..widgets.ordered_keys import OrderedButton, OrderedInput, OrderedSelect
from .modal import ReviewModal


class _Dialog(ReviewModal):
    """A modal box; escape cancels (dismisses with None). Tab and shift+tab move focus in typed order."""

    # Not priority bindings: one runs as the app reads the key, ahead of the keys typed before it that are
    # still on their way to a field (QA, tmux: ``f Down Down Down Enter Tab Down Enter Enter`` said "No
    # filter"). The ordered fields run them in typed order, and the keys read behind a tab are held for the
    # next field (``move_focus_in_order``: "f Tab Tab 0.5" put nothing in the risk field). No widget of a
    # dialog uses tab itself (inputs, selects, buttons).
    BINDINGS = [Binding("escape", "cancel", "cancel", id="cancel"),
                Binding("tab", "next_field", "next field", show=False),
                Binding("shift+tab", "previous_field", "previous field", show=False)]

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_next_field(self) -> None:
        move_focus_in_order(self, self.focus_next)

    def action_previous_field(self) -> None:
        move_focus_in_order(self, self.focus_previous)


class _DialogScroll(VerticalScroll):
    """A dialog's box that scrolls when the terminal is too short for it; never focused itself."""

    can_focus = False


NOTED = (NOTED_WORDS,)
"""The flag list's choice of segments with a note (C): no check name (a tuple, where flags are strings)."""


class FilterDialog(_Dialog):
    """Choose a status, a check flag and a minimum risk. Dismisses with a ``Filter`` or None.

    Enter applies the filter from any field, as in the other dialogs; a list opens with down, up or space
    (QA: enter on a chosen status opened its list again, and nothing said how to apply)."""

    # Not a priority binding: one acts as the key is read, before the keys typed ahead of it have reached the
    # lists (``OrderedSelect``); the lists leave enter to the dialog.
    BINDINGS = [*_Dialog.BINDINGS, Binding("enter", "apply_from_select", show=False)]

    def __init__(self, current: Filter, flags: list[str]) -> None:
        super().__init__()
        self.current = current
        self.flags = flags

    def compose(self) -> ComposeResult:
        c = self.current
        # Scrolls in a short terminal, to the field that has the focus (QA at 50x15: the minimum risk and the
        # buttons were cut off under the box's edge, and tab moved the focus out of sight).
        with _DialogScroll(id="filter-box", classes="dialog"):
            yield Static(Text("Filter the list", style="bold"))
            # under the title: a box taller than the screen cuts its bottom rows (80x24)
            yield Static(Text("enter applies \u00b7 down or space opens a list \u00b7 tab: next field \u00b7 "
                              "escape cancels", style="dim"))
            yield Label("Status")
            yield OrderedSelect([(STATUS_WORDS[s], s) for s in STATUSES], prompt="any status", id="filter-status",
                         value=c.status if c.status else Select.NULL)
            yield Label("Check flag, or a note")
            # the notes share the flag's list: a field of their own pushed Apply under the edge at 80x24
            choices: list[tuple[str, Any]] = [(NOTED[0], NOTED), *((f, f) for f in self.flags)]
            yield OrderedSelect(choices, prompt="any flag (or none)", id="filter-flag",
                         value=NOTED if c.noted else c.flag if c.flag in self.flags else Select.NULL)
            yield Label("Minimum risk (0-1, empty: any)")
            yield OrderedInput(value="" if c.min_risk is None else f"{c.min_risk:g}", id="filter-risk",
                        placeholder="e.g. 0.5", type="number")
            with Horizontal(classes="dialog-buttons"):
                yield OrderedButton("Apply", variant="primary", id="filter-apply")
                yield OrderedButton("Clear", id="filter-clear")
                yield OrderedButton("Cancel", id="filter-cancel")

    def on_mount(self) -> None:
        # the box opens at its top, title and hint in view (focusing the first list scrolled it down)
        box = self.query_one("#filter-box", VerticalScroll)
        self.call_after_refresh(box.scroll_home, animate=False)

    def action_apply_from_select(self) -> None:
        """Enter on a closed list applies the filter; anywhere else (an open list, an input, a button) it
        does what it does there."""
        if not isinstance(self.focused, Select):
            raise SkipAction()
        self.apply()

    def _read(self) -> Filter | None:
        status = self.query_one("#filter-status", Select).value
        flag = self.query_one("#filter-flag", Select).value
        raw = self.query_one("#filter-risk", Input).value.strip()
        min_risk = None
        if raw:
            try:
                min_risk = float(raw)
            except ValueError:
                self.notify(f"Minimum risk must be a number between 0 and 1, not {raw!r}.", severity="error")
                return None
            if not 0.0 <= min_risk <= 1.0:
                # full sentences naming what was typed, as the app's other messages (QA: "5" gave a bare
                # "must be between 0 and 1", and "nan" the same with no word of what was wrong)
                self.notify(f"Minimum risk must be between 0 and 1, not {raw}.", severity="error")
                return None
        return Filter(status=status if isinstance(status, str) else None,
                      flag=flag if isinstance(flag, str) else None,
                      min_risk=min_risk, search=self.current.search, noted=flag == NOTED)

    @on(Button.Pressed, "#filter-apply")
    @on(Input.Submitted, "#filter-risk")
    def apply(self) -> None:
        filt = self._read()
        if filt is not None:
            self.dismiss(filt)

    @on(Button.Pressed, "#filter-clear")
    def clear(self) -> None:
        self.dismiss(Filter())

    @on(Button.Pressed, "#filter-cancel")
    def cancel(self) -> None:
        self.dismiss(None)


class InputDialog(_Dialog):
    """One line of input: dismisses with the text (enter) or None (escape)."""

    def __init__(self, title: str, value: str = "", placeholder: str = "", input_type: str = "text",
                 dialog_id: str = "input-box") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder
        self.input_type = input_type
        self.dialog_id = dialog_id
        self.hint = "enter confirms \u00b7 escape cancels"

    def compose(self) -> ComposeResult:
        with Vertical(id=self.dialog_id, classes="dialog"):
            yield Static(Text(self.title_text, style="bold"))
            yield OrderedInput(value=self.value, placeholder=self.placeholder, type=self.input_type,  # type: ignore[arg-type]
                        id="dialog-input")
            yield Static(Text(self.hint, style="dim"))

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


def search_dialog(current: str | None) -> InputDialog:
    """The ``/`` dialog."""
    return InputDialog("Search source and MT (empty clears the search)", current or "",
                       placeholder="text to find", dialog_id="search-box")


NOTE_BREAK = " \u23ce "
"""A line break of a note in the one-line note field (as the list shows line breaks); typed back as one."""
_BREAK_RE = re.compile(r"\s*\u23ce\s*")


NOTE_CONFIRM_PREFIX = "Unsaved note:"
"""The note dialog's warning that asks for escape (or ctrl+q) again before a typed note is dropped."""


class NoteDialog(InputDialog):
    """The ``C`` dialog: a segment's note on one line; enter or ctrl+s saves (empty: clears), escape cancels.
    Dismisses with the note's text (line breaks back) or None."""

    BINDINGS = [*_Dialog.BINDINGS, Binding("ctrl+s", "save", "save", show=False, priority=True)]

    def __init__(self, number: int, note: str) -> None:
        super().__init__(f"Note on segment {number} (empty clears it)", note.replace("\n", NOTE_BREAK),
                         placeholder="a comment or query on this segment", dialog_id="note-box")
        self.number = number
        self.hint = "enter or ctrl+s saves \u00b7 escape cancels"
        if "\n" in note:
            self.hint += " \u00b7 \u23ce is a line break"
        self.segment_id: int | None = None
        """The segment the note is for (set by the C key), for the note kept when the review is ended mid-note."""
        self._confirm: str | None = None
        """The key ("escape", "ctrl+q") pressed once over a typed note: pressed again, it drops the note."""

    def action_save(self) -> None:
        self.dismiss(self.query_one(Input).value)

    def unsaved_note(self) -> str | None:
        """The note typed and not saved (line breaks back), or None when the field holds the note it opened with
        or nothing (clearing a note loses nothing: the stored one stays)."""
        value = self.query_one(Input).value
        if value == self.value or not value.strip():
            return None
        return _BREAK_RE.sub("\n", value)

    def _asks_first(self, key: str, again: str) -> bool:
        """Whether ``key`` must ask before dropping a typed note (QA: one stray escape threw away a query typed
        for the client, where the editor asks first); says so, once per key until the note changes."""
        if self._confirm == key or self.unsaved_note() is None:
            return False
        self._withdraw_warning()
        self._confirm = key
        self.notify(f"{NOTE_CONFIRM_PREFIX} {again}, enter saves it.", severity="warning")
        return True

    def action_cancel(self) -> None:
        if not self._asks_first("escape", "press escape again to discard it"):
            self.dismiss(None)

    def may_quit(self) -> bool:
        """Whether the app may quit now: with a typed note, only when asked a second time (ctrl+q)."""
        return not self._asks_first("ctrl+q", "ctrl+q again quits without saving it")

    @on(Input.Changed)
    def _typed_on(self) -> None:
        # the question was about the note as it was: typing on asks again, and the warning goes
        self._confirm = None
        self._withdraw_warning()

    def _withdraw_warning(self) -> None:
        for old in [n for n in self.app._notifications if n.message.startswith(NOTE_CONFIRM_PREFIX)]:
            self.app._unnotify(old)

    def dismiss(self, result: Any = None) -> Any:
        return super().dismiss(None if result is None else _BREAK_RE.sub("\n", result))


def goto_dialog(total: int) -> InputDialog:
    """The ``g`` dialog."""
    return InputDialog(f"Go to segment number (1-{total})", placeholder="number", input_type="integer",
                       dialog_id="goto-box")


class _ListingColumn(VerticalScroll):
    """A column of the split dialog's listing: scrolled with pageup/pagedown, never focused (the inputs
    keep focus, and enter submits)."""

    can_focus = False


class SplitDialog(_Dialog):
    """Where to split a segment: how many of its source and MT sentences go to the first part.
    Dismisses with (source sentences, MT sentences) or None. The two sides' sentences are listed side by
    side, each column scrolling on its own (pageup/pagedown scroll both): a single listing cut at 12 rows hid
    the MT sentences of a long segment, with no way to scroll to them while the inputs have focus (QA)."""

    BINDINGS = [*_Dialog.BINDINGS, Binding("pageup", "scroll_listing(-1)", show=False),
                Binding("pagedown", "scroll_listing(1)", show=False)]

    def __init__(self, number: int, source: list[str], mt: list[str],
                 candidates: Callable[[int], tuple[list[str], list[str]]] | None = None) -> None:
        super().__init__()
        self.number = number
        self.source = source
        self.mt = mt
        self.candidates = candidates
        """For a number of source sentences in the first part: the names of the candidates the split would
        keep (each part its share) and drop (``repair.split_candidates``); None: not said."""
        self._candidates_at: dict[int, tuple[list[str], list[str]]] = {}
        self.confirmed: tuple[int, int] | None = None
        """The split points a first enter warned about (a part without MT): a second enter splits."""

    def compose(self) -> ComposeResult:
        with Vertical(id="split-box", classes="dialog"):
            yield Static(Text(f"Split segment {self.number}", style="bold"))
            with Horizontal(id="split-listing"):
                for side, sents in (("Source", self.source), ("MT", self.mt)):
                    listing = Text(f"{side} sentences", style="bold", end="")
                    for k, sent in enumerate(sents, 1):
                        listing.append(f"\n{k}. ", style="bold")
                        listing.append_text(literal(sent))
                    with _ListingColumn(classes="split-side"):
                        yield Static(listing)
            # Each number on one row with its label, in a field without borders: the label above a bordered
            # field took 4 rows each, and at 80x24 a long segment's listing with the candidates' lines
            # pushed the hint under the box's edge (QA).
            for side, sents, field in (("Source", self.source, "split-source"), ("MT", self.mt, "split-mt")):
                with Horizontal(classes="split-number"):
                    # the range first: a narrow terminal cuts the label's end
                    yield Label(f"{side} sentences (0-{len(sents)}) in the first part:")
                    yield OrderedInput(value=str(min(1, len(sents))), type="integer", id=field, compact=True)
            yield Static(id="split-preview")
            yield Static(Text("enter splits \u00b7 escape cancels", style="dim"), id="split-hint")

    def on_mount(self) -> None:
        self._show_preview()
        self.call_after_refresh(self._fit_listing)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_listing)

    def _fit_listing(self) -> None:
        """The listing as tall as its longer column, up to 30% of the screen and the rows the rest of the box
        leaves (the rest scrolls): a height the box can be laid out around (an "auto" one made the box as
        tall as the uncut columns). QA at 50x15: the listing took its 30%, and the box, at its most, had no
        row left for the hint ("enter splits · escape cancels")."""
        sides = list(self.query(".split-side").results(_ListingColumn))
        if not sides:
            return
        need = max(side.virtual_size.height for side in sides)
        listing = self.query_one("#split-listing")
        box = self.query_one("#split-box")
        most = box.styles.max_height
        room = need
        if most is not None:
            inner = int(most.resolve(self.size, self.app.size)) - box.styles.gutter.height
            # the rows of everything else in the box: as tall whatever the listing's height (they wrap by width)
            others = sum(child.outer_size.height + child.styles.margin.height
                         for child in box.children if child is not listing and child.display)
            room = inner - others
        listing.styles.height = height = max(1, min(need, self.app.size.height * 3 // 10, room))
        for side in sides:
            side.styles.max_height = height  # a column cut by the listing would not scroll (pgdn) to the rest

    @on(Input.Changed)
    def _show_preview(self) -> None:
        """Say what each part would hold, and warn of a part left without MT (QA: the proposed cut of a
        segment with one MT sentence made a second part with no MT, and enter split it at once)."""
        self.confirmed = None
        points = self._points()
        preview = self.query_one("#split-preview", Static)
        self.call_after_refresh(self._fit_listing)  # the parts' lines take more or fewer rows: the listing the rest
        if isinstance(points, str):
            preview.update(Text(points, style="dim"))
            return
        out = Text("Parts:")
        for k, (n_src, n_mt) in enumerate(split_parts(points, len(self.source), len(self.mt)), 1):
            out.append(f"  ({k}) {_count(n_src, 'source')}, {_count(n_mt, 'MT') if n_mt else 'no MT'}")
        kept, dropped = self._candidates(points[0])
        if kept:
            out.append(f"\nCandidates kept, each part its share: {', '.join(kept)}")
        if dropped:
            out.append(f"\nCandidates dropped (cannot be cut there): {', '.join(dropped)}")
        lacking = self._without_mt(points)
        if lacking:
            # one line at 80 columns
            what = "accept its share of a candidate (1-9)" if kept else "nothing to accept until you edit one in"
            out.append(f"\nThe {lacking} part would have no MT: {what}.", style="bold")
        preview.update(out)

    def _candidates(self, source_at: int) -> tuple[list[str], list[str]]:
        """The candidates a split after ``source_at`` source sentences keeps and drops (asked once each)."""
        if self.candidates is None:
            return [], []
        if source_at not in self._candidates_at:
            self._candidates_at[source_at] = self.candidates(source_at)
        return self._candidates_at[source_at]

    def _points(self) -> tuple[int, int] | str:
        """(source, MT) sentences in the first part, or why the inputs give none."""
        try:
            k_src = int(self.query_one("#split-source", Input).value)
            k_mt = int(self.query_one("#split-mt", Input).value)
        except ValueError:
            return "Give two whole numbers"
        if not (0 <= k_src <= len(self.source) and 0 <= k_mt <= len(self.mt)):
            return "A split point is out of range"
        if (k_src, k_mt) in ((0, 0), (len(self.source), len(self.mt))):
            return "One of the two parts would be empty"
        return k_src, k_mt

    def _without_mt(self, points: tuple[int, int]) -> str | None:
        """"first" or "second": the part that would have source sentences and no MT (None: neither)."""
        for k, (n_src, n_mt) in enumerate(split_parts(points, len(self.source), len(self.mt))):
            if n_src and not n_mt:
                return "first" if k == 0 else "second"
        return None

    def action_scroll_listing(self, direction: int) -> None:
        for column in self.query(".split-side").results(_ListingColumn):
            if direction > 0:
                column.scroll_page_down()
            else:
                column.scroll_page_up()

    @on(Input.Submitted)
    def submit(self) -> None:
        points = self._points()
        if isinstance(points, str):
            self.notify(f"Not split: {points[0].lower()}{points[1:]}.", severity="error")  # a sentence (QA)
            return
        lacking = self._without_mt(points)
        if lacking and self.confirmed != points:
            # a part without MT is sometimes meant (a sentence the MT left out), rarely by the proposed cut
            self.confirmed = points
            self.notify(f"The {lacking} part would have no MT: press enter again to split so, or change the "
                        "numbers.", severity="warning")
            return
        self.dismiss(points)


def split_parts(points: tuple[int, int], n_source: int, n_mt: int) -> list[tuple[int, int]]:
    """(source, MT) sentence counts of the two parts a split at ``points`` makes."""
    return [points, (n_source - points[0], n_mt - points[1])]


def _count(n: int, side: str) -> str:
    """``1 source sentence``, ``2 MT sentences``."""
    return f"{n} {side} sentence{'' if n == 1 else 's'}"
