"""Code that the MT rightly keeps (commands, identifiers, file names, code in backticks or quotes) is not
untranslated text when the source has it verbatim (``code_spans.blank_code``)."""

from __future__ import annotations

import pytest

from mtreview.checks import run_checks
from mtreview.checks.code_spans import blank_code


def untranslated(source: str, mt: str) -> list[str]:
    return [f.detail for f in run_checks(source, mt, "en", "ru") if f.name == "untranslated"]


@pytest.mark.parametrize(("source", "mt"), [
    ("Run pip install numpy to install it.", "Выполните pip install numpy, чтобы установить его."),
    ("Open config.yaml and set max_workers to 4.", "Откройте config.yaml и задайте max_workers равным 4."),
    ("Use `git status` and the --verbose flag.", "Используйте `git status` и флаг --verbose."),
    ('Run "setup.py" first.', "Сначала запустите «setup.py»."),
    ("Call numpy.array on the list.", "Вызовите numpy.array для списка."),
])
def test_code_the_source_has_verbatim_is_not_untranslated(source: str, mt: str) -> None:
    assert untranslated(source, mt) == []


@pytest.mark.parametrize(("source", "mt", "left"), [
    # prose beside the code is still untranslated text
    ("Open config.yaml and set max_workers to 4.", "Откройте config.yaml and set max_workers равным 4.", "and set"),
    # a quoted English phrase is no code
    ('He said "I love you" twice.', "Он дважды сказал «I love you».", "I love you"),
    # an English word that is no program (make) does not open a command
    ("Make sure you make sure it works.", "Убедитесь, что you make sure it works.", "make sure it works"),
    # code the source lacks is not the source's code
    ("Run the installer to install it.", "Выполните pip install numpy, чтобы установить его.", "pip install numpy"),
])
def test_prose_and_code_the_source_lacks_are_still_untranslated(source: str, mt: str, left: str) -> None:
    assert any(left in d for d in untranslated(source, mt))


def test_blanking_keeps_the_mts_length() -> None:
    mt = "Выполните pip install numpy, чтобы установить его."
    out = blank_code(mt, "Run pip install numpy to install it.")
    assert len(out) == len(mt) and "pip" not in out and out.startswith("Выполните") and "чтобы" in out
