"""The split dialog's source and MT sentences are set apart by a rule: with one blank cell between them, a
source line that filled its column ran on into the MT beside it ("… полковник в TASS, a retired Colonel …"
read as one line; QA at 100 columns on the bundled corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Static

from mtreview.segment import Sentence
from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.screens.dialogs import SplitDialog

SOURCE = ("— Пока Казахстан является членом ОДКБ, никакой, даже самой символической военно-морской базы на "
          "Каспии появиться не может, — говорит обозреватель ТАСС, полковник в отставке Виктор Литовкин.")
MT = ("As long as Kazakhstan is a CSTO member, no, even the most symbolic naval base on the Caspian sea can "
      "not appear, — says columnist TASS, a retired Colonel Viktor Litovkin.")


def one_segment(path: Path) -> Path:
    with Project.create(path, "ru", "en") as proj:
        proj.add_document("source", "ru", SOURCE, [Sentence(0, 0, SOURCE)])
        proj.add_document("mt", "en", MT, [Sentence(0, 0, MT)])
        proj.add_segments([((0,), (0,), SOURCE, MT, 0.9)])
    return path


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(100, 30), (60, 20)])
async def test_a_rule_stands_between_the_source_and_the_mt_sentences(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(one_segment(tmp_path / "p.mtr"), reviewer="ana", cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SplitDialog)
        source, mt = app.screen.query(".split-side")
        assert source.region.right == mt.region.x  # side by side, nothing else between them
        rule = [strip.text[:1] for strip in mt.render_lines(Region(0, 0, mt.size.width, mt.size.height))]
        assert len(rule) >= 3 and set(rule) == {"\u2502"}, rule  # on every row of the MT column
        (text,) = mt.query(Static)
        assert "MT sentences" in str(text.render())
        assert text.region.x >= mt.region.x + 2  # the rule, then a blank cell, then the MT
