"""`mtreview export`: write the cleaned corpus (or everything, with --all)."""

from __future__ import annotations

import json

import click

FORMATS = ("jsonl",)


@click.command("export")
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="Output format.")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="File to write ('-' for standard output).")
@click.option("--all", "include_all", is_flag=True, help="Every segment with its status, not only the cleaned corpus.")
@click.option("--max-risk", type=float, default=None, help="Leave out segments whose risk is above this.")
def export_cmd(project: str, fmt: str, output: str, include_all: bool, max_risk: float | None) -> None:
    """Export PROJECT: by default the cleaned corpus (accepted and edited segments), in document order.

    \b
    Example:
      mtreview export article.mtr --format jsonl -o clean.jsonl
    """
    import sys

    from ..export import ExportTally, atomic_write, export_records
    from ..store import Project

    tally = ExportTally()
    with Project.open(project) as proj:
        records = export_records(proj, include_all=include_all, tally=tally, max_risk=max_risk)
        if output == "-":
            for rec in records:
                sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        else:
            with atomic_write(output) as fh:
                for rec in records:
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    click.echo(f"{output}: {tally.summary()}", err=True)
