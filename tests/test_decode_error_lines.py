"""The line a decoding error names is the same from every reader, counted as mtreview counts lines
everywhere (``\\n``, ``\\r\\n`` and a lone ``\\r`` each end one). QA: the streaming reader counted only
``\\n`` within its 1 MiB block, so lone CRs before a bad byte in the same block put it lines above where
``score``'s up-front check (and ``import``) placed it; the whole-file reader also gave a BOM file's byte
offsets without its BOM."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.batch.lines import LineStream
from mtreview.cli import main
from mtreview.cli.score_inputs import check_utf8
from mtreview.errors import InputError
from mtreview.textio import line_at, read_lines

# (file bytes, the line of the bad byte as the readers count lines)
CASES = [
    (b"one\rtwo\rthree\n\xff four\n", 4),
    (b"one\rtwo\r\nthree\r\xff four\n", 4),
    (b"\xef\xbb\xbfone\rtwo\rthree\r\nfour\n\xff five\n", 5),
    (b"one\r\r\rtwo \xff\n", 4),
    (b"one\n\rtwo\r\n\r\nthree\xe2\x82\n", 5),
    (b"\xff\rtwo\n", 1),
]


def error_of(read) -> InputError:  # noqa: ANN001
    with pytest.raises(InputError) as info:
        read()
    return info.value


@pytest.mark.parametrize(("data", "line"), CASES)
def test_every_reader_names_the_same_line_and_offset(tmp_path: Path, data: bytes, line: int) -> None:
    path = tmp_path / "m.en"
    path.write_bytes(data)
    # the count of lines the readers give up to the bad line is what the error must name
    good = data.split(b"\xff")[0].split(b"\xe2\x82")[0].removeprefix(b"\xef\xbb\xbf")
    assert line == line_at(good, len(good))
    streamed = error_of(lambda: list(LineStream(path)))
    assert streamed.line == line
    assert str(error_of(lambda: check_utf8(str(path)))) == str(streamed)
    assert str(error_of(lambda: read_lines(path))) == str(streamed)
    for block in (4, 7, 1 << 20):  # the bad byte in a later block, or in the same one as the lone CRs
        assert str(error_of(lambda b=block: list(LineStream(path, block_bytes=b)))) == str(streamed)


def test_score_names_that_line_from_the_workers_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 1,200 segments in chunks of 500: the bad byte is read by a worker, from its byte range
    lines = [f"Line {i}.".encode() for i in range(1200)]
    src, mt = tmp_path / "s.ru", tmp_path / "m.en"
    src.write_bytes(b"\r".join(lines) + b"\n")  # old Mac line ends: every line ends in a lone CR
    lines[1100] = b"Line \xff."
    mt.write_bytes(b"\r".join(lines) + b"\n")
    want = str(error_of(lambda: list(LineStream(mt))))
    assert want.startswith(f"{mt}:1101: ")
    # the up-front check finds it first; the reader (the workers, by byte range) must say the same
    assert main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate",
                 "-o", str(tmp_path / "o.jsonl"), "--workers", "2", "--chunk-size", "500"]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == f"mtreview: error: {want}"
    from mtreview.batch.shards import AlignedFiles

    files = AlignedFiles(str(src), str(mt), [], None, "ru", "en", None)
    with pytest.raises(InputError) as info:
        for piece in files.slices(500):
            piece.read()
    assert str(info.value) == want


def test_the_wrong_encoding_error_counts_lone_crs_too(tmp_path: Path) -> None:
    # text that the encoding turns into private-use junk (check_decoded_text) names its first line of junk
    path = tmp_path / "m.en"
    path.write_bytes(b"\xff\xfe" + ("a\rb\rc\r\n" + "\ue000" * 20 + "\n").encode("utf-16-le"))
    for read in (lambda: list(LineStream(path)), lambda: list(LineStream(path, "utf-16")),
                 lambda: read_lines(path, "utf-16"), lambda: read_lines(path)):
        err = error_of(read)
        assert err.line == 4 and "private-use or unassigned" in str(err)
