"""Keys typed in the same burst as the key that closes a modal screen go to the screen below, in order.

Textual hands each key to the widget focused when the app reads it: in a burst ("fixed." ctrl+s "j",
from a fast typist, a slow link or a macro) every key reaches the editor's text area before its ctrl+s
has run, so the keys after it landed in a closed editor and were lost (QA: the ``j`` meant for the list
did nothing). And a key handed on at once would act before the screen below had shown the decision: the
editor's result callback (save the edit, move the cursor on) runs after the screen is popped.

So a closing ``ReviewModal`` starts holding keys: those the closed screen's text widgets still get, and
those the app reads meanwhile. Once the modal's result callback has run, the held keys are posted to the
app again in the order they were typed (their event times), and reach whatever is focused then.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget


class KeyRelay:
    """The app side: holds keys while a modal screen closes, then replays them in typed order."""

    _held_keys: list[events.Key] | None = None
    """Keys held while a modal closes (None: not holding)."""

    @property
    def holding_keys(self) -> bool:
        """True from a modal's dismiss until its result callback has run."""
        return self._held_keys is not None

    def hold_keys(self) -> None:
        """Start holding keys (a modal screen is closing)."""
        if self._held_keys is None:
            self._held_keys = []

    def hold_key(self, event: events.Key) -> None:
        """Keep ``event`` for the screen below and stop it here."""
        if self._held_keys is None:
            return
        self._held_keys.append(event)
        event.stop()
        event.prevent_default()

    def release_keys(self) -> None:
        """Post the held keys to the app again, in the order they were typed, and stop holding."""
        held, self._held_keys = self._held_keys or [], None
        post = getattr(self, "post_message")  # noqa: B009  (the App this is mixed into)
        # sorted by when they were read: a key read after the close may be held before one the closed
        # editor had yet to handle
        for event in sorted(held, key=lambda e: e.time):
            post(events.Key(event.key, event.character))


def hold_stray_key(widget: Widget, event: events.Key) -> bool:
    """Hold ``event`` for the screen below when it reached ``widget`` after ``widget``'s screen closed (a
    key of the same burst as the ctrl+s, escape or enter that closed it). True when held."""
    app = widget.app
    if not isinstance(app, KeyRelay) or not app.holding_keys or not widget.is_attached:
        return False
    if widget.screen is app.screen:
        return False
    app.hold_key(event)
    return True
