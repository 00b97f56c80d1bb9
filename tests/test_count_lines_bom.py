"""The up-front line count of ``score --aligned`` counts as the readers read: a UTF-8 byte-order mark is no
text, so a file of a BOM alone has no line (QA: counted 1, and "has 1 line but empty.en has 0" refused two
empty files), nor is an unterminated last line of control characters alone (QA: a DOS file ending in
Ctrl-Z, 0x1a, was refused: "has 3 lines but dos.en has 2"); and the reader's own count says "1 line"."""

from __future__ import annotations

from pathlib import Path

import pytest

import mtreview.batch.pipeline as pipeline
from mtreview.batch.lines import iter_aligned
from mtreview.batch.pipeline import count_lines_fast
from mtreview.cli import main
from mtreview.errors import InputError


@pytest.mark.parametrize(("data", "lines"), [
    (b"\xef\xbb\xbf", 0), (b"\xef\xbb\xbfa", 1), (b"\xef\xbb\xbfa\n", 1), (b"\xef\xbb\xbf\n", 1), (b"", 0),
    (b"a\r\nb", 2), (b"a\r\n\x1a", 1), (b"a\n\x0c\x00", 1), (b"\x0c", 0), (b"a\n\x0cb", 2), (b"a\n \x0c", 2),
    (b"a\n\t", 2), (b"a\r\x1a\x1a", 1), (b"\x1a\n", 1)])
@pytest.mark.parametrize("block", [1, 2, 1 << 20])  # (lines and CRLFs cut between reads)
def test_count_lines_fast_counts_as_the_reader_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes,
                                                     lines: int, block: int) -> None:
    monkeypatch.setattr(pipeline, "BLOCK_BYTES", block)
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    assert count_lines_fast(path) == lines == sum(1 for _ in iter_aligned([path]))


def test_a_bom_alone_beside_an_empty_file_is_no_mismatch(write, tmp_path: Path) -> None:  # noqa: ANN001
    src = write("bom.ru", b"\xef\xbb\xbf")
    mt = write("empty.en", b"")
    assert main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate",
                 "-o", str(tmp_path / "o.jsonl")]) == 0


def test_a_dos_file_ending_in_ctrl_z_is_scored(write, tmp_path: Path) -> None:  # noqa: ANN001
    src = write("dos.ru", "Привет.\r\nПока.\r\n\x1a")
    mt = write("dos.en", "Hi.\nBye.\n")
    assert main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate",
                 "-o", str(tmp_path / "o.jsonl")]) == 0
    assert len((tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_the_readers_count_of_one_line(write) -> None:  # noqa: ANN001
    one, empty = write("one.en", "Hi.\n"), write("e.ru", "")
    with pytest.raises(InputError, match=r"one\.en: has 1 line but .*e\.ru has 0;"):
        list(iter_aligned([empty, one]))
