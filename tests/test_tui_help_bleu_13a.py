"""The header's ``BLEU(13a)`` (a Japanese or Korean target reviewed without MeCab) is explained in the help's
legend, in one line naming what to install (QA: nothing on screen said why the header read BLEU(13a), nor that
the number is not sacrebleu's); a project whose BLEU is sacrebleu's has no such line."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Static

from mtreview.metric_tokens import bleu_tokenizer_name
from mtreview.segment import Sentence
from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.screens.help import HelpScreen

pytestmark = pytest.mark.asyncio


def _project(path: Path, lang: str, mts: list[str]) -> Path:
    proj = Project.create(path, "en", lang, name=lang)
    src = [Sentence(i, i, t) for i, t in enumerate(["We meet tomorrow.", "This matters."])]
    proj.add_document("source", "en", "\n\n".join(s.text for s in src), src)
    proj.add_document("mt", lang, "\n\n".join(mts), [Sentence(i, i, t) for i, t in enumerate(mts)])
    proj.add_segments(((i,), (i,), s.text, m, 0.9) for i, (s, m) in enumerate(zip(src, mts, strict=True)))
    proj.close()
    return path


async def _legend(path: Path) -> str:
    """The help's legend as drawn in a 120x40 terminal, runs of spaces as one."""
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        widget = app.screen.query_one("#help-legend", Static)
        strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
        return " ".join(" ".join(strip.text for strip in strips).split())


async def test_the_help_explains_bleu_13a_for_japanese_without_mecab(tmp_path: Path) -> None:
    if bleu_tokenizer_name("ja") != "13a":
        pytest.skip("MeCab is installed: BLEU uses sacrebleu's ja-mecab tokenizer")
    legend = await _legend(_project(tmp_path / "ja.mtr", "ja", ["明日会いましょう。", "これは重要です。"]))
    assert ("BLEU(13a) Without MeCab (pip install 'sacrebleu[ja]') BLEU splits Japanese only at spaces and "
            "punctuation: near 0, not sacrebleu's") in legend


async def test_the_help_explains_bleu_13a_for_korean_without_mecab(tmp_path: Path) -> None:
    if bleu_tokenizer_name("ko") != "13a":
        pytest.skip("MeCab is installed: BLEU uses sacrebleu's ko-mecab tokenizer")
    legend = await _legend(_project(tmp_path / "ko.mtr", "ko", ["내일 만나요.", "이것은 중요합니다."]))
    assert "(pip install 'sacrebleu[ko]') BLEU tokenises Korean with 13a, not sacrebleu's" in legend
    assert "near 0" not in legend  # Korean is written with spaces: 13a finds its words


async def test_no_bleu_line_where_bleu_is_sacrebleus(tmp_path: Path) -> None:
    legend = await _legend(_project(tmp_path / "de.mtr", "de", ["Wir treffen uns morgen.", "Das ist wichtig."]))
    assert "Alignment confidence" in legend  # the legend itself is there
    assert "BLEU" not in legend and "MeCab" not in legend
