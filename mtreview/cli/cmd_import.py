"""`mtreview import`: build a review project from a source document and its machine translation."""

from __future__ import annotations

import click

from .options import lang_options, reporter


@click.command("import")
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("mt", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="Project file to create (suffix .mtr).")
@lang_options
@click.option("--reference", type=click.Path(dir_okay=False), help="A human reference translation of SOURCE.")
@click.option("--retranslation", "retranslations", multiple=True, type=click.Path(dir_okay=False),
              help="Translations of SOURCE made elsewhere, one line per source sentence (repeatable).")
@click.option("--aligned", "mode", flag_value="aligned", help="Line i of every file is segment i.")
@click.option("--presegmented", "mode", flag_value="presegmented",
              help="One sentence per line; lines are aligned, not paired.")
@click.option("--encoding", default=None, help="Input encoding when not UTF-8 (e.g. cp1251).")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def import_cmd(source: str, mt: str, output: str, source_lang: str, target_lang: str, reference: str | None,
               retranslations: tuple[str, ...], mode: str | None, encoding: str | None, force: bool) -> None:
    """Build a project from SOURCE (the original) and MT (its machine translation).

    Both documents are split into sentences (razdel for Russian, sentencex for other languages) and
    aligned; the project file then feeds `retranslate`, `score`, `review` and `export`.

    \b
    Example:
      mtreview import source.ru.txt mt.en.txt --source-lang ru --target-lang en -o article.mtr
    """
    from ..project_build import build_project
    from ..store import Project

    log = reporter()
    path = build_project(source, mt, output, source_lang, target_lang, reference=reference,
                         retranslations=retranslations, mode=mode or "documents", encoding=encoding,
                         force=force, log=log)
    with Project.open(path) as project:
        n = project.count_segments()
    click.echo(f"{path}: {n} segments", err=True)
