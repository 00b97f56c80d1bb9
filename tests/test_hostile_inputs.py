"""Hostile input files for every command that reads files: devices, JSON that ``json.loads`` refuses with
something other than a JSONDecodeError, and the like. Each is one line naming the file (and line), exit 2,
no traceback, nothing read without end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures_formats import tmx_doc, tu, xliff12_doc
from fixtures_report import write_scores_jsonl

from mtreview.cli import main
from mtreview.errors import InputError
from mtreview.store import Project
from mtreview.textio import open_input

REPO = Path(__file__).resolve().parents[1]
ZERO = Path("/dev/zero")
needs_dev_zero = pytest.mark.skipif(not ZERO.exists(), reason="needs /dev/zero")


def one_line_error(capsys: pytest.CaptureFixture[str], code: int, *needles: str) -> str:
    """Assert a one-line error with exit 2 holding every needle; returns the line."""
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("mtreview: error: "), err
    for needle in needles:
        assert needle in last, (needle, err)
    return last


@pytest.fixture
def pair(write) -> tuple[Path, Path]:  # noqa: ANN001
    return write("s.ru", "Привет мир.\nКак дела?\n"), write("m.en", "Hello world.\nHow are you?\n")


# -- devices -------------------------------------------------------------------------------------------------


@needs_dev_zero
def test_open_input_refuses_a_device_and_reads_a_pipe(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a device, not a file"):
        open_input(ZERO)
    link = tmp_path / "z.txt"
    link.symlink_to(ZERO)
    with pytest.raises(InputError, match="z.txt: is a device"):
        open_input(link)


@needs_dev_zero
@pytest.mark.parametrize("name", ["z.ru", "z.jsonl", "z.tsv"])
def test_import_of_dev_zero_is_refused_not_read_without_end(tmp_path: Path, pair, capsys, name: str) -> None:  # noqa: ANN001
    # Read whole, /dev/zero took 23 GB before the kernel killed the process.
    link = tmp_path / name
    link.symlink_to(ZERO)
    args = [str(link), str(pair[1]), "--aligned"] if name.endswith(".ru") else [str(link)]
    code = main(["import", *args, "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")])
    one_line_error(capsys, code, f"{name}: is a device")
    assert not (tmp_path / "p.mtr").exists()


@needs_dev_zero
@pytest.mark.parametrize("command", [["align", "{z}", "{mt}", "-s", "ru", "-t", "en"], ["segment", "{z}", "-l", "ru"],
                                     ["retranslate", "{z}", "-s", "ru", "-t", "en", "-o", "{out}"],
                                     ["report", "{zj}", "-o", "{out}.html"],
                                     ["report", "{scores}", "--summary", "{z}", "-o", "{out}.html"],
                                     ["score", "{src}", "{mt}", "-s", "ru", "-t", "en", "--aligned", "--weights", "{z}",
                                      "-o", "{out}.jsonl"]])
def test_every_reader_refuses_a_device(tmp_path: Path, pair, capsys, command: list[str]) -> None:  # noqa: ANN001
    (tmp_path / "z.jsonl").symlink_to(ZERO)
    scores = tmp_path / "scores.jsonl"
    write_scores_jsonl(scores, n=2)
    names = {"z": str(ZERO), "zj": str(tmp_path / "z.jsonl"), "src": str(pair[0]), "mt": str(pair[1]),
             "out": str(tmp_path / "out"), "scores": str(scores)}
    code = main([part.format(**names) for part in command])
    one_line_error(capsys, code, "is a device, not a file")


# -- JSON that json.loads refuses with a ValueError or a RecursionError -----------------------------------------

LONG_INT = "9" * 5000
DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(("value", "said"), [(LONG_INT, "a number of more than 4,300 digits"),
                                             (DEEP, "arrays or objects nested 100001 deep")],
                         ids=["long_int", "deep"])
def test_json_lines_import_refuses_a_huge_number_or_deep_nesting(tmp_path: Path, write, capsys, value: str,  # noqa: ANN001
                                                               said: str) -> None:
    path = write("u.jsonl", '{"source": "Да", "target": "Yes"}\n{"source": "Нет", "target": "No", "x": %s}\n' % value)
    code = main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")])
    one_line_error(capsys, code, "u.jsonl:2:", said)
    assert not (tmp_path / "p.mtr").exists()


@pytest.mark.parametrize("value", [LONG_INT, DEEP], ids=["long_int", "deep"])
def test_retranslation_json_lines_refuse_a_huge_number_or_deep_nesting(tmp_path: Path, pair, write, capsys,  # noqa: ANN001
                                                                      value: str) -> None:
    retr = write("r.jsonl", '{"hypotheses": ["Hi."]}\n{"hypotheses": ["How?"], "x": %s}\n' % value)
    for command in (["score", *map(str, pair), "-s", "ru", "-t", "en", "--aligned", "--retranslation", str(retr),
                     "-o", str(tmp_path / "o.jsonl")],
                    ["import", *map(str, pair), "-s", "ru", "-t", "en", "--aligned", "--retranslation", str(retr),
                     "-o", str(tmp_path / "p.mtr")],
                    ["align", *map(str, pair), "-s", "ru", "-t", "en", "--presegmented", "--retranslation", str(retr)]):
        one_line_error(capsys, main(command), "r.jsonl:2:", "not a JSON record")


@pytest.mark.parametrize("value", [LONG_INT, DEEP], ids=["long_int", "deep"])
def test_report_scores_and_summary_refuse_a_huge_number_or_deep_nesting(tmp_path: Path, write, capsys,  # noqa: ANN001
                                                                       value: str) -> None:
    scores = tmp_path / "s.jsonl"
    write_scores_jsonl(scores, n=3)
    bad = write("bad.jsonl", scores.read_text(encoding="utf-8") + '{"id": 4, "risk": 0.5, "bleu": %s}\n' % value)
    one_line_error(capsys, main(["report", str(bad), "-o", str(tmp_path / "r.html")]), "bad.jsonl:4:")
    summary = write("sum.json", '{"segments": %s}' % value)
    one_line_error(capsys, main(["report", str(scores), "--summary", str(summary), "-o", str(tmp_path / "r.html")]),
                   "sum.json:1: not a JSON summary")


@pytest.mark.parametrize("value", [LONG_INT, DEEP], ids=["long_int", "deep"])
def test_weights_file_refuses_a_huge_number_or_deep_nesting(tmp_path: Path, pair, write, capsys, value: str) -> None:  # noqa: ANN001
    weights = write("w.json", '{"a": %s}' % value)
    code = main(["score", *map(str, pair), "-s", "ru", "-t", "en", "--aligned", "--weights", str(weights),
                 "-o", str(tmp_path / "o.jsonl")])
    one_line_error(capsys, code, "w.json: not a JSON file")


def test_a_flags_cell_of_deep_json_is_refused_on_one_line_not_a_crash(tmp_path: Path, write, capsys) -> None:  # noqa: ANN001
    # A CSV scores file's flags cell is JSON text when it starts with a bracket, else "a; b" text; JSON that
    # names no check (here nested past what the parser takes) is refused as flags of no check are.
    path = write("s.csv", 'id,risk,flags\n1,0.2,"%s"\n' % ("[" * 5000 + "]" * 5000))
    code = main(["report", str(path), "--json", "-o", str(tmp_path / "r.json")])
    one_line_error(capsys, code, "s.csv:2: flags is not valid JSON (arrays or objects nested")
    assert not (tmp_path / "r.json").exists()


# -- columns and fields of the wrong type ----------------------------------------------------------------------


@pytest.mark.parametrize(("column", "said"), [({"source": [1, 2], "target": ["a", "b"]}, "'source' holds int64"),
                                              ({"source": ["Да", "Нет"], "target": [["a"], ["b"]]}, "'target' holds list"),
                                              ({"source": [b"\xff", b"x"], "target": ["a", "b"]}, "'source' holds binary"),
                                              ({"source": ["Да", "Нет"], "target": ["a", "b"], "risk": ["x", "y"]},
                                               "'risk' holds string")],
                         ids=["int_source", "list_target", "binary_source", "text_risk"])
def test_parquet_columns_of_the_wrong_type_are_refused(tmp_path: Path, capsys, column: dict, said: str) -> None:  # noqa: ANN001
    # Read as they were, they became their Python spelling as segment text: "['a']", "b'\\xff'", "1".
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table(column), path)
    code = main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")])
    one_line_error(capsys, code, "t.parquet: column", said)
    assert not (tmp_path / "p.mtr").exists()


def test_parquet_integer_ids_and_category_columns_still_import(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"id": [7, 8], "source": pa.array(["Да", "Нет"]).dictionary_encode(),
                             "target": ["Yes", "No"], "risk": [0.1, 0.2]}), path)
    assert main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")]) == 0, \
        capsys.readouterr().err


@pytest.mark.parametrize("flags", ["5", "true", "1.5"])
def test_report_refuses_flags_that_are_not_a_list(tmp_path: Path, write, capsys, flags: str) -> None:  # noqa: ANN001
    path = write("s.jsonl", '{"id": 1, "risk": 0.2, "flags": []}\n{"id": 2, "risk": 0.3, "flags": %s}\n' % flags)
    code = main(["report", str(path), "-o", str(tmp_path / "r.html")])
    one_line_error(capsys, code, "s.jsonl:2: flags is")


# -- file names that are not UTF-8 --------------------------------------------------------------------------------


def odd_name(folder: Path, stem: bytes, suffix: str) -> Path:
    """A path in ``folder`` whose name's bytes are not UTF-8 (Latin-1 'é', say), as the OS hands it over."""
    return folder / os.fsdecode(stem + suffix.encode())


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``mtreview ARGS`` in a child process: its stderr escapes what a name holds that is not UTF-8, as a
    terminal's does (pytest's captured stderr refuses it)."""
    return subprocess.run([sys.executable, "-m", "mtreview", *map(str, args)], capture_output=True, text=True,
                          errors="backslashreplace", env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)


@pytest.fixture
def latin1_names(tmp_path: Path) -> Path:
    probe = odd_name(tmp_path, b"\xe9probe", ".txt")
    try:
        probe.write_text("x", encoding="utf-8")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    probe.unlink()
    return tmp_path


def test_files_named_in_latin1_import_score_and_report(latin1_names: Path) -> None:
    # Every one of these was a UnicodeEncodeError traceback: SQLite's URI, the stored document path and
    # candidate name, lxml's base URL, the report's list of inputs.
    d = latin1_names
    src, mt, retr = odd_name(d, b"\xe9s", ".ru"), odd_name(d, b"\xe9m", ".en"), odd_name(d, b"\xe9r", ".en")
    src.write_text("Привет мир.\nКак дела?\n", encoding="utf-8")
    mt.write_text("Hello world.\nHow are you?\n", encoding="utf-8")
    retr.write_text("Hello, world.\nHow are you?\n", encoding="utf-8")
    project = odd_name(d, b"\xe9p", ".mtr")
    res = cli("import", src, mt, "-s", "ru", "-t", "en", "--aligned", "--retranslation", retr, "-o", project)
    assert res.returncode == 0, res.stderr
    with Project.open(project) as proj:
        assert [s.source_text for s in proj.segments()] == ["Привет мир.", "Как дела?"]
    tmx = odd_name(d, b"\xe9t", ".tmx")
    tmx.write_text(tmx_doc(tu("Да", "Yes")), encoding="utf-8")
    res = cli("import", tmx, "-s", "ru", "-t", "en", "-o", d / "t.mtr")
    assert res.returncode == 0, res.stderr
    scores = odd_name(d, b"\xe9", ".jsonl")
    write_scores_jsonl(scores, n=3)
    for source in (scores, project):
        res = cli("report", source, "-o", d / "r.html")
        assert res.returncode == 0, res.stderr
        assert "\ufffd" in (d / "r.html").read_text(encoding="utf-8")


def test_export_into_an_xliff_named_in_latin1(latin1_names: Path) -> None:
    d = latin1_names
    xlf = odd_name(d, b"\xe9job", ".xlf")
    xlf.write_text(xliff12_doc('<trans-unit id="1"><source>Да</source><target>Yes</target></trans-unit>'),
                   encoding="utf-8")
    res = cli("import", xlf, "-s", "ru", "-t", "en", "-o", d / "j.mtr")
    assert res.returncode == 0, res.stderr
    res = cli("export", d / "j.mtr", "--into", xlf, "-o", d / "out.xlf")
    assert res.returncode == 0, res.stderr
    assert "<source>Да</source>" in (d / "out.xlf").read_text(encoding="utf-8")


# -- XML past the parser's limits ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["deep.tmx", "deep.xlf"])
def test_xml_nested_too_deep_says_so(tmp_path: Path, write, capsys, name: str) -> None:  # noqa: ANN001
    # libxml2 stops at 256 levels; its message asked for XML_PARSE_HUGE, and the hint said the file had
    # a text of over 10,000,000 characters.
    deep = "<hi>" * 100_000 + "Да" + "</hi>" * 100_000
    doc = tmx_doc(tu(deep, "Yes")) if name.endswith(".tmx") else \
        xliff12_doc(f'<trans-unit id="1"><source>{deep}</source><target>Yes</target></trans-unit>')
    path = write(name, doc)
    code = main(["import", str(path), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr")])
    line = one_line_error(capsys, code, f"{name}:", "nested this deep")
    assert "XML_PARSE_HUGE" not in line and "10,000,000 characters" not in line
