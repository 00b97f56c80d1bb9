"""`mtreview align`: align the sentences of a source document and its translation."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import click

from .options import check_distinct, check_languages, lang_options, model_note, reporter, text_encoding


def _line_file(path: str, side: Sequence[str], what: str, encoding: str | None, log: Callable[[str], None],
               presegmented: bool = False) -> list[str]:
    """A retranslation file's translation of each sentence of ``side`` (the first hypothesis of a .jsonl
    line); what reading it repaired goes to ``log``, as the documents' repairs do."""
    from ..errors import InputError
    from ..retranslation_files import best, read_retranslation

    notes: list[str] = []
    lines = best(read_retranslation(path, encoding, notes))
    if len(lines) != len(side):
        unit = "line" if presegmented else "sentence"
        # With --presegmented every line is a sentence, blank ones too: a file that ends with blank lines has
        # more "sentences" than its text shows (QA: "has 4 sentences" of a file of two lines and two blanks)
        trailing = next((k for k, text in enumerate(reversed(side)) if text.strip()), len(side))
        hint = f" (the last {_count(trailing, 'line')} of it blank)" if presegmented and trailing else ""
        rule = ("one line for each of them, blank ones included" if presegmented
                else "exactly one line per sentence")
        raise InputError(path, f"has {_count(len(lines), 'line')} but the {what} has "
                               f"{_count(len(side), unit)}{hint}; it must have {rule}, in order")
    for note in notes:
        log(note)
    return lines


