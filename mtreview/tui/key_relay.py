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

So the app holds keys (and pastes) while a modal screen closes (from its dismiss, or from the enter that
submits it, until the result callback has acted on the screen below) and while one opens (from its push
until it has focused its input), and then hands them on in the order they were typed. A key still on its
way up from a screen that is no longer on top (``typed_for``) is held too.

Handing on waits until every key still on its way has come back: a marker (``KeysSettled``) goes through
each widget keys were handed to, and through the app's own queue, and the held keys are handed on, by the
app itself, only when all markers are back. Posting them to the app again put them behind keys read
meanwhile (QA, tmux: a 500-key burst e, text, ctrl+s, j…, a saved the edit without its first 41
characters and then rejected 41 segments with them, after the a). A hold whose owner never releases it
ends after ``HOLD_LIMIT_S`` (the app would otherwise ignore every key).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast
from weakref import WeakKeyDictionary, WeakSet

from textual import events
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widget import Widget

HOLD_LIMIT_S = 3.0
"""The longest a hold may last: a modal opening or closing takes milliseconds, even on a loaded machine."""

Typed = events.Key | events.Paste
"""What the app holds: keys and bracketed pastes (a paste typed right after e went to the list and was lost,
and ctrl+s then saved the untouched MT)."""


class SubmitSettled(Message):
    """Posted by an input right after its ``Submitted``: it follows that message up, hop by hop, and reaches
    the app once the screen has acted on the submission (closed, or refused it and stayed open)."""

    def __init__(self, widget: Widget, resume: Callable[[], None]) -> None:
        super().__init__()
        self.widget = widget
        self.resume = resume
        """Run on the input's own message pump when the screen stayed open: gives the keys back."""


class KeysSettled(Message):
    """A marker sent behind the keys handed to a widget: back at the app, none of them is on its way."""

    def __init__(self, token: object) -> None:
        super().__init__()
        self.token = token


def _copy(event: Typed) -> Typed:
    """A fresh event for ``event`` (a handled event is stopped), keeping when it was typed."""
    new: Typed = events.Paste(event.text) if isinstance(event, events.Paste) else events.Key(event.key, event.character)
    new.time = event.time
    return new


