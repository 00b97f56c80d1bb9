"""``--encoding`` of a codec that is no text encoding (rot13, hex, base64, zlib) is a usage error, exit 2,
for every command that takes it: the readers met it with a traceback, exit 1 (QA: "TypeError: descriptor
'translate' for 'str' objects doesn't apply to a 'bytes' object")."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.cli import main

COMMANDS = [
    ["score", "{src}", "{mt}", "-s", "ru", "-t", "en", "--aligned", "--no-retranslate", "-o", "{tmp}/o.jsonl"],
    ["score", "{src}", "{mt}", "-s", "ru", "-t", "en", "--no-retranslate", "-o", "{tmp}/o.jsonl"],
    ["import", "{src}", "{mt}", "-s", "ru", "-t", "en", "-o", "{tmp}/p.mtr"],
    ["align", "{src}", "{mt}", "-s", "ru", "-t", "en", "--presegmented", "--json"],
    ["segment", "{src}", "-l", "ru"],
    ["retranslate", "{src}", "-s", "ru", "-t", "en", "-o", "{tmp}/r.txt"],
]


@pytest.mark.parametrize("codec", ["rot13", "hex", "base64", "zlib"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:1] + c[-3:-2]))
def test_a_codec_that_is_no_text_encoding_is_refused(write, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
                                                     codec: str, command: list[str]) -> None:
    src = write("s.ru", "Привет, мир.\n")
    mt = write("m.en", "Hello, world.\n")
    args = [a.format(src=src, mt=mt, tmp=tmp_path) for a in command]
    assert main([*args, "--encoding", codec]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert f"'{codec}' is not a text encoding" in err
