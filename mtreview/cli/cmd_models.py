"""`mtreview models`: manage translation models (conversion to CTranslate2, cache)."""

from __future__ import annotations

import click

from ..errors import NotImplementedYet


@click.group("models")
def models_group() -> None:
    """Manage translation models: convert to CTranslate2, list the cache."""


@models_group.command("convert", context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def convert_cmd() -> None:
    """Convert a transformers model to CTranslate2 (not implemented yet)."""
    raise NotImplementedYet("'mtreview models convert' is not implemented yet")
