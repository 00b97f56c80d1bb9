"""Line-aligned files as byte ranges that workers read themselves: the same items, errors and repair notes
as reading the files front to back in the parent (the streaming reader), for ordinary and hostile files."""

from __future__ import annotations

import json
import pickle
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtreview.batch.engines import Engine, LocalEngine
from mtreview.batch.pipeline import score_stream
from mtreview.batch.shards import AlignedFiles, FileSlice, file_fingerprint, file_fingerprints
from mtreview.batch.tasks import ChunkJob
from mtreview.errors import InputError


def _sliced(files: AlignedFiles, chunk: int, checksums: bool = False) -> tuple[list, list[FileSlice]]:
    """Every slice read as a worker would (after a pickle round trip), repairs added back in order."""
    items, slices = [], []
    for sl in files.slices(chunk, checksums=checksums):
        sl = pickle.loads(pickle.dumps(sl))
        got, repaired = sl.read()
        assert len(got) == sl.count
        files.add_repairs(repaired, sl.count)
        items.extend(got)
        slices.append(sl)
    return items, slices


def _files(paths: dict, block: int = 1 << 16, **kw) -> AlignedFiles:
    return AlignedFiles(paths["src"], paths["mt"], paths.get("refs", ()), paths.get("ref"), "ru", "en",
                        block_bytes=block, **kw)


def _streamed(paths: dict, block: int) -> tuple[list, list[str]]:
    files = _files(paths, block)
    return list(files), files.notes()


def _by_slices(paths: dict, chunk: int, block: int, checksums: bool = False) -> tuple[list, list[str]]:
    files = _files(paths, block)
    items, slices = _sliced(files, chunk, checksums)
    for sl in slices:  # each range's checksum is that of its bytes in the file, however the scan was cut
        for r in sl.ranges:
            data = Path(r.location).read_bytes()[r.start:r.end]
            assert r.crc == (zlib.crc32(data) if checksums else None)
    return items, files.notes()


LINE = st.text(alphabet=st.sampled_from(list("ab é\t\u200b\x01€😀Ж")), max_size=8)
EOL = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def column(draw, n: int) -> bytes:
    """n lines with mixed line ends, maybe a BOM, maybe no line end after a last non-empty line. (A lone CR
    before an empty LF-ended line reads as one CRLF: such files have fewer lines, and both readers must then
    refuse them alike.)"""
    lines = [draw(LINE) for _ in range(n)]
    text = "".join(line + draw(EOL) for line in lines)
    if lines and lines[-1] and draw(st.booleans()):
        text = text[:-2] if text.endswith("\r\n") else text[:-1]
    bom = b"\xef\xbb\xbf" if draw(st.booleans()) else b""
    return bom + text.encode("utf-8")


def _outcome(read):
    try:
        return read()
    except InputError as err:
        return str(err)


@settings(max_examples=80, deadline=None)
@given(st.integers(min_value=0, max_value=14).flatmap(
           lambda n: st.tuples(st.just(n), column(n), column(n), column(n))),
       st.integers(min_value=1, max_value=6), st.integers(min_value=1, max_value=9))
def test_property_slices_read_as_the_stream_does(tmp_path_factory, cols, chunk, block):
    _, src, mt, ref = cols
    d = tmp_path_factory.mktemp("s")
    paths = {"src": d / "s.txt", "mt": d / "m.txt", "refs": [d / "r.txt"]}
    for key, data in (("src", src), ("mt", mt)):
        paths[key].write_bytes(data)
    paths["refs"][0].write_bytes(ref)
    streamed = _outcome(lambda: _streamed(paths, block))
    assert _outcome(lambda: _by_slices(paths, chunk, block)) == streamed
    # As for workers on another machine: every range checked against the checksum taken while scanning.
    assert _outcome(lambda: _by_slices(paths, chunk, block, checksums=True)) == streamed


def test_ids_languages_references_and_chunk_boundaries(write):
    n = 23
    paths = {"src": write("src.txt", "".join(f"Строка {i}.\r\n" for i in range(n))),
             "mt": write("mt.txt", "".join(f"Line {i}.\n" for i in range(n))),
             "refs": [write("p1.txt", "".join(f"Row {i}.\n" for i in range(n)))],
             "ref": write("ref.txt", "".join(f"The line {i}.\n" for i in range(n)))}
    files = AlignedFiles(paths["src"], paths["mt"], paths["refs"], paths["ref"], "ru", "en")
    items, slices = _sliced(files, 5)
    assert [sl.count for sl in slices] == [5, 5, 5, 5, 3]
    assert [it.id for it in items] == list(range(1, n + 1))
    assert items[17].source == "Строка 17." and items[17].mt == "Line 17."
    assert items[17].pseudo_refs == ("Row 17.",) and items[17].reference == "The line 17."
    assert {(it.source_lang, it.target_lang) for it in items} == {("ru", "en")}
    # consecutive ranges tile each file exactly, from after any BOM to its end
    for k, path in enumerate(files.paths):
        assert slices[0].ranges[k].start == 0
        assert all(a.ranges[k].end == b.ranges[k].start for a, b in zip(slices, slices[1:], strict=False))
        assert slices[-1].ranges[k].end == path.stat().st_size
    notes = files.notes()
    assert len(notes) == 1 and notes[0].startswith(f"{paths['src']}: ") and "23" in notes[0] and "CRLF" in notes[0]


