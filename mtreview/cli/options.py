"""Options and small helpers shared by several subcommands."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import click


class ReviewerName(click.ParamType):
    """A reviewer's name as recorded with each decision and note: not blank, and without control characters
    (a tab or line break in it broke the note listing's four fields and the exports' attributes; a name of
    spaces recorded decisions no one could tell apart from an unnamed reviewer's)."""

    name = "name"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import unicodedata

        text = str(value)
        if not text.strip():
            self.fail("a name is needed (it is blank); leave the option out to record $USER.", param, ctx)
        for char in text:
            if unicodedata.category(char) == "Cc":
                self.fail(f"{text!r} has a control character (U+{ord(char):04X}); give the name on its own.",
                          param, ctx)
        return text.strip()


class RiskValue(click.FloatRange):
    """A risk threshold: a number from 0 to 1. ``nan`` is refused (click's range check lets it through, since
    every comparison with it is false, and a filter on it would silently keep or drop everything)."""

    name = "risk"

    def __init__(self) -> None:
        super().__init__(0.0, 1.0)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        import math

        number = super().convert(value, param, ctx)
        if isinstance(number, float) and math.isnan(number):
            self.fail(f"{value!r} is not a number from 0 to 1.", param, ctx)
        return number


class ConfidenceValue(RiskValue):
    """An alignment-confidence threshold (``decide --min-confidence``): a number from 0 to 1, ``nan`` refused
    as for a risk (QA: ``--min-confidence nan`` selected every segment, every comparison with it false)."""

    name = "confidence"


def normalise_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Click callback: a language option's code as mtreview keys on it (``rus`` -> ``ru``; see
    ``langcodes.normalise``); checked later by :func:`check_languages`."""
    from ..langcodes import normalise

    return normalise(value) if value is not None else None


def lang_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--source-lang`` and ``--target-lang`` (ISO 639-1 codes)."""
    func = click.option("--target-lang", "-t", required=True, metavar="LANG", callback=normalise_lang,
                        help="Language of the translation, e.g. en.")(func)
    func = click.option("--source-lang", "-s", required=True, metavar="LANG", callback=normalise_lang,
                        help="Language of the source, e.g. ru.")(func)
    return func


def check_languages(source_lang: str | None, target_lang: str | None) -> None:
    """Refuse an unknown language code, or a pair with the same language on both sides (usage errors)."""
    from ..errors import UsageError
    from ..langcodes import language_problem

    for option, code in (("--source-lang", source_lang), ("--target-lang", target_lang)):
        problem = language_problem(code) if code is not None else None
        if problem:
            raise UsageError(f"{option} {code!r}: {problem}")
    if source_lang and target_lang and source_lang.strip().lower() == target_lang.strip().lower():
        raise UsageError(f"--source-lang and --target-lang are both {source_lang}: the MT must be in "
                         "another language than its source")


def check_distinct(option: str, paths: Sequence[str]) -> None:
    """Refuse a file given twice to a repeatable option (``--retranslation``): it would count as two
    pseudo-references that agree on every word, lowering every risk and inflating multi-reference BLEU."""
    from ..errors import UsageError

    seen: list[str] = []
    for path in paths:
        for earlier in seen:
            if _same_file(path, earlier):
                raise UsageError(f"{option} {path}: given twice (as {earlier} too): each file is one "
                                 "pseudo-reference")
        seen.append(path)


def _same_file(a: str, b: str) -> bool:
    import os
    from pathlib import Path

    try:
        return os.path.samefile(a, b)
    except OSError:  # a missing file: the reader names it
        return Path(a).resolve() == Path(b).resolve()


def check_not_the_mt(mt: str, references: dict[str, Sequence[str | None]]) -> None:
    """Refuse the MT file given as its own pseudo-reference or reference (``{option: paths}``): every
    segment then scores BLEU 100 and a low risk, which looks like a perfect MT (QA: exit 0 and no word of
    warning). Standard input (``-``) is no file to compare."""
    from ..errors import UsageError

    if mt == "-":
        return
    for option, paths in references.items():
        for path in paths:
            if path is not None and path != "-" and _same_file(path, mt):
                raise UsageError(f"{option} {path}: is the MT itself, which would be scored against itself "
                                 "(BLEU 100 on every segment); give another translation of the source")


