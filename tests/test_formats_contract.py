"""Every reader/writer pair against the shared contract (tests/formats_contract.py)."""

from __future__ import annotations

from formats_contract import FormatContract

from mtreview.formats import writer_names


class TestTmx(FormatContract):
    fmt = "tmx"


class TestXliff12(FormatContract):
    fmt = "xliff"


class TestXliff20(FormatContract):
    fmt = "xliff2"


class TestMoses(FormatContract):
    fmt = "moses"


class TestTsv(FormatContract):
    fmt = "tsv"


class TestCsv(FormatContract):
    fmt = "csv"


class TestJsonl(FormatContract):
    fmt = "jsonl"


class TestParquet(FormatContract):
    fmt = "parquet"


def test_every_writer_has_a_contract_class() -> None:
    covered = {cls.fmt for cls in FormatContract.__subclasses__()}
    assert covered == set(writer_names())
