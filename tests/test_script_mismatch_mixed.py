"""The wrong-script warning says "mostly X" only when X has most of the letters. QA: a text in six scripts,
a fifth of it Greek, was "mostly Greek"."""

from __future__ import annotations

from mtreview.checks.scripts import script_mismatch

MIXED = ("Привет мир. Hello world. 你好世界。 مرحبا بالعالم. שלום עולם.\n"
         "Γειά σου κόσμε! Καλημέρα! こんにちは。\n")


def test_a_mix_of_scripts_is_called_a_mix() -> None:
    warning = script_mismatch(MIXED, "en")
    assert warning is not None
    assert "mostly" not in warning
    assert "a mix of scripts, the commonest Greek at " in warning


def test_a_text_in_one_other_script_is_mostly_that_script() -> None:
    warning = script_mismatch("Это предложение написано по-русски, а не по-английски.", "en")
    assert warning is not None and "(mostly Cyrillic)" in warning
