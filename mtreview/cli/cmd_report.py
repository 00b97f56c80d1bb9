"""`mtreview report`: Write an HTML, Markdown or JSON report of a project or a scores file."""

from __future__ import annotations

import click

from ..errors import NotImplementedYet


@click.command("report", context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def report_cmd() -> None:
    """Write an HTML, Markdown or JSON report of a project or a scores file. (not implemented yet)."""
    raise NotImplementedYet("'mtreview report' is not implemented yet")
