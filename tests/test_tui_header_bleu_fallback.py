"""A Japanese project reviewed without MeCab: the header's BLEU tokenises with 13a (near 0 for text
without spaces, not sacrebleu's ja-mecab BLEU), and says so as "BLEU(13a)" (QA: it showed the number as
any BLEU, while score and report noted the fallback). A Chinese project's BLEU stays "BLEU"."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.metric_tokens import bleu_tokenizer_name
from mtreview.segment import Sentence
from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.widgets.header import ReviewHeader


def _project(path: Path, lang: str, mts: list[str], refs: list[str]) -> Path:
    proj = Project.create(path, "en", lang, name=lang)
    src = [Sentence(i, i, t) for i, t in enumerate(["We meet tomorrow.", "This matters."])]
    proj.add_document("source", "en", "\n\n".join(s.text for s in src), src)
    proj.add_document("mt", lang, "\n\n".join(mts), [Sentence(i, i, t) for i, t in enumerate(mts)])
    ids = proj.add_segments(((i,), (i,), s.text, m, 0.9) for i, (s, m) in enumerate(zip(src, mts, strict=True)))
    proj.add_candidates([(sid, "reference", "reference", r, None, None, 0) for sid, r in zip(ids, refs, strict=True)])
    proj.close()
    return path


async def _progress_line(path: Path) -> str:
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 24)) as pilot:
        for _ in range(10):
            await pilot.pause()
            line = app.screen.query_one(ReviewHeader)._text.plain.splitlines()[1]
            if "BLEU" in line:
                return line
    raise AssertionError(f"no BLEU in the header: {line!r}")


@pytest.mark.asyncio
async def test_a_japanese_bleu_without_mecab_is_labelled_13a(tmp_path: Path) -> None:
    if bleu_tokenizer_name("ja") != "13a":
        pytest.skip("MeCab is installed: BLEU uses sacrebleu's ja-mecab tokenizer")
    path = _project(tmp_path / "ja.mtr", "ja", ["明日会いましょう。", "これは重要です。"],
                    ["明日会いましょうね。", "これはとても重要です。"])
    line = await _progress_line(path)
    assert "BLEU(13a) " in line


@pytest.mark.asyncio
async def test_a_chinese_bleu_is_labelled_plainly(tmp_path: Path) -> None:
    path = _project(tmp_path / "zh.mtr", "zh", ["我们明天去北京开会。", "这个问题很重要。"],
                    ["我们明天去北京开会了。", "这个问题非常重要。"])
    line = await _progress_line(path)
    assert "BLEU " in line and "BLEU(13a)" not in line
