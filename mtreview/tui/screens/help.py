"""The help screen: every key, from the same table as the bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import help_rows


class HelpScreen(ModalScreen[None]):
    """A list of the keys; escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "close", "Close", id="close")]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, text in help_rows():
            table.add_row(Text(key), Text(text))
        title = Text("mtreview review: keys", style="bold")
        title.append("   (escape, q or ? closes)", style="dim")
        with VerticalScroll(id="help-box"):
            yield Static(title, id="help-title")
            yield Static(table, id="help-table")

    def action_close(self) -> None:
        self.dismiss(None)
