"""`mtreview export -o NAME.gz|.xz|.bz2`: the file is compressed as its name says, the name before the
compression suffix chooses the format, and what cannot be written compressed is refused in one line.
Before, -o out.xlf.gz held plain XML, and the next tool's gunzip failed on it."""

from __future__ import annotations

import bz2
import gzip
import lzma
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.formats import read_units
from mtreview.store import Project

MAGIC = {".gz": b"\x1f\x8b", ".xz": b"\xfd7zXZ\x00", ".bz2": b"BZh"}
OPEN = {".gz": gzip.decompress, ".xz": lzma.decompress, ".bz2": bz2.decompress}
PAIRS = [("Привет, мир.", "Hello, world."), ("Как дела?", "How are you?")]


@pytest.fixture
def project(tmp_path: Path, write) -> Path:
    src = write("s.txt", "".join(s + "\n" for s, _ in PAIRS))
    mt = write("m.txt", "".join(t + "\n" for _, t in PAIRS))
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "-o", str(out)]) == 0
    with Project.open(out) as proj:
        for seg in proj.segments():
            proj.decide(seg.id, "accept_mt", reviewer="ann")
    return out


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "exp"
    folder.mkdir()
    return folder


def _plain(path: Path) -> bytes:
    data = path.read_bytes()
    suffix = path.suffix.lower()
    assert data.startswith(MAGIC[suffix]), f"{path.name} is not {suffix}-compressed: {data[:20]!r}"
    return OPEN[suffix](data)


@pytest.mark.parametrize("name,start", [
    ("out.tmx.gz", b"<?xml"), ("out.xlf.xz", b"<?xml"), ("out.jsonl.bz2", b'{"id": 1'),
    ("out.tsv.gz", "Привет, мир.\tHello, world.\n".encode()), ("out.csv.xz", b"source,target"), ("OUT.TMX.GZ", b"<?xml")])
def test_the_name_before_the_compression_suffix_chooses_the_format(tmp_path: Path, project: Path, capsys,
                                                                   name: str, start: bytes) -> None:
    out = _folder(tmp_path) / name
    assert main(["export", str(project), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "no known format suffix" not in err and f"{out}: 2 segment(s) kept" in err
    assert _plain(out).startswith(start)
    # read back as what it is (compressed inputs are told by their bytes), and nothing else left beside it
    units = list(read_units(out, source_lang="ru", target_lang="en"))
    assert [(u.source, u.target) for u in units] == PAIRS
    assert [p.name for p in out.parent.iterdir()] == [name]


def test_format_given_and_a_bare_compressed_name(tmp_path: Path, project: Path, capsys) -> None:
    out = _folder(tmp_path) / "memory.gz"
    assert main(["export", str(project), "--format", "xliff", "-o", str(out)]) == 0
    assert b"<xliff" in _plain(out)


@pytest.mark.parametrize("given,names", [("corpus.gz", ["corpus.en.gz", "corpus.ru.gz"]),
                                         ("corpus.ru.xz", ["corpus.en.xz", "corpus.ru.xz"])])
def test_a_moses_pair_is_compressed_file_by_file(tmp_path: Path, project: Path, capsys, given: str,
                                                 names: list[str]) -> None:
    folder = _folder(tmp_path)
    assert main(["export", str(project), "--format", "moses", "-o", str(folder / given)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == names
    en, ru = (folder / n for n in names)
    assert _plain(ru).decode() == "".join(s + "\n" for s, _ in PAIRS)
    assert _plain(en).decode() == "".join(t + "\n" for _, t in PAIRS)


def test_the_reviewed_document_compressed(tmp_path: Path, project: Path, capsys) -> None:
    out = _folder(tmp_path) / "article.en.txt.bz2"
    assert main(["export", str(project), "-o", str(out)]) == 0  # .txt before .bz2: the document, not JSONL
    assert _plain(out).decode().split() == "Hello, world. How are you?".split()


@pytest.mark.parametrize("name,says", [
    ("out.parquet.gz", "Parquet compresses its own columns"),
    ("out.tmx.zst", "zstd compression, which mtreview does not write"),
    ("out.jsonl.zip", "ZIP compression, which mtreview does not write"),
    ("article.txt.7z", "7-Zip compression, which mtreview does not write")])
def test_a_compression_that_cannot_be_written_is_refused(tmp_path: Path, project: Path, capsys, name: str,
                                                         says: str) -> None:
    out = _folder(tmp_path) / name
    assert main(["export", str(project), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith(f"mtreview: error: {out}: ") and says in err
    assert list(out.parent.iterdir()) == []


def test_into_refuses_a_compressed_output(tmp_path: Path, write, capsys) -> None:
    # --into splices the decisions into the original's own bytes and writes them as they are
    from fixtures_formats import xliff12_doc

    src = write("job.xlf", xliff12_doc('<trans-unit id="1"><source>Да.</source><target>Yes.</target></trans-unit>'))
    proj = tmp_path / "job.mtr"
    assert main(["import", str(src), "-s", "ru", "-t", "en", "-o", str(proj)]) == 0
    out = _folder(tmp_path) / "job.reviewed.xlf.gz"
    capsys.readouterr()
    assert main(["export", str(proj), "--into", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"mtreview: error: -o {out}: --into writes an uncompressed copy") and "\n" not in err
    assert not out.exists()


def test_write_units_compresses_and_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    # the library's writers too, within compressed_by_name; the temporary file holds the compressed bytes,
    # and an error removes it
    from mtreview.formats import BilingualUnit, write_units
    from mtreview.formats.outcompress import compressed_by_name

    out = tmp_path / "out.tmx.gz"
    with compressed_by_name():
        write_units(out, [BilingualUnit(source="Да.", target="Yes.")], "tmx", source_lang="ru", target_lang="en")
    assert b"<tuv xml:lang=\"en\"><seg>Yes.</seg>" in _plain(out)

    def units():
        yield BilingualUnit(source="Нет.", target="No.")
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError), compressed_by_name():
        write_units(out, units(), "tmx", source_lang="ru", target_lang="en")
    assert [p.name for p in tmp_path.iterdir()] == ["out.tmx.gz"]
    assert b"Yes." in _plain(out)
