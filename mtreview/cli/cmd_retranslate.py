"""`mtreview retranslate`: Retranslate source text with neural models to get pseudo-references."""

from __future__ import annotations

import click

from ..errors import NotImplementedYet


@click.command("retranslate", context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def retranslate_cmd() -> None:
    """Retranslate source text with neural models to get pseudo-references. (not implemented yet)."""
    raise NotImplementedYet("'mtreview retranslate' is not implemented yet")
