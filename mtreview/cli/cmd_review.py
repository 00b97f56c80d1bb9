"""`mtreview review`: Open the review terminal UI."""

from __future__ import annotations

import click

from ..errors import NotImplementedYet


@click.command("review", context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def review_cmd() -> None:
    """Open the review terminal UI. (not implemented yet)."""
    raise NotImplementedYet("'mtreview review' is not implemented yet")
