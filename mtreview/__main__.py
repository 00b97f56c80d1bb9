"""``python -m mtreview``."""

from .cli import run

run()
