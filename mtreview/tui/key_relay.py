"""Keys typed in one burst reach the screen they were typed for, in order, when a modal screen opens or
closes in the middle of the burst.

Textual hands each key to the widget focused when the app reads it, and runs its binding only once it
has bubbled back up to the app. In a burst (a fast typist, a slow link, a macro, a chorded keyboard) every
key is read before the one before it has acted, so:

- closing: in "fixed." ctrl+s "j" the j reached the editor's text area before its ctrl+s had run, and was
  lost with the closed editor (QA: the j meant for the list did nothing). The same with a dialog's enter:
  its input's submission is a message acted on later, and the key after it went into the closing input.
- opening: in e "fixed." the characters reached the list before the editor opened; by the time they got
  back up to the app the editor was on top, so they were neither list actions nor text, and were lost
  (a list key such as a could even act on the list first). The same with / and a search term, g and a
  number.

So the app holds keys while a modal screen closes (from its dismiss, or from the enter that submits it,
until the result callback has acted on the screen below) and while one opens (from its push until it has
focused its input), and then posts them to the app again in the order they were typed (their event
times), to reach whatever is focused then. A key still on its way up from a screen that is no longer on
top (``typed_for``) is held too, or handed on at once when nothing is held.
"""

from __future__ import annotations

from collections.abc import Callable
from weakref import WeakKeyDictionary

from textual import events
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget


class SubmitSettled(Message):
    """Posted by an input right after its ``Submitted``: it follows that message up, hop by hop, and reaches
    the app once the screen has acted on the submission (closed, or refused it and stayed open)."""

    def __init__(self, widget: Widget, resume: Callable[[], None]) -> None:
        super().__init__()
        self.widget = widget
        self.resume = resume
        """Run on the input's own message pump when the screen stayed open: gives the keys back."""


class KeyRelay:
    """The app side: holds keys while a modal screen opens or closes, then replays them in typed order."""

    _held_keys: list[events.Key] | None = None
    """Keys held while a modal opens or closes (None: not holding)."""
    _held_for: object = None
    """Whose hold it is (the opening or closing screen): only its own release ends it, so that a screen
    closing late does not release the keys held for one opening meanwhile."""
    _typed_for_screen: WeakKeyDictionary[events.Key, Screen[object]] | None = None

    @property
    def holding_keys(self) -> bool:
        """True while a modal screen opens or closes."""
        return self._held_keys is not None

    def hold_keys(self, owner: object) -> None:
        """Start holding keys for ``owner`` (a modal screen opening or closing); the latest owner releases."""
        if self._held_keys is None:
            self._held_keys = []
        self._held_for = owner

    def hold_key(self, event: events.Key) -> None:
        """Keep ``event`` for later and stop it here."""
        if self._held_keys is None:
            return
        self._held_keys.append(event)
        event.stop()
        event.prevent_default()

    def release_keys(self, owner: object) -> None:
        """Post the held keys to the app again, in the order they were typed, and stop holding; only when
        ``owner`` holds them."""
        if self._held_keys is None or owner is not self._held_for:
            return
        held, self._held_keys, self._held_for = self._held_keys, None, None
        post = getattr(self, "post_message")  # noqa: B009  (the App this is mixed into)
        # sorted by when they were read: a key read after the close may be held before one the closed
        # editor had yet to handle
        for event in sorted(held, key=lambda e: e.time):
            post(events.Key(event.key, event.character))

    def _typed_for(self) -> WeakKeyDictionary[events.Key, Screen[object]]:
        if self._typed_for_screen is None:
            self._typed_for_screen = WeakKeyDictionary()
        return self._typed_for_screen

    def route_key(self, event: events.Key) -> bool:
        """Hold ``event`` or hand it on when it is not for the screen now on top as it is: True when it was
        taken (the app must not act on it). Called for every key the app sees, read or bubbled back."""
        screen: Screen[object] = getattr(self, "screen")  # noqa: B009
        if not getattr(screen, "takes_keys", True):
            self.hold_keys(screen)  # a modal opening: its input is not focused yet
        if not event.is_forwarded:
            if self.holding_keys:
                self.hold_key(event)
                return True
            self._typed_for()[event] = screen
            return False
        typed_for = self._typed_for().get(event)
        if typed_for is None or typed_for is screen:
            return False
        # typed for a screen that was opened over or closed on its way up: for the one on top now
        if self.holding_keys:
            self.hold_key(event)
        else:
            event.stop()
            event.prevent_default()
            getattr(self, "post_message")(events.Key(event.key, event.character))  # noqa: B009
        return True

    def on_submit_settled(self, message: SubmitSettled) -> None:
        # The submission was refused (the screen is still on top): the keys typed after the enter go back
        # to the input, after the ones still queued there (which it holds meanwhile).
        widget = message.widget
        if widget.is_attached and widget.screen is getattr(self, "screen"):  # noqa: B009
            widget.call_later(message.resume)


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
