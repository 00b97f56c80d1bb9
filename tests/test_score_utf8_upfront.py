"""``score --aligned`` refuses a file that is not UTF-8, or an n-best .jsonl of the wrong length, before any
output, with the streaming reader's own words (file, line, byte offset): in one process before any scoring,
with parallel workers while the first chunk is scored (tests/test_batch_checks_overlap.py). QA: a bad byte on
line 250,001 of 300,000 was reported after 63 s of scoring; a corpus of millions of lines would have lost an
hour."""

from __future__ import annotations

from pathlib import Path

import pytest

import mtreview.batch.pipeline as pipeline
from mtreview.batch.lines import LineStream
from mtreview.cli import main
from mtreview.cli.score_inputs import check_utf8
from mtreview.errors import InputError

GOOD = "Строка один.\r\nLine two — ok.\n€ three\n"


def reader_error(path: Path) -> str:
    with pytest.raises(InputError) as info:
        for _ in LineStream(path):
            pass
    return str(info.value)


@pytest.mark.parametrize("bad", [b"\xff", b"\xed\xa0\x80", b"\xd0", b"\xe2\x82"])
# chars: characters before the bad bytes (the file's start, inside a word, the start of line 2, ...)
@pytest.mark.parametrize("chars", [0, 3, 14, 20, len(GOOD) - 1])
def test_the_error_is_the_readers_at_every_cut_between_reads(tmp_path: Path, bad: bytes, chars: int) -> None:
    data = GOOD.encode()
    where = len(GOOD[:chars].encode())
    path = tmp_path / "m.en"
    path.write_bytes(b"\xef\xbb\xbf" + data[:where] + bad + data[where:])
    expected = reader_error(path)
    for block in (1, 2, 3, 5, 7, 1 << 20):  # characters and CRLFs cut between reads
        with pytest.raises(InputError) as info:
            check_utf8(str(path), block_bytes=block)
        assert str(info.value) == expected, block


def test_a_file_that_ends_inside_a_character(tmp_path: Path) -> None:
    path = tmp_path / "m.en"
    path.write_bytes(b"ok\nok\nbad \xd0")
    with pytest.raises(InputError) as info:
        check_utf8(str(path), block_bytes=4)
    assert str(info.value) == reader_error(path)


def test_valid_utf8_passes(tmp_path: Path) -> None:
    path = tmp_path / "m.en"
    path.write_text(GOOD * 50, encoding="utf-8")
    for block in (1, 3, 1 << 20):
        check_utf8(str(path), block_bytes=block)


def test_score_refuses_before_scoring(write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
                                      capsys: pytest.CaptureFixture[str]) -> None:
    src = write("s.ru", "".join(f"Строка {i}.\n" for i in range(50)))
    mt = write("m.en", "".join(f"Line {i}.\n" for i in range(49)).encode() + b"Line \xf6.\n")

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("scoring started")

    monkeypatch.setattr(pipeline, "score_chunk", never)  # one process: checked before any chunk
    code = main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--no-retranslate",
                 "-o", str(tmp_path / "o.jsonl"), "--workers", "1"])
    assert code == 2
    at = mt.read_bytes().index(b"\xf6")
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        f"mtreview: error: {mt}:50: not valid utf-8 at byte offset {at} (byte 0xf6); "
        "if the file uses another encoding, pass --encoding (e.g. --encoding cp1251)")


def test_an_nbest_jsonl_one_line_short_is_refused_before_scoring(write, tmp_path: Path,  # noqa: ANN001
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    # QA: its line count was left to the reader, which found it short at the end of the run
    src = write("s.ru", "".join(f"Строка {i}.\n" for i in range(50)))
    mt = write("m.en", "".join(f"Line {i}.\n" for i in range(50)))
    nbest = write("r.jsonl", "".join('{"hypotheses": ["Line %d.", "A line %d."]}\n' % (i, i) for i in range(49)))

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("scoring started")

    monkeypatch.setattr(pipeline, "score_chunk", never)  # one process: checked before any chunk
    code = main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--retranslation", str(nbest),
                 "-o", str(tmp_path / "o.jsonl"), "--workers", "1"])
    assert code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        f"mtreview: error: {src}: has 50 lines but {nbest} has 49; --aligned files must have equal line counts")


def test_a_broken_nbest_record_is_refused_before_scoring(write, tmp_path: Path,  # noqa: ANN001
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # QA: a broken record on line 19,991 of 20,000 was reported after 9 s of scoring
    src = write("s.ru", "".join(f"Строка {i}.\n" for i in range(50)))
    mt = write("m.en", "".join(f"Line {i}.\n" for i in range(50)))
    records = ['{"hypotheses": ["Line %d."]}' % i for i in range(50)]
    records[47] = '{"hypotheses": ["Line 47."'
    records[48] = ""  # a blank line: a segment without pseudo-references, not an error
    nbest = write("r.jsonl", "\n".join(records) + "\n")

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("scoring started")

    monkeypatch.setattr(pipeline, "score_chunk", never)  # one process: checked before any chunk
    code = main(["score", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--retranslation", str(nbest),
                 "-o", str(tmp_path / "o.jsonl"), "--workers", "1"])
    assert code == 2
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith(
        f"mtreview: error: {nbest}:48: not a JSON record")
