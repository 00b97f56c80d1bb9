"""The end of a ``score`` run: its ``--summary`` written, and the one line that says what was scored."""

from __future__ import annotations

import json
from typing import Any

import click

from .options import plural
from .outputs import is_devnull, is_stdout

_FLAGS_SHOWN = 5  # checks named on the closing line, the commonest first (the summary has them all)


def finish(result: dict[str, Any], summary: str | None, count: int, output: str | None, log: Any) -> None:
    """Write the ``--summary`` (JSON; ``-`` prints it) and say on one line what was scored: segments, those at
    high risk, corpus scores and the commonest flags. A summary that cannot be written says what was kept."""
    if is_stdout(summary):
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    elif summary and not is_devnull(summary):
        from ..errors import MtReviewError, UsageError
        from ..formats.atomic import atomic_write

        try:
            with atomic_write(summary, compress=True) as fh:  # sum.json.gz: gzip-compressed, as report reads it
                fh.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        except (OSError, MtReviewError) as err:
            # The records were written before the summary: say that they are whole (QA: a full disk under
            # the summary said only "cannot write", exit 2, and a script could not tell the records were good)
            text = str(err) if isinstance(err, MtReviewError) else f"{summary}: cannot write: {err.strerror or err}"
            saved = []
            if output and not is_devnull(output):
                saved.append(f"the {plural(count, 'record')} were written whole to "
                             + ("standard output" if is_stdout(output) else output))
            if result.get("project"):
                # QA: the project's new scores were saved before, and the error let a script think none were
                saved.append(f"the project's new scores were saved in {result['project']}")
            if not saved:
                raise
            raise UsageError(f"{text}; the summary is not written, but " + " and ".join(saved)) from None
    corpus = result.get("corpus", {}).get("pseudo") or {}
    parts = [f"{plural(count, 'segment')} scored"]
    if result.get("blank_pairs"):  # counted in the segments (their ids are line numbers), but not scored
        parts[0] += f" ({result['blank_pairs']} blank in source and MT: not scored)"
    high = result.get("high_risk")
    if high and high["segments"]:  # the count the report's key figures and the review screen's N key give
        parts.append(f"{high['segments']} at risk \u2265 {high['threshold']:g}")
    if corpus:
        parts.append("corpus vs pseudo-references: " + ", ".join(
            f"{name} {corpus[name]['score']:.1f}" for name in ("bleu", "chrf", "ter") if name in corpus))
    ref = result.get("corpus", {}).get("reference") or {}
    if ref:
        parts.append("vs reference: " + ", ".join(f"{n} {ref[n]['score']:.1f}" for n in ("bleu", "chrf", "ter")))
    if result.get("flags"):
        shown = list(result["flags"].items())[:_FLAGS_SHOWN]
        more = len(result["flags"]) - len(shown)
        # QA: the sixth check and after were left out without a word, so the line read as every flag raised
        parts.append("flags: " + ", ".join(f"{k} {v}" for k, v in shown)
                     + (f", and {plural(more, 'other check')}" if more else ""))
    log("; ".join(parts) + (f" -> {output}" if output and not is_stdout(output) and not is_devnull(output) else ""))
