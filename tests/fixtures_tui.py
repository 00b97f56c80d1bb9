"""Projects for the TUI tests, built through the store's public API (no import pipeline, so the tests
know exactly which segment holds what)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mtreview.segment import Sentence
from mtreview.store import Project

# (source, MT, risk, confidence, flags, retranslations, reference)
ROWS = [
    ("Зачем Казахстан зовет НАТО на Каспий", "Why Kazakhstan is calling NATO to the Caspian sea", 0.20, 0.95, [],
     ["Why Kazakhstan invites NATO to the Caspian"], "Why Kazakhstan is inviting NATO to the Caspian"),
    ("Документ был подписан в Вашингтоне.", "The document was signed in Washington.", 0.10, 0.99, [],
     ["The document was signed in Washington."], "The document was signed in Washington."),
    ("Делегацию возглавлял генерал-лейтенант Талгат Мухтаров.", "The delegation was headed by Talgat Mukhtar.",
     0.80, 0.70, [("names", "'Мухтаров' has no counterpart in the MT", 0.8)],
     ["The delegation was led by Lieutenant General Talgat Mukhtarov.", "A general led the delegation."],
     "The delegation was led by Lieutenant General Talgat Mukhtarov."),
    ("Каспийское море – закрытое море.", "Каспийское море – закрытое море.", 0.95, 0.90,
     [("untranslated", "Most of the MT is still in Cyrillic script", 1.0)],
     ["The Caspian Sea is a closed sea."], "The Caspian Sea is a closed sea."),
    ("В 2018 году было 8 847,6 тонн.", "In 2019 there were 8847.6 tons.", 0.65, 0.85,
     [("numbers", "'2018' in the source is missing from the MT", 0.9)],
     ["In 2018 there were 8,847.6 tonnes."], "In 2018 there were 8,847.6 tonnes."),
    ("Насколько реален такой сценарий?", "How realistic is this scenario?", 0.05, 0.97, [],
     ["How realistic is such a scenario?"], "How real is such a scenario?"),
]

MARKUP_SOURCE = "Тег [b]жирный[/b] и [0] и [/x] \x1b[31mкрасный"
MARKUP_MT = "Tag [b]bold[/b] and [0] and [/x] \x1b[31mred [link=http://x]y[/link] :smile:"


def build_project(path: Path, rows: list[tuple] = ROWS, name: str = "fixture") -> Path:
    """A project with one segment per row, its candidates, flags and risks."""
    proj = Project.create(path, "ru", "en", name=name)
    try:
        sources = [Sentence(i, i, r[0]) for i, r in enumerate(rows)]
        mts = [Sentence(i, i, r[1]) for i, r in enumerate(rows)]
        proj.add_document("source", "ru", "\n\n".join(s.text for s in sources), sources)
        proj.add_document("mt", "en", "\n\n".join(s.text for s in mts), mts)
        ids = proj.add_segments(((i,), (i,), r[0], r[1], r[3]) for i, r in enumerate(rows))
        cands = []
        for seg_id, r in zip(ids, rows, strict=True):
            for rank, text in enumerate(r[5]):
                name_ = "opus-mt-ru-en" if rank == 0 else f"opus-mt-ru-en#{rank + 1}"
                cands.append((seg_id, "retranslation", name_, text, "Helsinki-NLP/opus-mt-ru-en", {"beam": 4}, rank))
            if r[6] is not None:
                cands.append((seg_id, "reference", "reference", r[6], None, None, 0))
        proj.add_candidates(cands)
        for seg_id, r in zip(ids, rows, strict=True):
            if r[4]:
                proj.set_flags(seg_id, r[4])
        proj.set_risks([(seg_id, r[2]) for seg_id, r in zip(ids, rows, strict=True)])
    finally:
        proj.close()
    return path


def segment_ids(path: Path) -> list[int]:
    with Project.open(path) as proj:
        return proj.segment_ids()


def state_of(path: Path, number: int):
    """The stored state of segment ``number`` (1-based, document order), read from a fresh connection."""
    with Project.open(path) as proj:
        return proj.segments()[number - 1].state


@pytest.fixture
def review_project(tmp_path: Path) -> Path:
    return build_project(tmp_path / "fixture.mtr")


@pytest.fixture
def empty_project(tmp_path: Path) -> Path:
    """A project without segments."""
    path = tmp_path / "empty.mtr"
    Project.create(path, "ru", "en", name="empty").close()
    return path


@pytest.fixture
def markup_project(tmp_path: Path) -> Path:
    rows = [(MARKUP_SOURCE, MARKUP_MT, 0.5, 0.9, [("brackets", "Unbalanced [ in the MT", 0.5)],
             ["Tag [b]bold[/b] and [0]"], None), *ROWS[:2]]
    return build_project(tmp_path / "markup.mtr", rows)


@pytest.fixture
def data_dir() -> Path:
    """The data folder the suite's conftest points ``MTREVIEW_DATA_DIR`` at for this test."""
    return Path(os.environ["MTREVIEW_DATA_DIR"])


