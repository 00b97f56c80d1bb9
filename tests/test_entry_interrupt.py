"""A Ctrl-C while the program imports its CLI (click and the commands' modules: the first ~0.3 s of every
run, before the CLI's handlers are in place) ends as a later Ctrl-C does: "mtreview: interrupted", exit 130,
no traceback. The interrupt is made to land inside that import deterministically: an import hook raises
KeyboardInterrupt when click is imported, as a Ctrl-C arriving then would."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOOKED = """
import sys
class InterruptAtClick:
    def find_spec(self, name, path=None, target=None):
        if name == "click":
            raise KeyboardInterrupt
        return None
sys.meta_path.insert(0, InterruptAtClick())
sys.argv = ["mtreview", "--version"]
{launch}
"""


@pytest.mark.parametrize("launch", ["from mtreview.entry import run\nrun()", "import runpy\nrunpy.run_module('mtreview', run_name='__main__')"],
                         ids=["console-script", "python-m"])
def test_ctrl_c_during_the_cli_import_is_one_line_and_130(launch: str) -> None:
    run = subprocess.run([sys.executable, "-c", HOOKED.format(launch=launch)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 130
    assert run.stderr == "mtreview: interrupted\n"
    assert run.stdout == ""


def test_the_console_script_is_the_entry_that_handles_it() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["mtreview"] == "mtreview.entry:run"
