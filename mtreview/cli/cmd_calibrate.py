"""`mtreview calibrate`: Refit the risk weights from a project's own decisions."""

from __future__ import annotations

import click

from ..errors import NotImplementedYet


@click.command("calibrate", context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def calibrate_cmd() -> None:
    """Refit the risk weights from a project's own decisions. (not implemented yet)."""
    raise NotImplementedYet("'mtreview calibrate' is not implemented yet")
