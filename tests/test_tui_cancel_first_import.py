"""c on the first run's "preparing the bundled example" screen quits with exit status 130 and one line saying
what happened and that nothing was left half-made (QA: it exited 130 with nothing said)."""

from __future__ import annotations

import shlex
import sys
import time
from pathlib import Path

import fixtures_tui
import pytest
from fixtures_tui import Tmux, env_for_subprocess

from mtreview.tui.app import LoadingScreen, make_app

data_dir = fixtures_tui.data_dir


@pytest.mark.asyncio
async def test_c_cancels_the_import_and_leaves_a_word_for_the_cli(data_dir: Path) -> None:
    app = make_app(None, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, LoadingScreen)
        await pilot.press("c")
    assert app.return_code == 130
    assert app.farewell is not None and "not prepared" in app.farewell
    # (whether the import's thread still finished the project here depends on timing: in the CLI the process
    # ends at once; either way nothing half-made is left, as the import writes a temporary file and renames it)


def test_the_terminal_shows_why_and_the_status_is_130(data_dir: Path, tmp_path: Path) -> None:
    rc_file = tmp_path / "rc"
    review = shlex.join([sys.executable, "-m", "mtreview", "review", "--reviewer", "t"])
    term = Tmux("cancel-import", ["sh", "-c", f"{review}; echo $? > {shlex.quote(str(rc_file))}; sleep 60"],
                env_for_subprocess(data_dir), size=(80, 24))
    try:
        term.wait(lambda s: "preparing the bundled example" in s, timeout=60, what="the first run's import")
        term.keys("c")
        deadline = time.monotonic() + 30
        while not rc_file.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert rc_file.exists(), term.screen()
        assert rc_file.read_text().strip() == "130"
        assert "mtreview: cancelled: the bundled example was not prepared" in term.screen().replace("\n", "")
    finally:
        term.close()
