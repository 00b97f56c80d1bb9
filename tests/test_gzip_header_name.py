"""A gzip output's header keeps the file's name without its compression suffix, whatever its case or
spelling (.gz, .GZ, .gzip), as gzip itself writes it: `gunzip -N` restores the uncompressed name (QA:
s.jsonl.GZ and s.jsonl.gzip kept their suffix in the header)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from mtreview.formats.outcompress import compressor


def _header_name(data: bytes) -> str:
    assert data[:2] == b"\x1f\x8b" and data[3] & 0x08  # FNAME set
    return data[10:data.index(b"\x00", 10)].decode("latin-1")


@pytest.mark.parametrize("name", ["s.jsonl.gz", "S.JSONL.GZ", "s.jsonl.gzip", "dir/s.jsonl.Gz"])
def test_the_header_name_has_no_compression_suffix(name: str) -> None:
    raw = io.BytesIO()
    stream = compressor(raw, "gzip", Path(name))
    stream.write(b"{}\n")
    stream.close()
    assert _header_name(raw.getvalue()) == Path(name).name.rsplit(".", 1)[0]
