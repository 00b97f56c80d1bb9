"""A scores file cut short, as one still being written is (``score -o - > s.jsonl`` read by another
terminal), is refused on its last line with the likely cause; a CSV row with fewer fields than the header
is refused as one with more is (QA: a cut CSV gave its last record with a risk cut to "0.24" and its other
scores missing, exit 0; a cut JSONL line said only "Unterminated string starting at")."""

from __future__ import annotations

import pytest

from mtreview.errors import InputError
from mtreview.report import build_report

FULL = ('{"id": 1, "risk": 0.2428, "bleu": 7.8, "flags": [{"name": "empty", "detail": "x"}]}\n'
        '{"id": 2, "risk": 0.5137, "bleu": 12.5, "flags": []}\n')


@pytest.mark.parametrize("cut", [len(FULL) - 30, len(FULL) - 6, len(FULL) - 3])
def test_a_jsonl_file_ending_inside_a_record_says_so(write, cut: int) -> None:  # noqa: ANN001
    path = write("s.jsonl", FULL[:cut])
    with pytest.raises(InputError, match=r"s\.jsonl:2: not a JSON record \(.* column \d+\): the file ends "
                                         r"inside it; is the file still being written, or was it cut short\?"):
        build_report([path])


@pytest.mark.parametrize("tail", ['"blank": fal', '"blank": f', '"ref_bleu": nu', '"bleu": 12.', '"ter": -',
                                  '"chrf": 1e', '"chrf": 1e-'])
def test_a_line_cut_inside_a_bare_value_says_so_too(write, tail: str) -> None:  # noqa: ANN001
    # QA: cut inside false, null or a number, the decoder reports the value's start ("Expecting value"),
    # which read as a wrong character in a file that was only cut short (a killed `score -o - > s.jsonl`)
    path = write("s.jsonl", FULL + '{"id": 3, "risk": 0.5, ' + tail)
    with pytest.raises(InputError, match=r"s\.jsonl:3: not a JSON record \(.*\): the file ends inside it"):
        build_report([path])


def test_a_bad_line_in_the_middle_or_a_wrong_character_is_not_called_cut_short(write) -> None:  # noqa: ANN001
    for content in ('{"id": 1, "risk": 0.5\n' + FULL, FULL + '{"id": 3, "risk": 0.5]\n',
                    FULL + '{"id": 3, "blank": flase}\n', FULL + '{"id": 3, "risk": 0.5x\n'):
        with pytest.raises(InputError, match="not a JSON record") as err:
            build_report([write("b.jsonl", content)])
        assert "cut short" not in str(err.value)


def test_a_csv_row_cut_short_is_refused(write) -> None:  # noqa: ANN001
    text = "id,risk,bleu,chrf,flags\n1,0.2428,7.8,27.4,[]\n2,0.5137,12.5,30.1,[]\n"
    path = write("s.csv", text[:text.index("0.5137") + 4])  # "2,0.51": the risk itself cut
    with pytest.raises(InputError, match=r"s\.csv:3: 2 fields where the header has 5: a row cut short"):
        build_report([path])


def test_full_rows_and_empty_cells_are_read(write) -> None:  # noqa: ANN001
    rep = build_report([write("s.csv", "id,risk,bleu,flags\n1,0.25,,[]\n2,0.75,10,\n")], n_bootstrap=10)
    assert rep["segments"] == 2
    assert {m["metric"]: m["n"] for m in rep["segment_means"]} == {"risk": 2, "bleu": 1}


@pytest.mark.parametrize("cell", ["Fal", "F", "Tru"])
def test_a_csv_cut_inside_its_last_cell_is_refused(write, cell: str) -> None:  # noqa: ANN001
    # QA: score -o s.csv writes blank last; a file cut inside that cell ("Fal") was read whole, exit 0
    text = "id,risk,bleu,flags,blank\n1,0.2428,7.8,[],False\n2,0.5137,12.5,[]," + cell
    with pytest.raises(InputError, match=rf"s\.csv:3: blank is \"{cell}\": expected true or false: a value cut "
                                         r"short; is the file still being written, or was it cut short\?"):
        build_report([write("s.csv", text)])


def test_blank_takes_the_booleans_scores_files_hold_and_nothing_else(write) -> None:  # noqa: ANN001
    rows = "id,risk,flags,blank\n1,0.25,[],True\n2,,[],true\n3,0.5,[],False\n4,0.5,[],0\n5,0.5,[],\n6,,[],1\n"
    assert build_report([write("s.csv", rows)], n_bootstrap=10)["blank_pairs"] == 3
    jsonl = '{"id": 1, "blank": true}\n{"id": 2, "blank": 1}\n{"id": 3, "risk": 0.5, "blank": false}\n'
    assert build_report([write("s.jsonl", jsonl)], n_bootstrap=10)["blank_pairs"] == 2
    for bad in ('"yes"', "2", "[true]"):
        with pytest.raises(InputError, match=r"b\.jsonl:1: blank is .*: expected true or false$"):
            build_report([write("b.jsonl", '{"id": 1, "risk": 0.5, "blank": ' + bad + "}\n")])