def env_for_subprocess(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"MTREVIEW_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                "TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    return env


class Tmux:
    """A program in a real terminal: a tmux session on a private server socket (so no user or other test
    server is touched), driven with send-keys and read with capture-pane."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], size: tuple[int, int] = (120, 40)) -> None:
        import shlex
        import shutil
        import subprocess

        if shutil.which("tmux") is None:
            pytest.skip("tmux is not installed (apt-get install tmux; CI installs it)")
        self.socket = f"mtr-{name}-{os.getpid()}"
        self.name = name
        self._run = subprocess.run
        # "env -i" with an explicit environment: the tmux server passes the client's environment only in
        # part, so the program gets exactly this one.
        line = "exec env -i " + " ".join(shlex.quote(f"{k}={v}") for k, v in env.items()) + " " + shlex.join(command)
        self.tmux("new-session", "-d", "-s", name, "-x", str(size[0]), "-y", str(size[1]), line)

    def tmux(self, *args: str) -> str:
        out = self._run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30)
        return out.stdout

    def alive(self) -> bool:
        return self._run(["tmux", "-L", self.socket, "has-session", "-t", self.name],
                         capture_output=True, timeout=30).returncode == 0

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.name, key)

    def wait(self, test, timeout: float = 60.0, what: str = "") -> str:
        """Poll the screen until ``test(screen)`` holds; returns that screen."""
        import time

        start = time.monotonic()
        while time.monotonic() - start < timeout:
            shown = self.screen()
            if test(shown):
                return shown
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what or test}; the screen shows:\n{self.screen()}")

    def wait_gone(self, timeout: float = 30.0) -> None:
        import time

        start = time.monotonic()
        while self.alive():
            if time.monotonic() - start > timeout:
                raise AssertionError(f"the program did not quit; the screen shows:\n{self.screen()}")
            time.sleep(0.05)

    def close(self) -> None:
        self._run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=30)


def reviewed_count(screen: str) -> int | None:
    """N from the header's "Reviewed N/M (p%)" (or, in a narrow terminal, "N/M (p%)"), or None when the
    header is not on screen."""
    import re

    m = re.search(r"(?:Reviewed |^\s*)(\d+)/\d+ \(\d+%\)", screen, re.MULTILINE)
    return int(m.group(1)) if m else None


def statuses_of(path: Path) -> list[str]:
    """The stored status of every segment, in document order, read from a fresh connection."""
    with Project.open(path) as proj:
        return [s.state.status for s in proj.segments()]


def record_notifications(app) -> list[str]:  # noqa: ANN001
    """Every message ``app`` says from now on, in order (a new piece of information replaces the earlier
    ones on screen, so ``app._notifications`` holds only the latest)."""
    said: list[str] = []
    notify = app.notify

    def recording(message: str, **kwargs) -> None:  # noqa: ANN003
        said.append(message)
        notify(message, **kwargs)

    app.notify = recording
    return said


def read_when_written(path: Path, term: Tmux, timeout: float = 30.0) -> str:
    """The text of ``path`` (a status file the shell in ``term`` writes when the program ends), once it
    exists; fails showing the screen when it does not come within ``timeout``."""
    import time

    deadline = time.monotonic() + timeout
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert path.exists(), term.screen()
    return path.read_text().strip()


def review_in_tmux(name: str, project: Path, data_dir: Path, tmp_path: Path) -> tuple[Tmux, Path]:
    """``mtreview review PROJECT --reviewer t`` in a tmux session ``name``, and the file its shell writes the
    exit status to when the review ends."""
    import shlex
    import sys

    rc_file = tmp_path / f"{name}.rc"
    review = shlex.join([sys.executable, "-m", "mtreview", "review", str(project), "--reviewer", "t"])
    term = Tmux(name, ["sh", "-c", f"{review}; echo $? > {shlex.quote(str(rc_file))}; sleep 60"],
                env_for_subprocess(data_dir))
    return term, rc_file


def save_the_offered_draft(term: Tmux, rc_file: Path, typed: str) -> None:
    """In a review that opens with a kept draft of segment 1: the notice shows, ``e`` offers ``typed``, ctrl+s
    saves it, and ``q`` ends the review with status 0. Closes the terminal."""
    try:
        term.wait(lambda s: "you typed in your last review was not saved" in s, timeout=60, what="the notice")
        term.keys("e")
        shown = term.wait(lambda s: "Edit segment 1" in s, what="the editor")
        assert "your text that was not saved" in shown and typed in shown
        term.keys("C-s")
        term.wait(lambda s: reviewed_count(s) == 1, what="the edit saved")
        term.keys("q")
        assert read_when_written(rc_file, term) == "0"
    finally:
        term.close()


def libc_wcwidth():  # noqa: ANN201
    """The C library's wcwidth, as tmux and xterm measure a code point, and the LC_CTYPE locale to set back
    after (skips where there is none)."""
    import ctypes
    import ctypes.util
    import locale

    name = ctypes.util.find_library("c")
    if name is None:
        pytest.skip("no C library to ask for wcwidth")
    libc = ctypes.CDLL(name)
    if not hasattr(libc, "wcwidth"):
        pytest.skip("the C library has no wcwidth")
    libc.wcwidth.argtypes = [ctypes.c_wchar]
    old = locale.setlocale(locale.LC_CTYPE)
    try:
        locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    except locale.Error:
        pytest.skip("no C.UTF-8 locale")
    try:
        if libc.wcwidth("漢") != 2:
            pytest.skip("this C library does not measure wide characters")
    except Exception:
        locale.setlocale(locale.LC_CTYPE, old)
        raise
    return libc.wcwidth, old