def note_copies_of_the_mt(mt: str, references: dict[str, Sequence[str | None]], log: Any) -> None:
    """Say so when a pseudo-reference or reference (``{option: paths}``) is a copy of the MT, byte for byte,
    or two ``--retranslation`` files are copies of each other: refusing the same file (``check_not_the_mt``,
    ``check_distinct``) missed a copy (QA: ``cp mt.txt c.txt``, then ``--retranslation c.txt`` scored BLEU 100
    on every segment, exit 0). A note, not an error: a tiny file may rightly equal the MT."""
    files = [(option, path) for option, paths in references.items() for path in paths
             if path is not None and path != "-"]
    if mt != "-":
        for option, path in files:
            if _same_bytes(path, mt):
                log(f"{option} {path}: the same text as the MT {mt}, so every segment scores as perfect against "
                    "it; give another translation of the source")
    pseudo = [(o, p) for o, p in files if o == "--retranslation"]
    for i, (option, path) in enumerate(pseudo):
        for _, earlier in pseudo[:i]:
            if _same_bytes(path, earlier):
                log(f"{option} {path}: the same text as {earlier}: two pseudo-references that agree on every "
                    "word lower every risk; give each file once")
                break


def _same_bytes(a: str, b: str) -> bool:
    """Two different regular files of the same size and the same bytes (read 1 MiB at a time, stopping at the
    first difference). The same file is no copy: ``check_not_the_mt`` refuses that."""
    import os
    import stat

    try:
        sa, sb = os.stat(a), os.stat(b)
    except OSError:
        return False
    if not (stat.S_ISREG(sa.st_mode) and stat.S_ISREG(sb.st_mode)) or sa.st_size != sb.st_size or sa.st_size == 0:
        return False
    if (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino):
        return False
    try:
        with open(a, "rb") as fa, open(b, "rb") as fb:
            while True:
                x, y = fa.read(1 << 20), fb.read(1 << 20)
                if x != y:
                    return False
                if not x:
                    return True
    except OSError:
        return False


# Suffixes that announce a bilingual file (a translation memory, an XLIFF job, a table of pairs): imported
# alone, never read as one side of a pair of plain-text documents.
BILINGUAL_SUFFIXES = (".tmx", ".xlf", ".xliff", ".xlf2", ".xliff2", ".sdlxliff", ".tsv", ".csv", ".jsonl",
                      ".ndjson", ".parquet")


def is_bilingual_name(path: str) -> bool:
    """Whether ``path``'s name announces a bilingual file (``BILINGUAL_SUFFIXES``), compressed or not
    (``memory.tmx.gz``)."""
    from ..compressed import uncompressed_name

    return uncompressed_name(path).lower().endswith(BILINGUAL_SUFFIXES)


def text_encoding(ctx: Any, param: Any, value: str | None) -> str | None:
    """Click callback of every ``--encoding``: refuse a codec that is no text encoding (rot13, hex, base64,
    zlib: bytes to bytes or text to text), which the readers met with a traceback (QA: exit 1, "TypeError:
    descriptor 'translate' ..."). A name no codec has is left to the reader, which names the file."""
    import codecs

    import click

    if value is None:
        return value
    try:
        info = codecs.lookup(value)
    except LookupError:
        return value
    if not getattr(info, "_is_text_encoding", True):
        raise click.BadParameter(f"{value!r} is not a text encoding (e.g. utf-8, cp1251, latin-1, utf-16)")
    return value


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 segment``, ``2 segments``."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


_MODEL_NOTE_CHARS = 200


def model_note(err: object, consequence: str) -> str:
    """A short note (two lines at most) for a model that cannot be had: its name and reason, not the
    whole how-to-get-it text ('mtreview retranslate --help' has that)."""
    msg = str(err).strip().splitlines()[0] if str(err).strip() else "no model"
    if "): " in msg:  # "model X is not available (reason): how to get it"
        msg = msg.split("): ", 1)[0] + ")"
    # 200 characters keep a whole reason of the model lookups (a half-downloaded cache copy's runs to ~180:
    # cut at 130 it read "lacks model.safetensors, as an..."); longer, the innermost detail goes first
    # ("... cannot be reached (Name or service not known))"), then the end.
    if len(msg) > _MODEL_NOTE_CHARS:
        msg = re.sub(r"\s*\([^()]*\)(?=\)$)", "", msg)
    if len(msg) > _MODEL_NOTE_CHARS:
        msg = msg[:_MODEL_NOTE_CHARS - 3].rsplit(" ", 1)[0] + "..."
    return (f"note: no retranslation model, {consequence} (or pass --retranslation FILE)\n"
            f"  {msg}; to get one: mtreview retranslate --help")


def reporter() -> Callable[[str], None]:
    """A logger for notes on stderr (repairs made to input, progress milestones)."""

    def log(msg: str) -> None:
        print(f"mtreview: {msg}", file=sys.stderr)

    return log
