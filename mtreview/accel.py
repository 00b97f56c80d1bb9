"""Optional native accelerators: load them if they were built, else let callers use pure Python.

Every native module computes exactly what a pure-Python implementation in this package computes (the
tests compare both); it only makes batch scoring faster. ``MTREVIEW_NO_NATIVE=1`` forces the Python paths
(for debugging, or to compare), and ``status()`` says which paths are live (``mtreview --version`` shows it).
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

# module name (inside mtreview) -> what it speeds up, for status()
NATIVE_MODULES = {
    "_ter_native": "TER edit distance and shifts",
    "_ngram_native": "n-gram counting (BLEU, chrF, chrF++)",
}


def disabled() -> bool:
    """True when the environment asks for the pure-Python paths."""
    return os.environ.get("MTREVIEW_NO_NATIVE", "").strip() not in ("", "0")


def load(name: str) -> ModuleType | None:
    """The native module ``mtreview.<name>``, or None if it was not built or is disabled."""
    if disabled():
        return None
    try:
        return importlib.import_module(f"mtreview.{name}")
    except ImportError:
        return None


def status() -> dict[str, str]:
    """For each accelerator: 'native', 'python (not built)' or 'python (MTREVIEW_NO_NATIVE)'."""
    out = {}
    for name, what in NATIVE_MODULES.items():
        if disabled():
            state = "python (MTREVIEW_NO_NATIVE)"
        else:
            state = "native" if load(name) is not None else "python (not built)"
        out[what] = state
    return out
