"""The ``mtreview`` program's entry: the console script and ``python -m mtreview``.

Importing the CLI (click, and the modules it names) takes the first ~0.3 s of every run, before the CLI's
own handlers are in place; a Ctrl-C then printed a Python traceback (QA). Here it ends as any later Ctrl-C
does: one line, exit 130. Kept free of imports beyond ``sys`` so that the window is as small as it can be."""

from __future__ import annotations

import sys


def run() -> None:
    """Import the CLI and run it (``mtreview.cli.run``), a Ctrl-C during the import included."""
    try:
        from .cli import run as cli_run
    except KeyboardInterrupt:
        sys.stderr.write("mtreview: interrupted\n")
        raise SystemExit(130) from None
    cli_run()
