"""`mtreview align`: Align the sentences of a source document and its translation."""

from __future__ import annotations

import click

from ..errors import NotImplementedYet


@click.command("align", context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def align_cmd() -> None:
    """Align the sentences of a source document and its translation. (not implemented yet)."""
    raise NotImplementedYet("'mtreview align' is not implemented yet")
