"""The names check's pass over a whole SOURCE file on a batch engine's workers (``batch.document_pass``): one
byte range per worker, the same words as the pass in one process, and on Dask the LocalCluster started while
the starter process makes the pass."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.batch import document_pass
from mtreview.batch.document_pass import document_words_on, on_workers
from mtreview.batch.engines import Engine, make_engine
from mtreview.batch.lines import LineStream
from mtreview.checks.document_words import document_words
from mtreview.cli import main

# A source whose document words are not empty either way: "Turkey" opens a line and "turkey" is written in
# lower case further on (a place the document also writes as a common noun); "Mukhtarov" opens a line and
# is a name elsewhere.
LINES = ["Turkey is a bird that many families roast in November.", "We buy a turkey every year.",
         "Mukhtarov said the talks went well.", "The minister thanked Mukhtarov for his help.",
         "Paris is far away.", "Paris, said Mukhtarov, is a city of light."]


def _source(tmp_path: Path, repeat: int) -> Path:
    path = tmp_path / "s.en"
    # the names far apart: the words of one range decide what another range's lines mean
    lines = [LINES[0], *(f"Line number {i} has words in it." for i in range(repeat)), *LINES[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _whole(path: Path, lang: str = "en"):
    return document_words(lambda: [line for block in LineStream(path).blocks() for line in block], lang)


@pytest.mark.parametrize("repeat", [0, 40, 301])
def test_a_pool_makes_the_same_words_as_one_process(tmp_path: Path, repeat: int) -> None:
    src = _source(tmp_path, repeat)
    total = repeat + len(LINES)
    expected = _whole(src)
    assert expected.known_names and expected.lowercase == {"turkey"}  # the test would prove nothing otherwise
    done: list[int] = []
    with make_engine("local", 2) as engine:
        got = document_words_on(engine, src, "en", None, total, done.append)
    assert got == expected
    assert sum(done) == 2 * total  # both passes, every line, for the progress bar
    assert len(done) == 4  # one range per worker, two passes


def test_a_long_file_is_cut_into_ranges_of_bounded_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A range is read whole on its worker: one range per worker of a 1,000,000-line file held ~0.5 GB on
    each (at 200,000 lines the pool's peak memory doubled), so no range is longer than RANGE_LINES."""
    monkeypatch.setattr(document_pass, "RANGE_LINES", 50)
    src = _source(tmp_path, 301)
    total = 301 + len(LINES)
    done: list[int] = []
    with make_engine("local", 2) as engine:
        got = document_words_on(engine, src, "en", None, total, done.append)
    assert got == _whole(src)
    assert len(done) == 2 * 7 and max(done) == 50 and sum(done) == 2 * total  # ceil(307 / 50) ranges a pass


def test_the_pass_stays_in_this_process_where_workers_cannot_help(tmp_path: Path) -> None:
    src = _source(tmp_path, document_pass.ON_WORKERS_MIN_LINES)
    total = document_pass.ON_WORKERS_MIN_LINES + len(LINES)
    assert not on_workers(Engine(), src, total)  # one process
    with make_engine("local", 2) as engine:
        assert on_workers(engine, src, total)
        assert not on_workers(engine, src, total - len(LINES) - 1)  # too short to be worth it
        assert not on_workers(engine, src, None)
        gz = tmp_path / "s.en.gz"
        import gzip

        gz.write_bytes(gzip.compress(src.read_bytes()))
        assert not on_workers(engine, gz, total)  # no byte ranges in a compressed file


def test_score_on_a_pool_makes_the_pass_on_its_workers_with_the_same_records(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    src = _source(tmp_path, 60)
    mt = tmp_path / "m.ru"
    mt.write_text("\n".join(["Индейка — птица, которую запекают в ноябре.", *(f"Строка {i} со словами." for i in range(60)),
                             "Мы покупаем индейку.", "Переговоры прошли хорошо.", "Министр поблагодарил Мухтарова.",
                             "Париж далеко.", "Париж, сказал Мухтаров, город света."]) + "\n", encoding="utf-8")
    monkeypatch.setattr(document_pass, "ON_WORKERS_MIN_LINES", 10)
    engines: list[str] = []
    real = document_pass.document_words_on

    def spy(engine, *args, **kwargs):
        engines.append(engine.describe())
        return real(engine, *args, **kwargs)

    monkeypatch.setattr(document_pass, "document_words_on", spy)
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"o{workers}.jsonl"
        assert main(["score", str(src), str(mt), "--aligned", "-s", "en", "-t", "ru", "--no-retranslate", "-o",
                     str(out), "--workers", workers, "--chunk-size", "8"]) == 0
        outs.append([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()])
    assert outs[0] == outs[1]
    names = [any(f["name"] == "names" for f in r["flags"]) for r in outs[0]]
    assert names[0] is False, outs[0][0]["flags"]  # Turkey, the bird: the whole file's words reached the first line's chunk
    assert engines == ["2 local processes"]  # the pool made the pass; one process made its own


def test_dask_starts_its_cluster_while_the_starter_makes_the_pass(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from mtreview.batch.dask_engine import DaskEngine

    # no names: the first pass finds nothing to look for, so the pass is two tasks, which the starter alone
    # would take without ever starting the cluster
    src = tmp_path / "plain.en"
    src.write_text("".join(f"line number {i} has words in it.\n" for i in range(40)), encoding="utf-8")
    with make_engine("dask", 2) as engine:
        assert isinstance(engine, DaskEngine)
        if engine._starter is None:
            pytest.skip("no starter process here (workers are not forked on this platform)")
        got = document_words_on(engine, src, "en", None, 40)
        assert engine._starting is not None  # the cluster's start began with the pass, not after it
        assert engine._starter_left == 0  # no second pass: the scoring's tasks go where the cluster is ready
        engine.start_cluster()  # (waits for it)
        assert engine.cluster is not None and len(engine.cluster.workers) == 2
    assert got == _whole(src) and not got.known_names and not got.lowercase
