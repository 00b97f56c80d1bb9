"""Bad, hostile and odd input files: one line naming the file (and line), exit code 2, no traceback, no
project file left behind; and the documented repairs, reported on stderr."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures_formats import BILLION_LAUGHS, tmx_doc, tu, xliff12_doc, xliff20_doc, xxe_tmx

from mtreview.cli import main
from mtreview.store import Project

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def run_import(tmp_path: Path, capsys):
    """Run ``mtreview import ARGS -o tmp/p.mtr -s ru -t en`` in-process; returns (exit code, stderr)."""

    def _run(*args: str) -> tuple[int, str]:
        code = main(["import", *args, "-o", str(tmp_path / "p.mtr"), "-s", "ru", "-t", "en"])
        return code, capsys.readouterr().err

    return _run


def refused(tmp_path: Path, code: int, err: str, *needles: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mtreview: error: "), err
    for needle in needles:
        assert needle in err, (needle, err)
    assert not (tmp_path / "p.mtr").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".p.mtr")] == []  # no temp project


def imported(tmp_path: Path, code: int, err: str) -> list[tuple[str, str]]:
    assert code == 0, err
    with Project.open(tmp_path / "p.mtr") as proj:
        return [(s.source_text, s.mt_text) for s in proj.segments()]


# -- encodings ---------------------------------------------------------------------------------------------


def test_not_utf8_names_file_line_offset_and_suggests_encoding(tmp_path, write, run_import) -> None:
    path = write("c.tsv", "Да\tYes\n".encode() + "Нет\tNo\n".encode("cp1251"))
    code, err = run_import(str(path))
    refused(tmp_path, code, err, "c.tsv:2:", "byte offset", "--encoding")
    code, err = run_import(str(write("d.tsv", "Да\tYes\n".encode("cp1251"))), "--encoding", "cp1251")
    assert imported(tmp_path, code, err) == [("Да", "Yes")]


def test_mixed_encodings_point_at_the_first_bad_line(tmp_path, write, run_import) -> None:
    good = "Один\tOne\nДва\tTwo\n".encode()
    code, err = run_import(str(write("mixed.tsv", good + "Три\tThree\n".encode("koi8-r"))))
    refused(tmp_path, code, err, "mixed.tsv:3:", f"byte offset {len(good)}")


def test_utf16_without_bom_is_refused_with_bom_is_read(tmp_path, write, run_import) -> None:
    code, err = run_import(str(write("u.tsv", "Да\tYes\n".encode("utf-16-le"))))
    refused(tmp_path, code, err, "u.tsv", "NUL byte", "UTF-16 without a byte-order mark")
    code, err = run_import(str(write("v.tsv", "Да\tYes\n".encode("utf-16"))))
    assert imported(tmp_path, code, err) == [("Да", "Yes")]


def test_xml_in_another_encoding_than_declared(tmp_path, write, run_import) -> None:
    data = tmx_doc(tu("Да", "Yes")).encode("cp1251")  # declares UTF-8
    code, err = run_import(str(write("m.tmx", data)))
    refused(tmp_path, code, err, "m.tmx:", "malformed XML", "--encoding")
    code, err = run_import(str(write("n.tmx", data)), "--encoding", "cp1251")
    assert imported(tmp_path, code, err) == [("Да", "Yes")]


@pytest.mark.parametrize("name", ["x.xlf", "x.data"])  # XLIFF by suffix; XML with a name that says nothing
def test_xliff_or_unnamed_xml_in_another_encoding_than_declared(tmp_path, write, run_import, name) -> None:
    unit = '<trans-unit id="t"><source>Нет</source><target>No</target></trans-unit>'
    data = xliff12_doc(unit).encode("cp1251")  # declares UTF-8
    code, err = run_import(str(write(name, data)))
    refused(tmp_path, code, err, f"{name}:", "malformed XML", "--encoding")
    code, err = run_import(str(write(name, data)), "--encoding", "cp1251")
    assert imported(tmp_path, code, err) == [("Нет", "No")]


# -- structure ---------------------------------------------------------------------------------------------


def test_moses_unequal_line_counts_give_both_counts(tmp_path, write, run_import) -> None:
    src, tgt = write("c.ru", "один\nдва\nтри\n"), write("c.en", "one\ntwo\n")
    code, err = run_import(str(src), str(tgt), "--aligned")
    refused(tmp_path, code, err, "c.en", "2 lines", "has 3")


def test_tsv_wrong_column_count_names_the_line(tmp_path, write, run_import) -> None:
    code, err = run_import(str(write("c.tsv", "Да\tYes\nНет\tNo\textra\n")))
    refused(tmp_path, code, err, "c.tsv:2:", "3 column(s), expected 2")
    code, err = run_import(str(write("h.tsv", "id\tsource\ttarget\n1\tДа\tYes\n2\tНет\n")))
    refused(tmp_path, code, err, "h.tsv:3:", "2 column(s), expected 3")


def test_csv_wrong_columns_and_broken_quotes(tmp_path, write, run_import) -> None:
    code, err = run_import(str(write("c.csv", 'source,target\nДа,Yes\n"Нет, no",No,extra\n')))
    refused(tmp_path, code, err, "c.csv:3:", "3 column(s)")
    code, err = run_import(str(write("q.csv", 'source,target\nДа,Yes\n"Нет,No\n')))
    refused(tmp_path, code, err, "q.csv:3:", "malformed CSV")


def test_jsonl_bad_json_and_bad_records(tmp_path, write, run_import) -> None:
    code, err = run_import(str(write("r.jsonl", '{"source": "Да", "target": "Yes"}\n{"source": "Нет",\n')))
    refused(tmp_path, code, err, "r.jsonl:2:", "invalid JSON at column")
    code, err = run_import(str(write("s.jsonl", '{"source": "Да", "target": 5}\n')))
    refused(tmp_path, code, err, "s.jsonl:1:", "'target' must be a string")
    code, err = run_import(str(write("t.jsonl", '["Да", "Yes"]\n')))
    refused(tmp_path, code, err, "t.jsonl:1:", "expected a JSON object")


def test_malformed_xml_gives_its_line(tmp_path, write, run_import) -> None:
    code, err = run_import(str(write("m.tmx", tmx_doc(tu("Да", "Yes") + "\n<tu><tuv xml:lang='ru'><seg>x</tuv></tu>"))))
    refused(tmp_path, code, err, "m.tmx:6:", "malformed XML", "mismatch")


def test_broken_xml_after_many_units_leaves_no_project(tmp_path, write, run_import) -> None:
    body = "\n".join(tu(f"Строка {i}", f"Line {i}") for i in range(4500)) + "\n<tu><broken"
    code, err = run_import(str(write("big.tmx", tmx_doc(body))))
    refused(tmp_path, code, err, "big.tmx:", "malformed XML")


def test_truncated_and_binary_xml(tmp_path, write, run_import) -> None:
    full = tmx_doc(tu("Да", "Yes"))
    code, err = run_import(str(write("t.tmx", full[: len(full) // 2])))
    refused(tmp_path, code, err, "t.tmx:", "malformed XML")
    code, err = run_import(str(write("b.tmx", os.urandom(64) + b"\x00\x01")))
    refused(tmp_path, code, err, "b.tmx")


def test_empty_files(tmp_path, write, run_import) -> None:
    for name, content in (("e.tmx", tmx_doc("")), ("e.xlf", xliff12_doc("")), ("e.tsv", ""), ("e.jsonl", "\n"),
                          ("e.csv", "source,target\n")):
        code, err = run_import(str(write(name, content)))
        refused(tmp_path, code, err, name, "no ")


def test_unknown_encoding(tmp_path, write, run_import) -> None:
    for name, content in (("m.tmx", tmx_doc(tu("Да", "Yes"))), ("c.tsv", "Да\tYes\n")):
        code, err = run_import(str(write(name, content)), "--encoding", "klingon-8")
        refused(tmp_path, code, err, name, "unknown encoding 'klingon-8'")


def test_not_parquet(tmp_path, write, run_import) -> None:
    code, err = run_import(str(write("x.parquet", b"PAR1 but not really")))
    refused(tmp_path, code, err, "x.parquet", "not a readable Parquet file")


def test_plain_text_alone_and_bilingual_in_pairs_are_usage_errors(tmp_path, write, run_import) -> None:
    code, err = run_import(str(write("doc.txt", "Текст.\n")))
    refused(tmp_path, code, err, "doc.txt", "plain-text document")
    tmx = write("m.tmx", tmx_doc(tu("Да", "Yes")))
    code, err = run_import(str(tmx), str(write("mt.txt", "Yes\n")))
    refused(tmp_path, code, err, "m.tmx", "imported alone")
    code, err = run_import(str(tmx), "--aligned")
    refused(tmp_path, code, err, "--aligned needs two files")


# -- hostile XML -----------------------------------------------------------------------------------------


# Runs the CLI in a fresh interpreter and prints its own peak RSS (VmHWM: the process image after exec; a
# child's ru_maxrss would also count the pytest process it was forked from).
_MEASURED_CLI = r"""
import sys
from mtreview.cli import main
code = main(sys.argv[1:])
with open("/proc/self/status") as fh:
    print(next(line for line in fh if line.startswith("VmHWM:")).split()[1])
