"""`report --source/--mt` with more lines than the scores have segments names the blank lines at the file's
end (an extra newline, the commonest cause), as `score --aligned` does for unequal line counts (QA: the
report said only "has 2002 lines but the scores have 2000 segments")."""

from __future__ import annotations

import pytest

from mtreview.errors import InputError
from mtreview.report import build_report

SCORES = '{"id": 1, "risk": 0.25, "flags": []}\n{"id": 2, "risk": 0.75, "flags": []}\n'


def test_extra_blank_lines_at_the_end_are_named(write) -> None:  # noqa: ANN001
    src = write("s.src", "one\ntwo\n\n\n")
    with pytest.raises(InputError, match=r"s\.src: has 4 lines but the scores have 2 segments: --source must "
                                         r"have one line per segment \(.*s\.src ends with 2 blank lines\)$"):
        build_report([write("s.jsonl", SCORES)], source=src, n_bootstrap=10)


def test_a_lone_carriage_return_is_named(write) -> None:  # noqa: ANN001
    mt = write("s.mt", "one\rhalf\ntwo\n")
    with pytest.raises(InputError, match=r"--mt must have one line per segment \(.*s\.mt has 1 lone carriage "
                                         r"return, each a line end\)$"):
        build_report([write("s.jsonl", SCORES)], mt=mt, n_bootstrap=10)


def test_fewer_lines_get_no_hint(write) -> None:  # noqa: ANN001
    with pytest.raises(InputError, match=r"has 1 line but the scores have 2 segments: --source must have one "
                                         r"line per segment$"):
        build_report([write("s.jsonl", SCORES)], source=write("s.src", "one\n"), n_bootstrap=10)
