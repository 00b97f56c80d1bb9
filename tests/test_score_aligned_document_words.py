"""The streamed ``score --aligned`` gives the names check the whole source file's words, as scoring the same
lines imported into a project does (QA: streamed, "Turkey is a bird" was flagged beside "We buy a turkey",
and "Мухтаров сказал ..." with the name lost was not flagged beside "... Мухтарова ...", the project's
answers being the other way round), on one process, on a pool and on Dask, read whole or by byte range."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from mtreview.batch.engines import make_engine
from mtreview.batch.pipeline import score_stream
from mtreview.batch.shards import AlignedFiles
from mtreview.checks import CheckContext, check_context
from mtreview.checks.document_words import document_words
from mtreview.checks.names import document_lowercase, document_names
from mtreview.cli import main

EN = ["Turkey is a bird that many families roast in November.", "We buy a turkey every year.",
      "Mukhtarov said the talks went well.", "The minister thanked Mukhtarov for his help.", "Paris is far away."]
RU = ["Индейка — птица, которую многие семьи запекают в ноябре.", "Мы покупаем индейку каждый год.",
      "Переговоры прошли хорошо, сказал он.", "Министр поблагодарил Мухтарова за помощь.", "Это далеко."]
# The project's answer, per line: the bird is no country, the surname lost where it opens the sentence is
NAMES = [False, False, True, False, False]


def _names(records: list[dict]) -> list[bool]:
    return [any(f["name"] == "names" for f in r["flags"]) for r in records]


def _write(tmp_path: Path, compress: bool = False) -> tuple[Path, Path]:
    src, mt = tmp_path / ("s.en.gz" if compress else "s.en"), tmp_path / "m.ru"
    text = "\n".join(EN) + "\n"
    if compress:
        src.write_bytes(gzip.compress(text.encode()))
    else:
        src.write_text(text, encoding="utf-8")
    mt.write_text("\n".join(RU) + "\n", encoding="utf-8")
    return src, mt


@pytest.mark.parametrize("workers", ["1", "2"])
def test_streamed_lines_are_checked_with_the_whole_files_words(tmp_path: Path, workers: str) -> None:
    src, mt = _write(tmp_path)
    out = tmp_path / "o.jsonl"
    assert main(["score", str(src), str(mt), "--aligned", "-s", "en", "-t", "ru", "--no-retranslate", "-o",
                 str(out), "--workers", workers, "--chunk-size", "2"]) == 0
    assert _names([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]) == NAMES


def test_a_compressed_source_gives_the_same_words(tmp_path: Path) -> None:
    src, mt = _write(tmp_path, compress=True)
    out = tmp_path / "o.jsonl"
    assert main(["score", str(src), str(mt), "--aligned", "-s", "en", "-t", "ru", "--no-retranslate", "-o",
                 str(out), "--workers", "1"]) == 0
    assert _names([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]) == NAMES


def test_byte_range_chunks_on_a_pool_carry_the_words(tmp_path: Path) -> None:
    src, mt = _write(tmp_path)
    files = AlignedFiles(src, mt, source_lang="en", target_lang="ru")
    words = document_words(lambda: EN, "en")
    got: list[dict] = []
    with make_engine("local", 2) as engine:
        score_stream(files, engine, got.extend, chunk_size=2, target_lang="ru", progress=False, document=words)
    assert _names(got) == NAMES


def test_the_kept_words_answer_as_the_whole_documents_sets() -> None:
    """Only sentence openers are kept, and the check asks about nothing else: the same flags as with
    ``document_names`` and ``document_lowercase`` of all the lines."""
    sources = [*EN, "Turkey borders Iran.", "Мы видели Мир.", "Весь мир смотрел.", "L'Italie et l'Espagne.",
               "Italie ou Espagne?", "Мухтаров сказал, что флот готов.", "Журналисты спросили Мухтарова о флоте."]
    words = document_words(lambda: sources, "en")
    full = (document_names(sources, "en"), document_lowercase(sources))
    assert words.lowercase == {"turkey"} and len(words.lowercase) < len(full[1])
    for lang in ("en", "ru", "fr"):
        words = document_words(lambda: sources, lang)
        full = (document_names(sources, lang), document_lowercase(sources))
        for s in sources:
            a = check_context(CheckContext(s, "x y z.", lang, "de", known_names=full[0], document_lowercase=full[1]))
            b = check_context(CheckContext(s, "x y z.", lang, "de", known_names=words.known_names,
                                           document_lowercase=words.lowercase))
            assert a == b, s


def test_a_line_too_long_to_score_counts_for_neither_path(tmp_path: Path) -> None:
    """A page on one line is not scored (``too_long``) and its words are no sentence of the document: a
    project skipped it no more than the streamed path, which cannot afford to scan it, so "Turkey" was
    flagged there and not in the project."""
    from mtreview.project_scoring import score_project
    from mtreview.store import Project

    page = "we roast a turkey " * 6_000
    src, mt = tmp_path / "s.en", tmp_path / "m.ru"
    src.write_text(f"{EN[0]}\n{page}\n", encoding="utf-8")
    mt.write_text(f"{RU[0]}\n{RU[1]}\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["score", str(src), str(mt), "--aligned", "-s", "en", "-t", "ru", "--no-retranslate", "-o",
                 str(out), "--workers", "1"]) == 0
    streamed = _names([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()])
    proj = Project.create(tmp_path / "p.mtr", "en", "ru")
    ids = proj.add_segments([((0,), (0,), EN[0], RU[0], 1.0), ((1,), (1,), page, RU[1], 1.0)])
    score_project(proj, retranslate=False, log=lambda _msg: None)
    in_project = [any(f[0] == "names" for f in proj.flags(i)) for i in ids]
    proj.close()
    assert streamed[0] and in_project[0]


def test_no_pass_over_the_source_where_the_names_check_does_not_run(tmp_path: Path) -> None:
    """A German source (every noun capitalised) or a Chinese target (names not comparable letter by letter):
    the check never reads the words, so the source is not read for them."""
    from mtreview.cli.score_aligned import source_document_words

    missing = str(tmp_path / "never-read.txt")
    assert source_document_words(missing, "de", "fr", None, progress=False) is None
    assert source_document_words(missing, "en", "zh", None, progress=False) is None
    src, _ = _write(tmp_path)
    words = source_document_words(str(src), "en", "ru", None, progress=False)
    assert words is not None and words.lowercase == {"turkey"}
