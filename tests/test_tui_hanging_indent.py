"""Wrapped lines of a candidate, a check explanation and a file note continue under their text, not at
the margin under the number or bullet (hanging indent), at 80 and 120 columns."""

from __future__ import annotations

from pathlib import Path

import fixtures_tui
import pytest
from fixtures_formats import xliff12_doc

from mtreview.project_build import build_from_bilingual
from mtreview.tui.app import make_app
from mtreview.tui.widgets.detail import DetailPane

LONG = " ".join(["The delegation was led by Lieutenant General Talgat Mukhtarov of the ministry."] * 3)
CHECK = "'Мухтаров' has no counterpart in the MT, and neither do the other names " * 3
NOTE = "Check the rank against the ministry's style guide before you sign the unit off. " * 3


def block(lines: list[str], first: str) -> list[str]:
    """The screen lines of the item whose first line starts with ``first``: it and its continuations
    (the lines after it until a blank line or one that starts like a new item). The last such item: in
    a short pane the source (and the notes under it) shows cut first, then in full below."""
    start = max(k for k, line in enumerate(lines) if line.startswith(first))
    out = [lines[start]]
    for line in lines[start + 1:]:
        if not line.strip() or not line.startswith(" "):
            break
        out.append(line)
    return out


async def pane_lines(path: Path, size: tuple[int, int]) -> list[str]:
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        return app.screen.query_one(DetailPane).rendered_lines()


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_candidates_and_checks_wrap_under_their_text(tmp_path: Path, size: tuple[int, int]) -> None:
    rows = [("Делегацию возглавлял генерал-лейтенант Талгат Мухтаров.", "The delegation was headed by Talgat.",
             0.8, 0.7, [("names", CHECK.strip(), 0.8)], [LONG], None)]
    lines = await pane_lines(fixtures_tui.build_project(tmp_path / "p.mtr", rows), size)
    text = block(lines, "  The delegation was led")
    assert len(text) >= 3  # wrapped
    assert all(line.startswith("  ") and line[2] != " " for line in text)
    checks = block(lines, "\u2022 names (0.8)")
    assert len(checks) >= 2
    assert all(line.startswith("  ") and line[2] != " " for line in checks[1:])
    assert " ".join(line.strip() for line in checks) == "\u2022 names (0.8) " + CHECK.strip()


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_file_notes_wrap_under_their_text(tmp_path: Path, write,  # noqa: ANN001
                                             size: tuple[int, int]) -> None:
    unit = (f'<trans-unit id="a"><source>Глава 3: Установка</source><target state="translated">Chapter 3: '
            f'Setup</target><note>{NOTE.strip()}</note></trans-unit>')
    path = build_from_bilingual(write("in.xlf", xliff12_doc(unit)), tmp_path / "p.mtr", "ru", "en")
    lines = await pane_lines(path, size)
    note = block(lines, "\u2022 Check the rank")
    assert len(note) >= 2
    assert all(line.startswith("  ") and line[2] != " " for line in note[1:])
    assert " ".join(line.strip() for line in note) == "\u2022 " + NOTE.strip()