sys.exit(code)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory is read from /proc (Linux)")
def test_billion_laughs_is_refused_fast_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "lol.tmx"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    res = subprocess.run([sys.executable, "-c", _MEASURED_CLI, "import", str(path), "-o", str(tmp_path / "p.mtr"),
                          "-s", "ru", "-t", "en"], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    refused(tmp_path, res.returncode, res.stderr, "lol.tmx:2:", "declares entities", "billion laughs")
    peak_kib = int(res.stdout.strip())
    assert peak_kib < 100 * 1024  # the interpreter and the CLI (~25 MB); nothing was expanded


def test_entities_behind_a_long_prolog_are_still_refused(tmp_path, write, run_import) -> None:
    # Past the prolog scan (4 MiB), the parser's own limits and the DTD check after the first tag take over:
    # libxml2 >= 2.14 refuses the expansion itself (before the first element), older ones leave the DTD check
    # the refusal. Either way: one line, exit 2, nothing imported.
    doc = BILLION_LAUGHS.replace('<?xml version="1.0"?>\n', '<?xml version="1.0"?>\n<!--' + "x" * 5_000_000 + "-->\n")
    code, err = run_import(str(write("long.tmx", doc)))
    refused(tmp_path, code, err, "long.tmx", "entit", "refusing to read it")


def test_external_entity_is_refused_and_never_read(tmp_path, write, run_import) -> None:
    secret = write("secret.txt", "TOP-SECRET")
    code, err = run_import(str(write("x.tmx", xxe_tmx(str(secret)))))
    refused(tmp_path, code, err, "x.tmx:2:", "declares entities (xxe)")
    assert "TOP-SECRET" not in err


def test_parameter_entities_are_refused(tmp_path, write, run_import) -> None:
    doc = tmx_doc(tu("Да", "Yes"), doctype='<!DOCTYPE tmx [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>\n')
    code, err = run_import(str(write("p.tmx", doc)))
    refused(tmp_path, code, err, "p.tmx", "declares entities")


def test_external_dtd_is_never_fetched(tmp_path, write, run_import) -> None:
    # If the DTD were loaded, its default attribute would give the unit an id, and &xxe; would resolve.
    dtd = write("tmx14.dtd", '<!ATTLIST tu tuid CDATA "FROM-DTD">\n<!ENTITY xxe "FROM-DTD">\n')
    doctype = f'<!DOCTYPE tmx SYSTEM "{dtd.as_uri()}">\n'
    code, err = run_import(str(write("ok.tmx", tmx_doc(tu("Да", "Yes"), doctype=doctype))))
    assert imported(tmp_path, code, err) == [("Да", "Yes")]
    assert "external DTD" in err and "not fetched" in err
    with Project.open(tmp_path / "p.mtr") as proj:
        assert proj.conn.execute("SELECT count(*) FROM meta WHERE value LIKE '%FROM-DTD%'").fetchone()[0] == 0
    (tmp_path / "p.mtr").unlink()
    code, err = run_import(str(write("ref.tmx", tmx_doc(tu("a &xxe; b", "Yes"), doctype=doctype))))
    refused(tmp_path, code, err, "ref.tmx:", "entity reference &xxe; is not allowed")


def test_undeclared_entity_without_doctype(tmp_path, write, run_import) -> None:
    code, err = run_import(str(write("u.tmx", tmx_doc(tu("a &nope; b", "Yes")))))
    refused(tmp_path, code, err, "u.tmx:", "nope")


# -- routing and languages --------------------------------------------------------------------------------


def test_xliff20_as_xlf_and_12_as_xliff2_are_routed(tmp_path, write, run_import) -> None:
    v2 = write("v2.xlf", xliff20_doc('<unit id="u"><segment><source>Да</source><target>Yes</target></segment></unit>'))
    code, err = run_import(str(v2), "--format", "xliff")
    assert imported(tmp_path, code, err) == [("Да", "Yes")]
    assert "read as XLIFF 2.0" in err
    (tmp_path / "p.mtr").unlink()
    v1 = write("v1.xliff", xliff12_doc('<trans-unit id="t"><source>Да</source><target>Yes</target></trans-unit>'))
    code, err = run_import(str(v1), "-f", "xliff2")  # -f as export and report take it (QA)
    assert imported(tmp_path, code, err) == [("Да", "Yes")]
    assert "read as XLIFF 1.2" in err


def test_tmx_with_upper_case_region_matches(tmp_path, write, run_import) -> None:
    path = write("m.tmx", tmx_doc(tu("Да", "Yes", src_lang="RU", tgt_lang="EN-US", attr="lang"), version="1.3"))
    code, err = run_import(str(path))
    assert imported(tmp_path, code, err) == [("Да", "Yes")]


# -- documented repairs -------------------------------------------------------------------------------------


def test_repairs_are_made_and_reported(tmp_path, write, run_import) -> None:
    data = ("\ufeffОдин\tOne\r\nДва\u2028два\tTwo\u0085two\rТри\x07\tThree\u200b\n").encode()
    code, err = run_import(str(write("r.tsv", data)))
    assert imported(tmp_path, code, err) == [
        ("Один", "One"), ("Два\u2028два", "Two\u0085two"), ("Три", "Three\u200b")]
    assert "byte-order mark removed" in err
    assert "line ends normalised (1 CRLF, 1 lone CR)" in err
    assert "1 control character(s) removed" in err
    assert "zero-width/bidi characters kept on line(s) 3" in err


def test_cli_errors_never_show_a_traceback() -> None:
    # The same refusals through the real entry point, as a user runs it.
    res = subprocess.run([sys.executable, "-m", "mtreview", "import", "/nonexistent/m.tmx", "-o", "/tmp/x.mtr",
                          "-s", "ru", "-t", "en"], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert res.stderr.strip() == "mtreview: error: /nonexistent/m.tmx: no such file"
