"""The base of the review app's modal screens (the editor, the dialogs, the help): each opens clear of
notifications.

Toasts sit in the bottom right corner for 5 to 15 s, and over a modal screen they covered the editor's
text and its hint line, or a dialog's input, while the reviewer was about to type there. So a modal
screen clears the toasts when it comes up, the app drops one raised before the modal opened that was
still on its way (a key typed just before ``e``: ``ReviewApp.on_notify``), and the main screen holds
what it has to say while a modal covers it (``MainScreen.notify``). What the modal itself says (the
editor's "press escape again") still shows: it answers the key just pressed.
"""

from __future__ import annotations

from time import time

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, ScreenResultType

from ..key_relay import KeyRelay


class ReviewModal(ModalScreen[ScreenResultType]):
    """A modal screen that opens clear of notifications."""

    def __init__(self, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.opened_at = time()
        """When this screen was made (Unix time, as ``Notification.raised_at``): a notification raised
        before is not shown over it."""
        self.takes_keys = False
        """False until mounted with its input focused: the app holds the keys typed meanwhile (those of
        the burst that opened it: e then text, / then a search term) and hands them on then."""

    def on_screen_resume(self) -> None:
        self.app.clear_notifications()

    def on_mount(self) -> None:
        # Runs after the subclass's on_mount, whose focus() is queued on the app before the keys released
        # here: they reach the input it focused.
        self.takes_keys = True
        app = self.app
        if isinstance(app, KeyRelay):
            app.release_keys(self)

    def on_unmount(self) -> None:
        # Gone, its result acted on: never leave the keyboard held (the release queued in dismiss is the
        # one that normally runs, on the pump that pushed this screen).
        app = self.app
        if isinstance(app, KeyRelay):
            app.release_keys(self)

    def dismiss(self, result: ScreenResultType | None = None) -> AwaitComplete:
        """Close, taking this screen's own toasts with it: they answered keys pressed in it ("press escape
        again to discard them") and, left over the list, read as if still pending (QA: beside "edit
        discarded"). The main screen's held messages show after, as it resumes."""
        self.app.clear_notifications()
        app = self.app
        if not isinstance(app, KeyRelay):
            return super().dismiss(result)
        app.hold_keys(self)
        try:  # the result callback runs on the pump that pushed this screen (a private Textual API)
            requester = self._result_callbacks[-1].requester
        except (AttributeError, IndexError):
            requester = None
        done = super().dismiss(result)
        # queued after the result callback on the same pump: the held keys act on what it showed
        (requester or app).call_next(app.release_keys, self)
        return done
