"""The main screen's footer: the essential keys at any width, the others as far as the width allows.

Textual's footer lays every shown binding out in one row and cuts the row at the screen's edge: at 80
columns the reviewer saw "? help … N next" and never search or quit. This one leaves out the least
needed keys until the rest fit (every key stays in the ``?`` help), and lays itself out again when the
terminal is resized.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer


def key_width(key_display: str, description: str) -> int:
    """Columns a compact footer key takes: the key, a space and the description, then a one-column margin."""
    return cell_len(key_display) + (1 + cell_len(description) if description else 0) + 1


def keys_that_fit(keys: Iterable[tuple[str, int]], extras: Sequence[str], width: int) -> set[str]:
    """The actions of ``keys`` ((action, width) in footer order) to show in ``width`` columns: every action
    not in ``extras``, then each of ``extras``, in its order, that still fits."""
    widths = dict(keys)
    kept = {action for action in widths if action not in extras}
    used = sum(widths[action] for action in kept)
    for action in extras:
        if action in widths and used + widths[action] <= width:
            kept.add(action)
            used += widths[action]
    return kept


class ReviewFooter(Footer):
    """A compact footer that shows the keys not in ``extras`` always, and ``extras`` (by priority) as
    far as its width allows."""

    def __init__(self, extras: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True, show_command_palette=False)
        self.extras = tuple(extras)
        self._laid_out_for = 0

    def _width(self) -> int:
        return self.size.width or self.app.size.width

    def compose(self) -> ComposeResult:
        widgets: list[Widget] = list(super().compose())
        self._laid_out_for = width = self._width()
        keys = [(str(getattr(w, "action", "")), key_width(getattr(w, "key_display", ""),
                                                          getattr(w, "description", ""))) for w in widgets]
        kept = keys_that_fit(keys, self.extras, width)
        shown = [(w, size) for w, (action, size) in zip(widgets, keys, strict=True) if action in kept]
        used = sum(size for _w, size in shown)
        # Narrower than the essential keys with their words (79 columns): the last keys show without their
        # word until the row fits (QA at 60 columns: the row was cut at "n ne", and / and q were gone);
        # the first, "? help", keeps its word, as it says where the rest are explained.
        for w, _size in reversed(shown[1:]):
            if used <= width:
                break
            description = getattr(w, "description", "")
            if description:
                used -= 1 + cell_len(description)
                w.description = ""  # type: ignore[attr-defined]
        yield from (w for w, _size in shown)

    def on_resize(self, event: events.Resize) -> None:
        if self._laid_out_for and event.size.width != self._laid_out_for:
            self.call_after_refresh(self.recompose)
