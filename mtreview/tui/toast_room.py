"""Room for the notifications at the bottom of the detail pane, so that they never sit over its text.

Textual draws toasts in a layer of their own, over whatever is under them: at 80x24 a toast covered
the candidates the reviewer was reading (QA). The main screen keeps its toasts on the detail pane's
bottom edge (above the work bar and the footer), and the pane keeps that many rows free at its bottom
while they show: its text ends above them (J scrolls to the rest) and the list above does not move.
"""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.css.scalar import Scalar
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets._toast import Toast, ToastHolder, ToastRack  # Textual internals, as RACK_ID below

from .widgets.detail import DetailPane

RACK_ID = "textual-toastrack"  # Textual's own container of a screen's toasts
RACK_ROWS = 8  # the rack's least height (app.tcss)


def _drop_stale_holders(rack: Widget) -> None:
    """Remove the holders of toasts whose notification is gone. Textual's ``ToastRack.show`` removes a toast
    that was cleared or replaced before its time but leaves its holder; past the rack's height, each empty
    holder pushed the next toast a row lower, off the screen (QA: after a dozen quick decisions no
    notification showed any more)."""
    live = {ToastRack._toast_id(n) for n in rack.app._notifications}  # the ids Textual gives their holders
    for holder in list(rack.children):
        if isinstance(holder, ToastHolder) and holder.id not in live:
            holder.remove()


def _make_room_for_the_newest(rack: Widget, room: int) -> None:
    """Take back the oldest notifications while the toasts need more than ``room`` rows. Textual's rack
    shows its first rows and clips the rest, so the newest, what the last key did, was out of sight under
    the older ones (QA at 60x20: under an 8-row error about the missing model, every "Undone: ..." and
    "Segment 3: MT accepted." for the next 25 s)."""
    app = rack.app
    # the toasts' own regions: their holders are hidden, and have none
    heights = {toast._notification.identity: toast.region.height for toast in rack.query(Toast)}
    notes = list(app._notifications)
    total = sum(heights.get(n.identity, 0) for n in notes)
    for old in notes[:-1]:
        if total <= room:
            break
        total -= heights.get(old.identity, 0)
        app._unnotify(old)


def make_room_for_toasts(screen: Screen[object]) -> None:
    """After a layout of ``screen``: put its toasts on its detail pane's bottom edge and keep the rows they
    take free at the pane's bottom. Settles in one more layout (the values it sets then stay)."""
    try:
        rack = screen.get_child_by_id(RACK_ID, Widget)
        pane = screen.query_one(DetailPane)
    except NoMatches:
        return  # no toasts (notifications disabled) or no pane
    _drop_stale_holders(rack)
    if pane.region.height == 0:
        # No pane on screen at this layout (hidden, or the screen between sizes): Textual's own place at the
        # bottom edge. Measured from an empty region the margin was the whole screen's height and pushed
        # every toast off it, until a later layout (QA: no notification showed for a long stretch of a
        # session, after resizes and dialogs).
        below = 0
    else:
        below = max(0, screen.size.height - pane.region.bottom)
    below = min(below, max(0, screen.size.height - 4))  # whatever the layout, a toast stays on the screen
    margin = rack.styles.margin
    if margin.bottom != below:
        rack.styles.margin = (margin.top, margin.right, below, margin.left)
    # The rack may take the pane's rows but its title line (at least the stylesheet's 8).
    room = max(RACK_ROWS, pane.region.height - 1)
    if rack.styles.max_height != Scalar.from_number(room):
        rack.styles.max_height = room
    _make_room_for_the_newest(rack, room)
    # the rack itself is invisible (its toasts are not), so it has no region on screen: its toasts do
    tops = [toast.region.y for toast in rack.query("Toast") if toast.region] if rack.display else []
    pane.reserve_bottom(max(0, pane.region.bottom - min(tops)) if tops else 0)
