"""gzip, xz and bzip2 inputs are read decompressed (told by their first bytes, whatever their name) by every
command that reads text: the results equal those of the uncompressed files, errors name the line of the
decompressed text, a truncated or corrupt stream is one line naming the file, and a decompression bomb is
refused with bounded memory."""

from __future__ import annotations

import bz2
import gzip
import importlib.util
import lzma
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from mtreview.batch.lines import LineStream
from mtreview.batch.synthetic import write_corpus
from mtreview.cli import main
from mtreview.errors import InputError
from mtreview.store import Project
from mtreview.textio import read_text

PACKERS: dict[str, Callable[[bytes], bytes]] = {"gz": gzip.compress, "xz": lzma.compress, "bz2": bz2.compress}
SRC = "".join(f"Строка номер {i} здесь. Вторая фраза {i}.\n" for i in range(60))
MT = "".join(f"Line number {i} here. Second phrase {i}.\n" for i in range(60))
TMX = ('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="ru"/><body>'
       + "".join(f'<tu><tuv xml:lang="ru"><seg>Строка {i}.</seg></tuv><tuv xml:lang="en"><seg>Line {i}.</seg>'
                 "</tuv></tu>" for i in range(7)) + "</body></tmx>")


def pack(path: Path, kind: str, data: bytes) -> Path:
    path.write_bytes(PACKERS[kind](data))
    return path


def pairs(project: Path) -> list[tuple[str, str]]:
    with Project.open(project, writable=False) as proj:
        return [(s.source_text, s.mt_text) for s in proj.segments()]


def one_line_error(capsys: pytest.CaptureFixture[str], code: int, *needles: str) -> str:
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    for needle in needles:
        assert needle in last, (needle, err)
    return last


@pytest.mark.parametrize("kind", list(PACKERS))
def test_segment_reads_a_compressed_document_as_the_plain_one(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               kind: str) -> None:
    plain = tmp_path / "doc.ru"
    plain.write_text(SRC, encoding="utf-8")
    assert main(["segment", str(plain), "-l", "ru"]) == 0
    expected = capsys.readouterr().out
    packed = pack(tmp_path / "doc", kind, SRC.encode())  # no suffix: told by its first bytes
    assert main(["segment", str(packed), "-l", "ru"]) == 0
    assert capsys.readouterr().out == expected and expected.count("\n") == 120


@pytest.mark.parametrize("mode", [[], ["--aligned"], ["--presegmented"]])
def test_import_of_a_compressed_pair_equals_the_plain_pair(tmp_path: Path, mode: list[str]) -> None:
    (tmp_path / "s.ru").write_text(SRC, encoding="utf-8")
    (tmp_path / "m.en").write_text(MT, encoding="utf-8")
    pack(tmp_path / "s.ru.gz", "gz", SRC.encode())
    pack(tmp_path / "m.en.xz", "xz", MT.encode())
    args = ["-s", "ru", "-t", "en", *mode]
    assert main(["import", str(tmp_path / "s.ru"), str(tmp_path / "m.en"), *args, "-o", str(tmp_path / "a.mtr")]) == 0
    assert main(["import", str(tmp_path / "s.ru.gz"), str(tmp_path / "m.en.xz"), *args,
                 "-o", str(tmp_path / "b.mtr")]) == 0
    assert pairs(tmp_path / "b.mtr") == pairs(tmp_path / "a.mtr") != []