class KeyRelay:
    """The app side: holds keys while a modal screen opens or closes, then hands them on in typed order."""

    _held_keys: list[Typed] | None = None
    """Keys held while a modal opens or closes (None: not holding)."""
    _held_for: object = None
    """Whose hold it is (the opening or closing screen, or a release's token): only its own release ends
    it, so that a screen closing late does not release the keys held for one opening meanwhile."""
    _markers_out = 0
    """``KeysSettled`` markers of the current release not yet back."""
    _hold_serial = 0
    _typed_for_screen: WeakKeyDictionary[Typed, Screen[object]] | None = None
    _targets: WeakSet[MessagePump] | None = None
    """Where keys were handed since the last release: keys may still be on their way up from there."""
    focus_left: Widget | None = None
    """The widget a dialog's tab or shift+tab just moved the focus from (``move_focus_in_order``)."""

    @property
    def holding_keys(self) -> bool:
        """True while a modal screen opens or closes."""
        return self._held_keys is not None

    def hold_keys(self, owner: object) -> None:
        """Start holding keys for ``owner`` (a modal screen opening or closing); the latest owner releases."""
        if self._held_keys is None:
            self._held_keys = []
            self._hold_serial += 1
            serial = self._hold_serial
            # never hold for ever: a frozen review is worse than a key handed on early
            getattr(self, "set_timer")(HOLD_LIMIT_S, lambda: self._hold_expired(serial))  # noqa: B009
        self._held_for = owner

    def hold_key(self, event: Typed) -> None:
        """Keep ``event`` for later and stop it here."""
        if self._held_keys is None:
            return
        self._held_keys.append(event)
        event.stop()
        event.prevent_default()

    def release_keys(self, owner: object) -> None:
        """Hand the held keys on, in the order they were typed, once none is still on its way up (keys read
        meanwhile are held behind them); only when ``owner`` holds them."""
        if self._held_keys is None or owner is not self._held_for:
            return
        token = self._held_for = object()
        targets, self._targets = list(self._targets or ()), None
        app = cast(MessagePump, self)  # the App this is mixed into
        out = 0
        for target in [*targets, app]:
            marker = KeysSettled(token).set_sender(app)  # bubbles all the way up to the app
            if target is app or (isinstance(target, Widget) and target.is_attached):
                out += bool(target.post_message(marker))
        self._markers_out = out
        if not out:
            app.call_next(self._hand_on, token)

    async def on_keys_settled(self, message: KeysSettled) -> None:
        message.stop()
        if message.token is self._held_for:
            self._markers_out -= 1
            if self._markers_out <= 0:
                await self._hand_on(message.token)

    async def _hand_on(self, token: object) -> None:
        """Hand the held keys on, in typed order, as if read now (a key that starts a new hold is held
        again with the ones after it)."""
        if self._held_keys is None or token is not self._held_for:
            return
        held, self._held_keys, self._held_for = self._held_keys, None, None
        on_event = getattr(self, "on_event")  # noqa: B009
        for event in sorted(held, key=lambda e: e.time):
            await on_event(_copy(event))

    async def _hold_expired(self, serial: int) -> None:
        if self._held_keys is None or serial != self._hold_serial:
            return
        owner = self._held_for
        if getattr(owner, "takes_keys", True) is False:
            setattr(owner, "takes_keys", True)  # noqa: B010  (never mounted: do not hold for it again)
        token = self._held_for = object()
        await self._hand_on(token)

    def _typed_for(self) -> WeakKeyDictionary[Typed, Screen[object]]:
        if self._typed_for_screen is None:
            self._typed_for_screen = WeakKeyDictionary()
        return self._typed_for_screen

    def route_key(self, event: Typed) -> bool:
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
            if self._targets is None:
                self._targets = WeakSet()
            self._targets.add(getattr(self, "focused", None) or screen)
            return False
        typed_for = self._typed_for().get(event)
        if typed_for is None or typed_for is screen:
            return False
        # typed for a screen that was opened over or closed on its way up: for the one on top now, after
        # any key still on its way
        if not self.holding_keys:
            self.hold_keys(event)
            self.hold_key(event)
            self.release_keys(event)
        else:
            self.hold_key(event)
        return True

    def on_submit_settled(self, message: SubmitSettled) -> None:
        # The submission was refused (the screen is still on top): the keys typed after the enter go back
        # to the input, after the ones still queued there (which it holds meanwhile).
        widget = message.widget
        if widget.is_attached and widget.screen is getattr(self, "screen"):  # noqa: B009
            widget.call_later(message.resume)


def hold_stray_key(widget: Widget, event: Typed) -> bool:
    """Hold ``event`` for the screen below when it reached ``widget`` after ``widget``'s screen closed (a
    key of the same burst as the ctrl+s, escape or enter that closed it), or for the next field when it
    reached ``widget`` after a tab moved the focus away from it (``move_focus_in_order``). True when held."""
    app = widget.app
    if not isinstance(app, KeyRelay) or not app.holding_keys or not widget.is_attached:
        return False
    left = app.focus_left is widget and getattr(app, "focused", None) is not widget
    if widget.screen is app.screen and not left:
        return False
    app.hold_key(event)
    return True


def move_focus_in_order(screen: Screen[object], move: Callable[[], object]) -> None:
    """Move the focus with ``move`` (a dialog's tab or shift+tab, run in typed order by the ordered widgets);
    the keys typed behind it that were already handed to the field it left are held and handed on to the
    new field in typed order (QA: "f Tab Tab 0.5" put nothing in the risk field; with tab a priority
    binding instead, ``f Down Down Down Enter Tab Down Enter Enter`` moved the focus ahead of the keys still
    on their way to the status list, and said "No filter")."""
    app = screen.app
    left = getattr(app, "focused", None)
    if not isinstance(app, KeyRelay) or left is None:
        move()
        return
    token = object()
    app.hold_keys(token)
    app.focus_left = left
    move()
    # the markers go behind the keys queued at the field left: handed on once those are held
    app.release_keys(token)
