"""Bilingual file formats in and out: one module per format, one reader/writer contract (``base``).

Readers stream ``BilingualUnit`` objects; writers take any iterable of them and write atomically.

    from mtreview.formats import read_units, write_units
    units = list(read_units("memory.tmx", source_lang="ru", target_lang="en"))
    write_units("clean.xlf", units, "xliff", source_lang="ru", target_lang="en")
"""

from __future__ import annotations

from .base import (
    REGISTRY,
    BilingualUnit,
    FormatHandler,
    ReadContext,
    TranslationUnit,
    WriteContext,
    WriteReport,
    get_handler,
    reader_names,
    writer_names,
)
from .dispatch import check_output_format, detect_format, format_from_suffix, read_units, write_units
from .inline import InlineCode, plain, reanchor

__all__ = [
    "REGISTRY", "BilingualUnit", "TranslationUnit", "FormatHandler", "ReadContext", "WriteContext", "WriteReport",
    "InlineCode", "check_output_format", "detect_format", "format_from_suffix", "get_handler", "read_units", "write_units", "reader_names",
    "writer_names", "plain", "reanchor",
]
