"""The up-front line count of ``score --aligned`` counts as the readers read: a UTF-8 byte-order mark is no
text, so a file of a BOM alone has no line (QA: counted 1, and "has 1 line but empty.en has 0" refused two
empty files); and the reader's own count says "1 line", not "1 lines"."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.batch.lines import iter_aligned
from mtreview.batch.pipeline import count_lines_fast
from mtreview.cli import main
from mtreview.errors import InputError


@pytest.mark.parametrize(("data", "lines"), [(b"\xef\xbb\xbf", 0), (b"\xef\xbb\xbfa", 1), (b"\xef\xbb\xbfa\n", 1),
                                             (b"\xef\xbb\xbf\n", 1), (b"", 0), (b"a\r\nb", 2)])
def test_count_lines_fast_skips_a_byte_order_mark(tmp_path: Path, data: bytes, lines: int) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    assert count_lines_fast(path) == lines == sum(1 for _ in iter_aligned([path]))


def test_a_bom_alone_beside_an_empty_file_is_no_mismatch(write, tmp_path: Path) -> None:  # noqa: ANN001
    src = write("bom.ru", b"\xef\xbb\xbf")
    mt = write("empty.en", b"")
    assert main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate",
                 "-o", str(tmp_path / "o.jsonl")]) == 0


def test_the_readers_count_of_one_line(write) -> None:  # noqa: ANN001
    one, empty = write("one.en", "Hi.\n"), write("e.ru", "")
    with pytest.raises(InputError, match=r"one\.en: has 1 line but .*e\.ru has 0;"):
        list(iter_aligned([empty, one]))