def test_a_bom_is_skipped_and_not_part_of_the_first_line(write):
    src = write("s.txt", b"\xef\xbb\xbfone\ntwo\n")
    mt = write("m.txt", b"uno\ndos\n")
    files = AlignedFiles(src, mt)
    items, slices = _sliced(files, 1)
    assert slices[0].ranges[0].start == 3
    assert [it.source for it in items] == ["one", "two"]


def test_nbest_jsonl_retranslations(write):
    src = write("src.txt", "Один.\nДва три.\n")
    mt = write("mt.txt", "One.\nTwo three.\n")
    nb = write("nbest.jsonl", json.dumps({"id": 1, "hypotheses": ["One.", "Single."]}) + "\n"
               + json.dumps({"id": 2, "hypotheses": ["Two, three."]}) + "\n")
    plain = write("p.txt", "A one.\nA two.\n")
    items, _ = _sliced(AlignedFiles(src, mt, [nb, plain]), 1)
    assert items[0].pseudo_refs == ("One.", "Single.", "A one.")
    assert items[1].pseudo_refs == ("Two, three.", "A two.")


@pytest.mark.parametrize("short", ["mt", "src"])
def test_unequal_line_counts_give_the_streaming_message(write, short):
    long_text, short_text = "".join(f"{i}\n" for i in range(12)), "a\nb\nc\n"
    src = write("src.txt", short_text if short == "src" else long_text)
    mt = write("mt.txt", short_text if short == "mt" else long_text)
    with pytest.raises(InputError) as streamed:
        list(AlignedFiles(src, mt))
    got = []
    with pytest.raises(InputError) as sliced:
        for sl in AlignedFiles(src, mt).slices(2):
            got.extend(sl.read()[0])
    assert str(sliced.value) == str(streamed.value)
    assert "has 12 lines" in str(sliced.value) and "has 3" in str(sliced.value)
    assert len(got) == 2  # the chunk before the shorter file's end was still handed out


def test_invalid_byte_deep_in_the_file_names_the_same_line_and_offset(write):
    src = write("src.txt", b"x\n" * 50 + b"broken \xff\n" + b"y\n" * 10)
    mt = write("mt.txt", b"m\n" * 61)
    with pytest.raises(InputError) as streamed:
        list(AlignedFiles(src, mt, block_bytes=16))
    slices = list(AlignedFiles(src, mt, block_bytes=16).slices(7))
    assert [sl.read()[0][0].id for sl in slices[:7]] == [1, 8, 15, 22, 29, 36, 43]  # the chunks before it
    with pytest.raises(InputError) as sliced:
        slices[7].read()
    assert str(sliced.value) == str(streamed.value)
    assert ":51:" in str(sliced.value) and "byte offset 107" in str(sliced.value)


def test_a_file_changed_between_slicing_and_reading_is_an_error_not_wrong_pairs(write):
    src = write("src.txt", "a\nb\nc\nd\n")
    mt = write("mt.txt", "1\n2\n3\n4\n")
    slices = list(AlignedFiles(src, mt).slices(2))
    mt.write_bytes(b"1\n2\n3\n\n4\n")  # a line inserted: the second range now holds other lines
    with pytest.raises(InputError, match=r"mt.txt:3: changed while being read"):
        slices[1].read()


def test_a_worker_that_reads_other_bytes_stops_with_the_file_and_line(write):
    """Same line count, other text (a copy on a worker's machine that differs): only the checksum can tell."""
    src = write("src.txt", "a\nb\nc\nd\n")
    mt = write("mt.txt", "cat\n2\n3\nsat\n")
    slices = list(AlignedFiles(src, mt).slices(2, checksums=True))
    assert [len(sl.read()[0]) for sl in slices] == [2, 2]
    mt.write_bytes(b"cat\n2\n3\nmat\n")
    assert slices[0].read()[0][0].mt == "cat"  # the first range is unchanged
    with pytest.raises(InputError, match=r"mt.txt:3: differs on worker .*\(lines 3-4, bytes 6-12\): the workers "
                                         r"must see the same file"):
        slices[1].read()
    unchecked = list(AlignedFiles(src, mt).slices(2))[1]
    assert unchecked.ranges[1].crc is None and unchecked.read()[0][1].mt == "mat"  # on this machine: no check


