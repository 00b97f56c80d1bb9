"""``python -m mtreview``."""

from .entry import run

run()
