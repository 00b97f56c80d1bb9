"""The names a record's source and translation go by, in the record formats that name their fields: JSONL
keys and Parquet columns read the same names (README: Parquet reads "same as JSONL")."""

from __future__ import annotations

__all__ = ["MT_FIELD", "SOURCE_FIELDS", "TARGET_FIELDS"]

# The first one present is the source.
SOURCE_FIELDS = ("source", "src")
# The translation: the first of these that is present and not null (``final`` is null in an --all export for
# a segment not kept), else ``MT_FIELD``; so an mtreview export reads back as what the reviewer decided.
TARGET_FIELDS = ("target", "tgt", "translation", "final")
MT_FIELD = "mt"
