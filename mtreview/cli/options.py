"""Options and small helpers shared by several subcommands."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import click


def lang_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--source-lang`` and ``--target-lang`` (ISO 639-1 codes)."""
    func = click.option("--target-lang", "-t", required=True, metavar="LANG",
                        help="Language of the translation, e.g. en.")(func)
    func = click.option("--source-lang", "-s", required=True, metavar="LANG",
                        help="Language of the source, e.g. ru.")(func)
    return func


def reporter() -> Callable[[str], None]:
    """A logger for notes on stderr (repairs made to input, progress milestones)."""

    def log(msg: str) -> None:
        print(f"mtreview: {msg}", file=sys.stderr)

    return log
