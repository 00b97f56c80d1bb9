"""Text widgets whose editing keys take effect in the order they were typed.

Textual's ``TextArea`` and ``Input`` insert a printable key as soon as it reaches them, but their own bound
keys (backspace, delete, arrows, ctrl+u, ctrl+w, home/end, enter in an Input), and their screen's (the
editor's ctrl+s), take effect only after the key has bubbled up to the app, which looks the binding up
later, from its own message queue. Keys that
arrive together (a fast typist on a busy app, a terminal delivering several keys in one read, a macro or a
chorded keyboard) were therefore applied out of order: "abc", backspace, "d" gave "abc", and ctrl+End,
ctrl+u, then a new sentence erased the sentence just typed (QA, in tmux: a reviewer's edit saved with its
first words missing). Upstream: Textualize/textual issue 6605. Here the widget runs the binding inline, in
``_on_key``, looking it up along the same chain the app would (the focused widget first, up to the nearest
modal screen; priority bindings are checked before a key reaches the widget), so which action runs does not
change, only when.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.expand_tabs import expand_tabs_inline
from textual.widget import Widget
from textual.widgets import Button, Input, Select, TextArea
from textual.widgets._select import SelectCurrent, SelectOverlay

from ..key_relay import KeyRelay, SubmitSettled, hold_stray_key
from ..text import safe_in_place


async def run_binding_inline(widget: Widget, event: events.Key) -> bool:
    """Run the binding the app would run for ``event`` (the first non-priority one along the focus chain:
    ``widget``'s own, then its screen's, up to the nearest modal) now, and stop the event; False when there
    is none or its action is not allowed now (the key then goes on as Textual sends it). A screen's keys
    count too: "fixed." ctrl+s "j" saved "fixed.j" when ctrl+s ran after the j was typed into the text."""
    if event.is_printable or not widget.is_attached:
        return False  # a character: the widget inserts it itself, in order
    try:
        chain = widget.screen._modal_binding_chain
    except Exception:  # noqa: BLE001  (a private Textual API: if it goes, only the widget's own keys)
        chain = [(widget, widget._bindings)]
    for namespace, bindings in chain:
        for binding in bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await widget.app.run_action(binding.action, namespace):
                event.stop()
                event.prevent_default()
                return True
    return False


class OrderedTextArea(TextArea):
    """A ``TextArea`` whose editing keys keep their typed order with the characters around them."""

    async def _on_key(self, event: events.Key) -> None:
        if hold_stray_key(self, event):
            return  # typed after the key that closed this widget's screen: for the screen below
        if not self.read_only and await run_binding_inline(self, event):
            self._restart_blink()
            return
        await super()._on_key(event)

    async def _on_paste(self, event: events.Paste) -> None:
        # Textual runs TextArea's own _on_paste after this one unless the event was held (prevent_default)
        hold_stray_key(self, event)


class OrderedInput(Input):
    """An ``Input`` whose editing keys (and enter) keep their typed order with the characters around them.
    The keys typed after an enter wait until the screen has acted on the submission: a dialog that closes
    hands them to the screen below (a number, enter, then j for the list), one that stays open gets them
    back (they went into the closing input and were lost)."""

    _submitting = False

    # Emoji sequences drawn as their parts and control characters as stand-ins, as everywhere else in the app
    # (``text.safe_in_place``: same length, so every offset holds): QA in tmux, a note typed with the family
    # 👨‍👩‍👧 ran past the dialog's edge and the cursor stood four cells left of where the next character went;
    # a pasted ESC sequence reached the terminal.
    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(safe_in_place(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text

    def _position_to_cell(self, position: int) -> int:
        return cell_len(expand_tabs_inline(safe_in_place(self.value[:position]), 4))

    async def _on_key(self, event: events.Key) -> None:
        if hold_stray_key(self, event):
            return
        app = self.app
        if self._submitting and isinstance(app, KeyRelay) and app.holding_keys:
            app.hold_key(event)
            return
        if await run_binding_inline(self, event):
            self._restart_blink()
            return
        ch = event.character
        if ch and len(ch) == 1 and unicodedata.category(ch) == "Cf":
            # A typed format character (the zero-width joiner of an emoji sequence, an LRM/RLM mark) is not
            # "printable", so Input dropped it: a note or a search term lost it (QA: a note typed with
            # 👨‍👩‍👧‍👦 was saved as four separate emoji). Inserted as a printable key is; ``replace``
            # still applies an integer field's restriction.
            event.stop()
            event.prevent_default()
            self._restart_blink()
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(ch)
            else:
                self.replace(ch, *selection)
            return
        await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        # Input's own _on_paste runs after this one unless the event was held (prevent_default)
        app = self.app
        if not hold_stray_key(self, event) and self._submitting and isinstance(app, KeyRelay) and app.holding_keys:
            app.hold_key(event)

    async def action_submit(self) -> None:
        await super().action_submit()  # posts Submitted: the screen acts on it later, from its own queue
        app = self.app
        if not isinstance(app, KeyRelay) or not self.is_attached:
            return
        screen = self.screen
        app.hold_keys(screen)
        self._submitting = True

        def resume() -> None:
            self._submitting = False
            app.release_keys(screen)

        # follows the Submitted up: when it reaches the app with the screen still on top, it stayed open
        self.post_message(SubmitSettled(self, resume))


class _OrderedOverlay(SelectOverlay):
    """The list an ``OrderedSelect`` opens: its keys run in typed order, and closing it (enter chooses, escape
    dismisses) holds the keys typed behind until the select has the focus back."""

    async def _on_key(self, event: events.Key) -> None:
        select = self.parent
        if hold_stray_key(self, event) or (isinstance(select, OrderedSelect) and select.hold_if_moving(event)):
            return
        if await run_binding_inline(self, event):
            return
        await super()._on_key(event)

    def action_select(self) -> None:
        if isinstance(self.parent, OrderedSelect):
            self.parent.hold_until_focused()
        super().action_select()

    def action_dismiss(self) -> None:
        if isinstance(self.parent, OrderedSelect):
            self.parent.hold_until_focused()
        super().action_dismiss()


class OrderedSelect(Select[Any], inherit_bindings=False):
    """A ``Select`` whose keys keep their typed order across its list opening and closing. Textual moves the
    focus to the list (and back) later, from the app's queue: in "f", down, down, enter, enter typed in one
    burst the second down reached the closed select rather than the list, and the last enter applied the filter
    with no status chosen (QA in tmux: "No filter: all 6 segments shown"). Keys typed while the focus moves
    are held (``KeyRelay``) and handed on once it has. Enter on the closed select is its screen's (a dialog's
    enter applies it), in typed order: a priority binding there acted as the key was read, before the keys
    typed ahead of it."""

    BINDINGS = [Binding("down,space,up", "show_overlay", "Show menu", show=False)]
    _moving = False

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield _OrderedOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)

    def hold_until_focused(self) -> None:
        """Hold the keys typed from now on until the focus has moved to the list or back to the select."""
        app = self.app
        if isinstance(app, KeyRelay):
            app.hold_keys(self)
            self._moving = True

    def hold_if_moving(self, event: events.Key) -> bool:
        """Hold ``event`` (a key read before the focus moved) when the focus is moving: True when held."""
        app = self.app
        if not self._moving or not isinstance(app, KeyRelay) or not app.holding_keys:
            return False
        app.hold_key(event)
        return True

    def _focus_arrived(self) -> None:
        if self._moving:
            self._moving = False
            app = self.app
            if isinstance(app, KeyRelay):
                app.release_keys(self)

    def on_descendant_focus(self) -> None:
        self._focus_arrived()  # the list has the focus

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self._focus_arrived()

    async def _on_key(self, event: events.Key) -> None:
        if hold_stray_key(self, event) or self.hold_if_moving(event):
            return
        if await run_binding_inline(self, event):
            return
        await super()._on_key(event)

    def action_show_overlay(self) -> None:
        if not self.expanded:
            self.hold_until_focused()
        super().action_show_overlay()


class OrderedButton(Button):
    """A dialog's ``Button`` whose keys (enter, tab and shift+tab) run in typed order: a tab from a button
    ran once it had bubbled up to the app, and the keys typed behind it reached the button and were lost
    (QA: shift+tab from Apply to the risk field, then 0.5, left the field empty)."""

    async def _on_key(self, event: events.Key) -> None:
        if hold_stray_key(self, event):
            return
        if await run_binding_inline(self, event):
            return
        await super()._on_key(event)