def _count(n: int, noun: str) -> str:
    """``1 line``, ``3 lines``: counts in error messages read as English."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _check_stdin_once(source: str, target: str, retranslations: Sequence[str],
                      target_retranslations: Sequence[str]) -> None:
    """Refuse ``-`` (standard input) for more than one input: it can be read only once, and the second reader
    found it empty (QA: ``align - -`` said "-: no text: the file is empty or blank" of a document that was
    piped in, and ``align - t --retranslation -`` that the retranslation "has 0 lines")."""
    from ..errors import UsageError

    named = [("SOURCE", source), ("TARGET", target)]
    named += [("--retranslation", p) for p in retranslations]
    named += [("--target-retranslation", p) for p in target_retranslations]
    readers = [name for name, path in named if path == "-"]
    if len(readers) > 1:
        raise UsageError(f"- (standard input) given as {' and '.join(readers)}: standard input can be read only "
                         "once; save all but one of them to a file")


def _neural_retranslation(sources: Sequence[str], source_lang: str, target_lang: str,
                          log: Callable[[str], None], without: str) -> list[str] | None:
    """The source translated by the default neural model, or None (with one note saying ``without``, how the
    alignment goes on) when that cannot be."""
    from .. import retranslate as rt
    from ..errors import MtReviewError

    if not rt.neural_available():
        log("note: no --retranslation and the neural engine is not installed (pip install 'mtreview[neural]');"
            f" {without}")
        return None
    try:
        hyps = rt.translate(list(sources), source_lang, target_lang)
    except MtReviewError as err:
        log(model_note(err, without))
        return None
    except (OSError, RuntimeError, ValueError) as err:  # a model that loads but cannot run here
        log(f"note: the neural retranslation failed ({type(err).__name__}: {err}); {without}")
        return None
    return [h[0] if h else "" for h in hyps]


def _print_table(beads: Sequence[object], src: Sequence[str], tgt: Sequence[str]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_lines=False, expand=True, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("src", justify="right", no_wrap=True)
    table.add_column("Source", ratio=1)
    table.add_column("tgt", justify="right", no_wrap=True)
    table.add_column("Target", ratio=1)
    table.add_column("conf", justify="right", no_wrap=True)

    def idx(ids: Sequence[int]) -> Text:
        return Text(",".join(str(i) for i in ids) if ids else "-")

    for k, bead in enumerate(beads, 1):
        s_ids, t_ids, conf = bead.source, bead.target, bead.confidence  # type: ignore[attr-defined]
        # Text objects: segment text is shown literally, never parsed as console markup.
        table.add_row(Text(str(k)), idx(s_ids), Text(" ".join(src[i] for i in s_ids)),
                      idx(t_ids), Text(" ".join(tgt[j] for j in t_ids)), Text(f"{conf:.2f}"))
    # Piped output is not limited to a terminal's width.
    width = None if sys.stdout.isatty() else 160
    Console(markup=False, highlight=False, soft_wrap=False, width=width).print(table)


@click.command("align")
@click.argument("source", type=click.Path(dir_okay=False))
@click.argument("target", type=click.Path(dir_okay=False))
@lang_options
@click.option("--retranslation", "retranslations", multiple=True, type=click.Path(dir_okay=False),
              help="SOURCE translated into the target language, one line per source sentence (repeatable; "
                   "several are combined: their similarities are averaged).")
@click.option("--target-retranslation", "target_retranslations", multiple=True, type=click.Path(dir_okay=False),
              help="TARGET translated back into the source language, one line per target sentence "
                   "(repeatable; optional second signal).")
@click.option("--presegmented", is_flag=True,
              help="One sentence per line in SOURCE and TARGET (indices are then line numbers, from 0).")
@click.option("--no-neural", is_flag=True, help="Without --retranslation, do not try the neural engine.")
@click.option("--embeddings/--no-embeddings", default=None,
              help="Also compare SOURCE and TARGET directly with multilingual sentence embeddings (USE "
                   "multilingual v3, 16 languages; the 'embed' extra). Default: on when that extra is "
                   "installed, it knows both languages and the documents hold at most 6,000 sentences "
                   "together. Most useful with no or a poor retranslation; costs ~1.5 ms a sentence.")
@click.option("--json", "as_json", is_flag=True,
              help='Print a JSON array of beads {"source": [i...], "target": [j...], "confidence": x}.')
@click.option("--encoding", default=None, callback=text_encoding,
              help="Encoding of the input files that are not UTF-8 (e.g. cp1251); a valid UTF-8 file is read as UTF-8.")
def align_cmd(source: str, target: str, source_lang: str, target_lang: str, retranslations: tuple[str, ...],
              target_retranslations: tuple[str, ...], presegmented: bool, no_neural: bool, embeddings: bool | None,
              as_json: bool, encoding: str | None) -> None:
    """Align the sentences of SOURCE with those of TARGET (its translation).

    Beads pair a source sentences with b target sentences, a + b up to six (1-1, 1-2, 2-1, 2-2, 3-3, ...),
    or leave a sentence unaligned (a sentence with no counterpart, such as web-page boilerplate). The main signal is the similarity between TARGET and SOURCE translated
    into the target language (--retranslation files, or the neural engine when installed); length,
    numbers, names, punctuation and paragraph breaks support it. Sentence indices start at 0.

    \b
    Examples:
      mtreview align source.ru.txt mt.en.txt -s ru -t en
      mtreview align src.txt tgt.txt -s de -t fr --presegmented --retranslation src.fr.txt --json
      mtreview align src.de.txt tgt.fr.txt -s de -t fr --no-neural --embeddings
    """
    from .. import sentence_embeddings
    from ..align import unrelated_warning
    from ..align_progress import document_aligner
    from ..document_sides import read_side
    from ..errors import UsageError
    from .options import _same_file
    from .score_inputs import check_not_the_source

    log = reporter()
    check_languages(source_lang, target_lang)
    _check_stdin_once(source, target, retranslations, target_retranslations)
    check_distinct("--retranslation", retranslations)
    check_distinct("--target-retranslation", target_retranslations)
    # SOURCE given again as TARGET or as its own retranslation aligned every sentence with itself, exit 0 and
    # no warning (QA; score refuses the same mistake)
    check_not_the_source(source, {"TARGET": [target], "--retranslation": list(retranslations)})
    # TARGET given as the retranslation matched every sentence with itself: confidence 1.0 throughout, for an
    # alignment that rested on length alone (QA; import and score refuse the same mistake)
    for path in retranslations:
        if path != "-" and target != "-" and _same_file(path, target):
            raise UsageError(f"--retranslation {path}: is TARGET itself, which every sentence would match; give "
                             "a translation of SOURCE made by another system (or none)")
    aligner = document_aligner(source_lang, target_lang, embeddings, log=log)  # before any reading or translating
    mode = "presegmented" if presegmented else "documents"
    src = read_side(source, source_lang, mode, encoding)
    tgt = read_side(target, target_lang, mode, encoding)
    for side in (src, tgt):
        for note in side.notes:
            log(f"{side.path}: {note}")
    src_texts = [s.text for s in src.sentences]
    tgt_texts = [s.text for s in tgt.sentences]
    retr = [_line_file(p, src_texts, f"source ({Path(source).name})", encoding, log, presegmented)
            for p in retranslations]
    tretr = [_line_file(p, tgt_texts, f"target ({Path(target).name})", encoding, log, presegmented)
             for p in target_retranslations]
    if not retr and not no_neural:
        # QA: the note said "length and anchors only" while the embeddings (the default) aligned all the same
        without = ("aligning on length, anchors and sentence embeddings"
                   if sentence_embeddings.wanted(embeddings, source_lang, target_lang)
                   else "aligning on length and anchors only")
        neural = _neural_retranslation(src_texts, source_lang, target_lang, log, without)
        if neural is not None:
            retr = [neural]
    beads = aligner(
        src_texts, tgt_texts,
        source_paragraphs=[s.paragraph for s in src.sentences],
        target_paragraphs=[s.paragraph for s in tgt.sentences],
        retranslations=retr or None, target_retranslations=tretr or None,
    )
    if (warning := unrelated_warning(beads, src.path, tgt.path)) is not None:
        log(warning)
    if as_json:
        out = [{"source": list(b.source), "target": list(b.target), "confidence": round(b.confidence, 4)}
               for b in beads]
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    else:
        _print_table(beads, src_texts, tgt_texts)