@pytest.mark.parametrize(("name", "kind", "text"), [
    ("m.tmx.gz", "gz", TMX), ("m", "bz2", TMX),  # a TMX told by its name or by its (decompressed) root
    ("t.tsv.xz", "xz", "".join(f"Строка {i}.\tLine {i}.\n" for i in range(7))),
    ("t.jsonl.gz", "gz", "".join('{"source": "Строка %d.", "target": "Line %d."}\n' % (i, i) for i in range(7))),
    ("j.xlf.bz2", "bz2", '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                         '<file source-language="ru" target-language="en" datatype="plaintext" original="a"><body>'
                         + "".join(f'<trans-unit id="{i}"><source>Строка {i}.</source><target>Line {i}.</target>'
                                   "</trans-unit>" for i in range(7)) + "</body></file></xliff>"),
])
def test_import_reads_compressed_bilingual_files(tmp_path: Path, name: str, kind: str, text: str) -> None:
    packed = pack(tmp_path / name, kind, text.encode())
    assert main(["import", str(packed), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")]) == 0
    assert pairs(tmp_path / "p.mtr") == [(f"Строка {i}.", f"Line {i}.") for i in range(7)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A synthetic corpus, each file also gzip/bzip2/xz-compressed (``<key>.packed``)."""
    files = write_corpus(tmp_path_factory.mktemp("corpus"), 90, refs=2, seed=5)
    for i, key in enumerate(("source", "mt", "pseudo1", "pseudo2")):
        kind = list(PACKERS)[i % 3]
        files[f"{key}.packed"] = pack(Path(f"{files[key]}.{kind}"), kind, Path(files[key]).read_bytes())
    return files


def _score(corpus: dict[str, Path], out: Path, packed: bool, *extra: str) -> bytes:
    name = (lambda k: str(corpus[f"{k}.packed"])) if packed else (lambda k: str(corpus[k]))
    args = ["score", name("source"), name("mt"), "--aligned", "-s", "ru", "-t", "en", "--retranslation",
            name("pseudo1"), "--reference", name("pseudo2"), "-o", str(out), "--chunk-size", "20", *extra]
    assert main(args) == 0
    return out.read_bytes()


ENGINES = [["--workers", "1"], ["--workers", "2"]]
if importlib.util.find_spec("distributed") is not None:
    ENGINES.append(["--engine", "dask", "--workers", "2"])


@pytest.mark.parametrize("engine", ENGINES, ids=lambda e: "-".join(e))
def test_score_aligned_compressed_files_writes_the_same_bytes(corpus: dict[str, Path], tmp_path: Path,
                                                              engine: list[str]) -> None:
    plain = _score(corpus, tmp_path / "plain.jsonl", False, *engine)
    assert _score(corpus, tmp_path / "packed.jsonl", True, *engine) == plain
    assert plain.count(b"\n") == 90


def test_score_documents_and_report_read_compressed_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "s.ru").write_text(SRC, encoding="utf-8")
    (tmp_path / "m.en").write_text(MT, encoding="utf-8")
    pack(tmp_path / "s.ru.bz2", "bz2", SRC.encode())
    pack(tmp_path / "m.en.gz", "gz", MT.encode())
    outs = []
    for src, mt in (("s.ru", "m.en"), ("s.ru.bz2", "m.en.gz")):
        out = tmp_path / f"{src}.jsonl"
        assert main(["score", str(tmp_path / src), str(tmp_path / mt), "-s", "ru", "-t", "en", "--no-retranslate",
                     "-o", str(out)]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"\n") > 0
    scores = tmp_path / "aligned.jsonl"  # report --source/--mt take one line per segment
    assert main(["score", str(tmp_path / "s.ru"), str(tmp_path / "m.en"), "-s", "ru", "-t", "en", "--aligned",
                 "--no-retranslate", "-o", str(scores), "--workers", "1"]) == 0
    capsys.readouterr()
    reports = []
    for src, mt in (("s.ru", "m.en"), ("s.ru.bz2", "m.en.gz")):
        assert main(["report", str(scores), "--source", str(tmp_path / src),
                     "--mt", str(tmp_path / mt), "--format", "markdown"]) == 0
        reports.append(capsys.readouterr().out)
    assert reports[0] == reports[1] and "Line number 7 here." in reports[0]


def test_errors_name_the_line_of_the_decompressed_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [f"Line number {i} here.\n".encode() for i in range(3000)]
    src = pack(tmp_path / "s.en.gz", "gz", b"".join(lines))
    lines[1499] = b"bad \xff byte\n"
    bad = pack(tmp_path / "bad.en.xz", "xz", b"".join(lines))
    short = pack(tmp_path / "short.en.bz2", "bz2", b"".join(lines[:2999]).replace(b"\xff", b"x"))
    out = tmp_path / "o.jsonl"
    for other, said in ((bad, "bad.en.xz:1500: not valid utf-8"), (short, "has 3000 lines but")):
        code = main(["score", str(src), str(other), "-s", "ru", "-t", "en", "--aligned", "--no-retranslate",
                     "-o", str(out), "--workers", "1"])
        one_line_error(capsys, code, said)
        assert not out.exists()
    code = main(["import", str(src), str(bad), "-s", "ru", "-t", "en", "--aligned", "-o", str(tmp_path / "p.mtr")])
    one_line_error(capsys, code, "bad.en.xz:1500: not valid utf-8")


@pytest.mark.parametrize(("kind", "cut", "said"), [
    ("gz", lambda b: b[:-200], "truncated gzip stream"), ("xz", lambda b: b[:-200], "truncated xz stream"),
    ("bz2", lambda b: b[:-200], "truncated bzip2 stream"),
    ("gz", lambda b: b[:30] + bytes(len(b) - 30), "corrupt gzip data"),
    ("xz", lambda b: b[:40] + b"\xff" * 400 + b[440:], "corrupt xz data"),
    ("bz2", lambda b: b[:40] + b"\xff" * 400 + b[440:], "corrupt bzip2 data"),
])
def test_a_truncated_or_corrupt_stream_is_one_line_naming_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                    kind: str, cut: Callable[[bytes], bytes],
                                                                    said: str) -> None:
    text = "".join(f"Line number {i} here, and {i * 7919 % 1000} more.\n" for i in range(20000)).encode()
    (tmp_path / "s.en").write_bytes(text)
    bad = tmp_path / f"m.en.{kind}"
    bad.write_bytes(cut(PACKERS[kind](text)))
    out = tmp_path / "o.jsonl"
    for mode in (["--aligned"], []):
        code = main(["score", str(tmp_path / "s.en"), str(bad), "-s", "ru", "-t", "en", *mode, "--no-retranslate",
                     "-o", str(out), "--workers", "1"])
        one_line_error(capsys, code, f"m.en.{kind}:", said)
    one_line_error(capsys, main(["segment", str(bad), "-l", "en"]), said)
    code = main(["import", str(tmp_path / "s.en"), str(bad), "--aligned", "-s", "ru", "-t", "en",
                 "-o", str(tmp_path / "p.mtr")])
    one_line_error(capsys, code, said)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["s.en", bad.name])


def _bomb(path: Path) -> Path:
    """200 MB of one line, gzip-compressed to ~200 KB."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"a" * (1 << 20)
    path.write_bytes(b"".join([*(comp.compress(block) for _ in range(200)), comp.compress(b"\n"), comp.flush()]))
    return path


def test_a_decompression_bomb_is_refused_with_bounded_memory(tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "bomb.gz")
    assert bomb.stat().st_size < 400_000
    for read in (lambda: read_text(bomb), lambda: list(LineStream(bomb))):
        tracemalloc.start()
        try:
            with pytest.raises(InputError, match="bomb.gz:1: gzip data that expands more than 100-fold"):
                read()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 150 << 20  # the whole line would be 200 MB of bytes, then as much again decoded


def test_score_refuses_a_bomb_before_scoring(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = _bomb(tmp_path / "bomb.gz")
    (tmp_path / "s.en").write_text("One line.\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    code = main(["score", str(tmp_path / "s.en"), str(bomb), "-s", "ru", "-t", "en", "--aligned", "--no-retranslate",
                 "-o", str(out), "--workers", "1"])
    one_line_error(capsys, code, "decompression bomb", "gunzip -k")
    assert not out.exists()


def test_a_compressed_nbest_retranslation_is_read_as_nbest(corpus: dict[str, Path], tmp_path: Path) -> None:
    import json

    pseudo = Path(corpus["pseudo1"]).read_text(encoding="utf-8").splitlines()
    text = "".join(json.dumps({"hypotheses": [line, line.upper()]}) + "\n" for line in pseudo)
    (tmp_path / "r.jsonl").write_text(text, encoding="utf-8")
    pack(tmp_path / "r.jsonl.gz", "gz", text.encode())
    outs = []
    for name in ("r.jsonl", "r.jsonl.gz"):
        out = tmp_path / f"{name}.out.jsonl"
        assert main(["score", str(corpus["source"]), str(corpus["mt"]), "--aligned", "-s", "ru", "-t", "en",
                     "--retranslation", str(tmp_path / name), "-o", str(out), "--workers", "1"]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and outs[0].count(b"\n") == 90


def test_align_reads_compressed_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "s.ru").write_text(SRC, encoding="utf-8")
    (tmp_path / "m.en").write_text(MT, encoding="utf-8")
    pack(tmp_path / "s.ru.xz", "xz", SRC.encode())
    pack(tmp_path / "m.en.bz2", "bz2", MT.encode())
    outs = []
    for src, mt in (("s.ru", "m.en"), ("s.ru.xz", "m.en.bz2")):
        assert main(["align", str(tmp_path / src), str(tmp_path / mt), "-s", "ru", "-t", "en", "--presegmented",
                     "--no-neural", "--no-embeddings", "--json"]) == 0
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1] and '"source": [59], "target": [59]' in outs[0]


def test_a_compressed_pipe_is_read_decompressed(tmp_path: Path) -> None:
    """``cat doc.gz | mtreview segment -``: the pipe's first bytes are peeked, not consumed."""
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "mtreview", "segment", "-", "-l", "ru"], input=gzip.compress(
        "Привет, мир. Как дела?\nХорошо.\n".encode()), capture_output=True, timeout=120, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.decode() == "Привет, мир.\nКак дела?\nХорошо.\n"


def test_a_truncated_compressed_tmx_is_one_line_and_no_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = "".join(f'<tu><tuv xml:lang="ru"><seg>Строка {i} здесь {i * 31 % 977}.</seg></tuv>\n'
                   f'<tuv xml:lang="en"><seg>Line {i}.</seg></tuv></tu>\n' for i in range(5000))
    tmx = tmp_path / "m.tmx.gz"
    tmx.write_bytes(gzip.compress(f'<?xml version="1.0"?><tmx version="1.4"><header srclang="ru"/><body>{body}'
                                  "</body></tmx>".encode())[:-2000])
    code = main(["import", str(tmx), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")])
    last = one_line_error(capsys, code, "m.tmx.gz:", "truncated gzip stream")
    assert int(last.split("m.tmx.gz:")[1].split(":")[0]) > 1000  # the line of the XML where the text stops
    assert [p.name for p in tmp_path.iterdir()] == ["m.tmx.gz"]


def test_score_refuses_a_compressed_bilingual_file_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "s.ru").write_text(SRC, encoding="utf-8")
    tmx = pack(tmp_path / "m.tmx.gz", "gz", TMX.encode())
    code = main(["score", str(tmp_path / "s.ru"), str(tmx), "-s", "ru", "-t", "en", "--no-retranslate",
                 "-o", str(tmp_path / "o.jsonl")])
    one_line_error(capsys, code, "m.tmx.gz: a bilingual file, not plain text: import it")