def test_a_worker_that_cannot_open_a_file_says_which_and_where(write):
    src, mt = write("src.txt", "a\nb\n"), write("mt.txt", "1\n2\n")
    sl = next(AlignedFiles(src, mt).slices(2, checksums=True))
    mt.unlink()
    with pytest.raises(InputError, match=r"mt.txt: cannot be read on worker .* at /.*mt.txt: No such file"):
        sl.read()


def test_file_fingerprints_tell_copies_from_other_files(write):
    data = b"".join(b"line %d\n" % i for i in range(300_000))  # 2.3 MB: the middle is not read
    a, b = write("a.txt", data), write("sub/b.txt", data)
    assert file_fingerprint(str(a)) == file_fingerprint(str(b)) == (len(data), file_fingerprint(str(b))[1])
    assert file_fingerprint(str(write("c.txt", data[:-1] + b"!"))) != file_fingerprint(str(a))  # last byte
    assert file_fingerprint(str(write("d.txt", b"X" + data[1:]))) != file_fingerprint(str(a))  # first byte
    assert file_fingerprint(str(write("e.txt", data + b"x\n"))) != file_fingerprint(str(a))  # size
    small = write("f.txt", b"one\ntwo\n")
    assert file_fingerprint(str(small)) == (8, zlib.crc32(b"one\ntwo\n"))
    assert file_fingerprint(str(small) + ".missing") is None
    assert file_fingerprints([str(a), str(small) + ".missing"]) == [file_fingerprint(str(a)), None]


def test_wrong_encoding_is_refused_on_the_first_chunk(write):
    junk = write("j.txt", b"\xf0\x40\xf0\x41" * 10 + b"\n" + b"ok\n" * 3)  # cp932's user-defined area
    mt = write("mt.txt", "a\nb\nc\nd\n")
    files = AlignedFiles(junk, mt, encoding="cp932")
    assert files.sliceable()
    with pytest.raises(InputError, match="private-use or unassigned"):
        list(files.slices(1))[0].read()
    # a later chunk holds ordinary text and is read (the check belongs to the file's first block)
    assert list(AlignedFiles(junk, mt, encoding="cp932").slices(1))[1].read()[0][0].source == "ok"


def test_what_cannot_be_sliced(write, tmp_path):
    utf8 = write("a.txt", "x\n")
    utf16 = write("b.txt", "x\n".encode("utf-16"))
    assert AlignedFiles(utf8, utf8).sliceable()
    assert not AlignedFiles(utf8, utf16).sliceable()  # a \n byte is not a line end in UTF-16
    assert not AlignedFiles("-", utf8).sliceable()  # standard input cannot be re-read by a worker
    assert AlignedFiles(write("c.txt", "привет\n".encode("cp1251")), utf8, encoding="cp1251").sliceable()


def test_slices_travel_small():
    """A slice pickles to paths and offsets, not text: its size does not grow with the chunk's text."""
    from mtreview.batch.shards import FileRange

    rng = FileRange("src.txt", "/data/src.txt", 0, 10**9, 0, "utf-8", False, True)
    job = ChunkJob(FileSlice((rng, rng), 5000, 0, False, "ru", "en"))
    assert len(pickle.dumps(job)) < 1000


@pytest.mark.parametrize("engine", ["serial", "local"])
def test_scoring_by_slices_equals_scoring_streamed_items(write, engine):
    n = 40
    src = write("src.txt", "".join(f"Предложение номер {i}.\r\n" for i in range(n)))
    mt = write("mt.txt", "".join(f"Sentence number {i} is here.\n" for i in range(n)))
    p1 = write("p1.txt", "".join(f"Sentence {i} is here.\n" for i in range(n)))
    files = AlignedFiles(src, mt, [p1], None, "ru", "en")
    streamed: list = []
    score_stream(list(files), Engine(), streamed.extend, chunk_size=7, progress=False, target_lang="en")
    by_slices: list = []
    eng = Engine() if engine == "serial" else LocalEngine(2)
    with eng:
        assert eng.shares_files
        summary = score_stream(files, eng, by_slices.extend, chunk_size=7, progress=False, target_lang="en")
    assert by_slices == streamed
    assert summary.segments == n
    assert any("CRLF" in note and "src.txt" in note for note in files.notes())


@pytest.mark.parametrize("chunk", [1, 2, 5])
def test_a_dos_ctrl_z_after_the_last_line_is_not_a_line(write, chunk):
    """Old DOS files end with Ctrl-Z: the readers drop it (a control character) and count it as removed, so
    the walker must not count the bytes after the last line end as one more segment."""
    paths = {"src": write("s.txt", b"one\ntwo\n\x1a"), "mt": write("m.txt", b"uno\ndos\n")}
    streamed = _streamed(paths, 1 << 16)
    sliced = _by_slices(paths, chunk, 1 << 16)
    assert [it.source for it in sliced[0]] == ["one", "two"]
    assert sliced == streamed
    assert any("control" in note and "s.txt" in note for note in sliced[1])
