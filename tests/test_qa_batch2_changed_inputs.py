"""An --aligned file modified or replaced while it is scored is an error naming it, with no scores file: the
workers read it by path, chunk by chunk, so a rewrite that kept the line count (an editor's save, ``sed -i``)
gave records that mixed old and new text, exit 0 (QA: two such runs gave BLEU 41.1 and 41.3)."""

from __future__ import annotations

import os

import pytest

from mtreview.batch.engines import Engine
from mtreview.batch.pipeline import score_stream
from mtreview.batch.shards import AlignedFiles
from mtreview.batch.synthetic import write_corpus
from mtreview.errors import InputError


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "c", 30, refs=1, seed=4)


def _files(corpus) -> AlignedFiles:
    return AlignedFiles(corpus["source"], corpus["mt"], [corpus["pseudo1"]], None, "ru", "en")


def _replace_same_size(path) -> None:
    """What ``sed -i 's/a/b/'`` does: a new file, same size, renamed over the old one."""
    text = path.read_text(encoding="utf-8")
    tmp = path.with_name(path.name + ".new")
    tmp.write_text(text.replace("a", "b", 1), encoding="utf-8")
    os.replace(tmp, path)


def test_a_file_replaced_during_the_run_is_an_error(corpus):
    files = _files(corpus)
    written: list = []

    def write(records) -> None:
        if not written:  # after the first chunk, as another program saves the file
            _replace_same_size(corpus["pseudo1"])
        written.append(records)

    with pytest.raises(InputError, match=r"pseudo1\.txt: changed while being scored"):
        score_stream(files, Engine(), write, chunk_size=10, total=30, progress=False, target_lang="en")


def test_a_file_rewritten_in_place_is_an_error(corpus):
    files = _files(corpus)
    path = corpus["mt"]
    st = os.stat(path)
    data = bytearray(path.read_bytes())
    data[0:1] = b"Z"
    with open(path, "r+b") as fh:  # same inode, same size
        fh.write(data)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    with pytest.raises(InputError, match=r"mt\.txt: changed while being scored"):
        score_stream(files, Engine(), lambda _r: None, chunk_size=10, total=30, progress=False, target_lang="en")


def test_unchanged_files_score(corpus):
    summary = score_stream(_files(corpus), Engine(), lambda _r: None, chunk_size=10, total=30, progress=False,
                           target_lang="en")
    assert summary.segments == 30


def test_the_command_leaves_no_scores_file(corpus, tmp_path, monkeypatch, capsys):
    from mtreview.batch import pipeline
    from mtreview.cli import main

    real = pipeline.SegmentProgress.advance

    def advance(bar, n):  # the first chunk scored: the file is saved anew
        if not getattr(advance, "done", False):
            advance.done = True  # type: ignore[attr-defined]
            _replace_same_size(corpus["pseudo1"])
        return real(bar, n)

    monkeypatch.setattr(pipeline.SegmentProgress, "advance", advance)
    out = tmp_path / "s.jsonl"
    code = main(["score", str(corpus["source"]), str(corpus["mt"]), "--aligned", "-s", "ru", "-t", "en",
                 "--retranslation", str(corpus["pseudo1"]), "-o", str(out), "--summary", str(tmp_path / "s.json"),
                 "--chunk-size", "10", "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert "pseudo1.txt: changed while being scored" in err
    assert not out.exists() and not (tmp_path / "s.json").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_lines_appended_during_the_run_are_told_as_a_change(corpus):
    files = _files(corpus)  # opened with equal line counts (the command checks them first)
    with open(corpus["mt"], "a", encoding="utf-8") as fh:  # QA: told "mt.txt: has 40 lines but source has 30"
        fh.write("more\n" * 10)
    with pytest.raises(InputError, match=r"mt\.txt: changed while being scored"):
        list(files.slices(10))
