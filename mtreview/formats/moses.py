"""Moses pairs: two plain-text files, line i of one the translation of line i of the other.

Reading takes both files (``read_units((src, tgt))``, or a prefix ``corpus`` with ``corpus.ru`` and
``corpus.en`` for ``--source-lang ru --target-lang en``); the line counts must match. The prefix finds
each file plain or compressed (``corpus.ru.gz``, ``.xz``, ``.bz2``: what ``export -o corpus.gz`` writes);
a side found both ways (``corpus.ru`` and ``corpus.ru.gz``) is refused, since either may be the stale one. Lines are split on
``\\n`` only, so U+2028 and U+0085 stay inside their line. Writing ``-o corpus`` creates ``corpus.<source
lang>`` and ``corpus.<target lang>`` together (both synced before either is renamed into place). A line
break, tab or line-separator character (U+2028, U+0085, form feed...: what ``str.splitlines()`` splits on,
and other tools with it) inside a segment cannot be carried: each run becomes one space, and the export
says how many segments changed. A U+FEFF starting a segment text is dropped, and counted too (``cells``:
at the start of a file it would read as a byte-order mark).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError, UsageError
from ..textio import read_lines
from .atomic import atomic_write_many, safe_file_name
from .base import (
    BilingualUnit,
    FormatHandler,
    ReadContext,
    WriteContext,
    WriteReport,
    finish_unit,
    norm_lang,
    register,
)
from .cells import flatten_cells
from .outcompress import output_compression

_COMPRESSED = (".gz", ".xz", ".bz2")  # a prefix's files may be compressed so (read by their bytes)


@register
class MosesFormat(FormatHandler):
    name = "moses"
    description = "Moses pair: PREFIX.<src> and PREFIX.<tgt>, one segment per line"
    suffixes = ()
    carries_newlines = False
    carries_tabs = False
    carries_ids = False
    carries_status = False
    path_is_prefix = True

    def pair_paths(self, prefix: Path, source_lang: str | None, target_lang: str | None) -> tuple[Path, Path]:
        if not source_lang or not target_lang:
            raise UsageError("a Moses pair needs --source-lang and --target-lang to name its two files")
        src, tgt = safe_file_name(norm_lang(source_lang)), safe_file_name(norm_lang(target_lang))
        if src == tgt:
            raise UsageError(f"source and target language are both {src!r}: the Moses files would collide")
        # ``corpus.ru`` given for the pair ``corpus``: strip the language suffix.
        if prefix.suffix.lower().lstrip(".") in (src, tgt):
            prefix = prefix.with_suffix("")
        return prefix.with_name(f"{prefix.name}.{src}"), prefix.with_name(f"{prefix.name}.{tgt}")

    def find_pair(self, prefix: Path, source_lang: str | None, target_lang: str | None) -> tuple[Path, Path]:
        """The two files a prefix names, each plain or compressed: ``corpus`` (or ``corpus.gz``,
        ``corpus.ru``, ``corpus.ru.gz``) -> ``corpus.ru`` or ``corpus.ru.gz`` (``.xz``, ``.bz2``), and the same
        for the target. A side found both plain and compressed, or in two compressions, is an InputError
        naming both; a side found neither way is one naming the plain file."""
        prefix = Path(prefix)
        if output_compression(prefix):  # corpus.gz: the pair export -o corpus.gz wrote
            prefix = prefix.with_suffix("")
        pair = self.pair_paths(prefix, source_lang, target_lang)
        found: list[Path] = []
        for plain in pair:
            there = [p for p in (plain, *(plain.with_name(plain.name + s) for s in _COMPRESSED)) if p.exists()]
            if not there:  # corpus.pt_br or corpus.pt_BR, as OPUS names a regional side, for the tag pt-BR
                there = _spelled_otherwise(plain)
            if len(there) > 1:
                raise InputError(plain, f"found both {' and '.join(p.name for p in there)}: which is the pair's? "
                                        "Remove the other, or give the two files (SOURCE MT --aligned)")
            if not there:
                raise InputError(plain, f"no such file (nor {plain.name}.gz, .xz or .bz2): the Moses prefix {prefix} "
                                        f"names {pair[0].name} and {pair[1].name}")
            found.append(there[0])
        return found[0], found[1]

    def read(self, path: Path, ctx: ReadContext) -> Iterator[BilingualUnit]:
        src, tgt = self.find_pair(path, ctx.source_lang, ctx.target_lang)
        return self.read_pair(src, tgt, ctx)

    def read_pair(self, src: Path, tgt: Path, ctx: ReadContext) -> Iterator[BilingualUnit]:
        """Units from two line-aligned files (read eagerly: errors come before the first unit)."""
        src_lines, src_report = read_lines(src, ctx.encoding)
        tgt_lines, tgt_report = read_lines(tgt, ctx.encoding)
        if len(src_lines) != len(tgt_lines):
            raise InputError(tgt, f"has {len(tgt_lines)} lines but {src} has {len(src_lines)}; "
                                  "the two files of a Moses pair must have equal line counts")
        if not src_lines:
            raise InputError(src, "no lines to review (the file is empty)")
        for report in (src_report, tgt_report):
            for note in report.notes():
                ctx.note(f"{report.path}: {note}")
        return self._units(src_lines, tgt_lines, ctx)

    @staticmethod
    def _units(src_lines: list[str], tgt_lines: list[str], ctx: ReadContext) -> Iterator[BilingualUnit]:
        for i, (s, t) in enumerate(zip(src_lines, tgt_lines, strict=True), 1):
            yield finish_unit(BilingualUnit(source=s, target=t, line=i), ReadContext(), i)

    def output_paths(self, path: Path, ctx: WriteContext) -> list[Path]:
        """``-o corpus`` -> corpus.ru, corpus.en; ``-o corpus.gz`` (or ``corpus.ru.gz``) -> corpus.ru.gz,
        corpus.en.gz (compressed within ``outcompress.compressed_by_name``, as export writes them)."""
        path = Path(path)
        squeeze = path.suffix if output_compression(path) else ""
        pair = self.pair_paths(path.with_suffix("") if squeeze else path, ctx.source_lang, ctx.target_lang)
        return [p.with_name(p.name + squeeze) for p in pair]

    def write(self, path: Path, units: Iterable[BilingualUnit], ctx: WriteContext) -> WriteReport:
        paths = self.output_paths(path, ctx)
        report = WriteReport(paths=paths)
        with atomic_write_many(paths) as (fs, ft):
            for unit in units:
                src, tgt = flatten_cells([unit.source, unit.target], report, "moses")
                fs.write(src + "\n")
                ft.write(tgt + "\n")
                report.units += 1
        return report


def _spelled_otherwise(plain: Path) -> list[Path]:
    """The files of a Moses side whose language suffix spells the tag of ``plain`` (``corpus.pt-br``) another
    way: with ``_`` for ``-``, and the region in capitals (``corpus.pt_br``, ``corpus.pt_BR``, ``corpus.pt-BR``),
    plain or compressed; the one found, else none (two are as unclear as none)."""
    stem, _, tag = plain.name.rpartition(".")
    if "-" not in tag:
        return []
    lang, _, region = tag.partition("-")
    spellings = dict.fromkeys(f"{lang}{sep}{reg}" for sep in ("_", "-") for reg in (region, region.upper()))
    spellings.pop(tag, None)
    there = [p for name in spellings for p in (plain.with_name(f"{stem}.{name}"),
                                                 *(plain.with_name(f"{stem}.{name}{s}") for s in _COMPRESSED))
             if p.exists()]
    return there if len(there) == 1 else []
