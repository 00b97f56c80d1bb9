"""`mtreview score`: Score segments with BLEU, chrF, TER and checks, and rank them by risk."""

from __future__ import annotations

import click

from ..errors import NotImplementedYet


@click.command("score", context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def score_cmd() -> None:
    """Score segments with BLEU, chrF, TER and checks, and rank them by risk. (not implemented yet)."""
    raise NotImplementedYet("'mtreview score' is not implemented yet")
