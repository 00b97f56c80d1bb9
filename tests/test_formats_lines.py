"""Line and table formats: TSV, CSV, JSONL, Moses, Parquet; detection by name and by content."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtreview.errors import InputError, UsageError
from mtreview.formats import BilingualUnit, ReadContext, detect_format, read_units, write_units


def read(path, fmt: str | None = None, ctx: ReadContext | None = None):
    return list(read_units(path, fmt, source_lang="ru", target_lang="en", ctx=ctx))


def test_tsv_has_no_quote_processing(write) -> None:
    path = write("c.tsv", '"Да"\t"Yes, \\"sir\\""\nC:\\new\t\\t\n')
    assert [(u.source, u.target) for u in read(path)] == [('"Да"', '"Yes, \\"sir\\""'), ("C:\\new", "\\t")]


def test_tsv_header_maps_columns_and_keeps_others_as_props(write) -> None:
    path = write("c.tsv", "ID\tSrc\tTgt\tdomain\trisk\nk1\tДа\tYes\tnews\t0.5\nk2\tНет\tNo\t\t\n")
    units = read(path)
    assert [(u.id, u.source, u.target, u.props, u.risk) for u in units] == [
        ("k1", "Да", "Yes", {"domain": "news"}, 0.5), ("k2", "Нет", "No", {}, None)]


def test_tsv_blank_lines_skipped_and_a_lone_tab_is_an_empty_pair(write) -> None:
    ctx = ReadContext()
    units = read(write("c.tsv", "Да\tYes\n\n   \n\t\nНет\tNo\n"), ctx=ctx)
    assert [(u.source, u.target, u.line) for u in units] == [("Да", "Yes", 1), ("", "", 4), ("Нет", "No", 5)]
    assert any("2 blank line(s) skipped" in n for n in ctx.notes)


def test_tsv_first_pair_that_looks_like_a_header_stays_data(tmp_path: Path) -> None:
    out = tmp_path / "o.tsv"
    write_units(out, [BilingualUnit("source", "target"), BilingualUnit("Да", "Yes")], "tsv")
    assert [(u.source, u.target) for u in read(out)] == [("source", "target"), ("Да", "Yes")]


def test_csv_quotes_carry_commas_and_line_breaks(write) -> None:
    path = write("c.csv", 'source,target\n"Да, конечно","Yes,\nof course"\nНет,No\n')
    assert [(u.source, u.target, u.line) for u in read(path)] == [
        ("Да, конечно", "Yes,\nof course", 2), ("Нет", "No", 4)]


def test_a_segment_longer_than_the_csv_modules_field_limit_reads_back(tmp_path: Path) -> None:
    # QA: the csv module's default limit (131,072 characters) refused a file the CSV writer had written.
    long = "а" * 140_000
    out = tmp_path / "long.csv"
    write_units(out, [BilingualUnit(long, "b")], "csv")
    assert [(u.source, u.target) for u in read(out)] == [(long, "b")]


def test_an_xml_text_past_the_parsers_limit_is_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "huge.tmx"
    write_units(out, [BilingualUnit("а" * 10_000_100, "b")], "tmx", source_lang="ru", target_lang="en")
    with pytest.raises(InputError, match="over 10,000,000 characters in one element"):
        read(out)


def test_csv_without_header_is_two_columns(write) -> None:
    assert [(u.source, u.target) for u in read(write("c.csv", "Да,Yes\n"))] == [("Да", "Yes")]


def test_status_export_reads_back_for_tsv_and_csv(tmp_path: Path) -> None:
    units = [BilingualUnit("Да", "Yes", id="1", status="edited", risk=0.25, reviewer="ann")]
    for fmt in ("tsv", "csv"):
        out = tmp_path / f"o.{fmt}"
        write_units(out, units, fmt, with_status=True)
        first = out.read_text(encoding="utf-8").splitlines()[0]
        assert first.replace(",", "\t") == ("id\tsource\ttarget\tmt\tstatus\trisk\treviewer\tcandidate\tdecided_at\t"
                                             "note\tnote_by\tnote_at\tfinal_digest")
        assert [(u.id, u.status, u.risk, u.reviewer) for u in read(out)] == [("1", "edited", 0.25, "ann")]


def test_jsonl_reads_the_export_record(write) -> None:
    recs = [{"id": 1, "source": "Да", "mt": "Yes", "final": "Yes!", "status": "edited", "reviewer": "ann", "risk": 0.2},
            {"id": 2, "source": "Нет", "mt": "No", "final": None, "status": "unreviewed"},
            {"src": "Ещё", "tgt": "More"}]
    path = write("r.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n\n")
    units = read(path)
    assert [(u.id, u.source, u.target, u.mt, u.status) for u in units] == [
        ("1", "Да", "Yes!", "Yes", "edited"), ("2", "Нет", "No", "No", "unreviewed"), (None, "Ещё", "More", None, None)]


def test_jsonl_writes_the_contract_keys(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    write_units(out, [BilingualUnit("Да", "Yes!", id=3, status="edited", mt="Yes", reviewer="ann")], "jsonl")
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert rec == {"id": 3, "source": "Да", "mt": "Yes", "final": "Yes!", "status": "edited", "candidate": None,
                   "reviewer": "ann", "decided_at": None, "risk": None, "notes": [], "note": None,
                   "note_by": None, "note_at": None, "final_digest": None}


def test_jsonl_escaped_controls_and_surrogates_are_repaired(write) -> None:
    path = write("r.jsonl", '{"source": "a\\u0001b\\r\\nc", "target": "x\\ud800y"}\n')
    ctx = ReadContext()
    unit = read(path, ctx=ctx)[0]
    assert (unit.source, unit.target) == ("a b\nc", "x\ufffdy")  # between two letters: a space
    notes = " ".join(ctx.summary_notes())
    assert "1 control character(s) removed" in notes and "surrogate" in notes


def test_a_nul_between_words_keeps_them_apart(write) -> None:
    # QA: "Привет\0мир." became "Приветмир.".
    path = write("r.jsonl", '{"source": "Привет\\u0000мир.", "target": "Hello\\u0000\\u0007world.\\u0000"}\n')
    unit = read(path)[0]
    assert (unit.source, unit.target) == ("Привет мир.", "Hello world.")


def test_moses_pair_by_prefix_and_by_one_of_its_files(tmp_path: Path) -> None:
    (tmp_path / "corpus.ru").write_text("Да\nНет\u2028всё ещё одна строка\n", encoding="utf-8")
    (tmp_path / "corpus.en").write_text("Yes\nNo\n", encoding="utf-8")
    for given in ("corpus", "corpus.ru", "corpus.en"):
        units = read(tmp_path / given, "moses")
        assert [(u.source, u.target) for u in units] == [("Да", "Yes"), ("Нет\u2028всё ещё одна строка", "No")]
    units = read((tmp_path / "corpus.ru", tmp_path / "corpus.en"))
    assert len(units) == 2


def test_moses_writer_names_files_by_language(tmp_path: Path) -> None:
    report = write_units(tmp_path / "clean", [BilingualUnit("Да", "Yes")], "moses", source_lang="RU", target_lang="en-US")
    assert [p.name for p in report.paths] == ["clean.ru", "clean.en-us"]
    with pytest.raises(UsageError, match="collide"):
        write_units(tmp_path / "x", [BilingualUnit("a", "b")], "moses", source_lang="en", target_lang="EN")


def test_parquet_reads_foreign_tables(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"source": ["Да", "Нет"], "mt": ["Yes", "No"], "final": ["Yes!", None],
                             "extra": [1, 2]}), path)
    assert [(u.source, u.target) for u in read(path)] == [("Да", "Yes!"), ("Нет", "No")]
    pq.write_table(pa.table({"text": ["x"]}), path)
    with pytest.raises(InputError, match="has no 'source' column .*text"):
        read(path)


@pytest.mark.parametrize("content,expected", [
    (b"PAR1....", "parquet"),
    (b'\xef\xbb\xbf<?xml version="1.0"?><tmx version="1.4"><body/></tmx>', "tmx"),
    ('<?xml version="1.0" encoding="UTF-16"?><xliff version="1.2"/>'.encode("utf-16"), "xliff"),
    (b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>', "xliff2"),
    (b'{"source": "a", "target": "b"}\n', "jsonl"),
    (b"a\tb\n", "tsv"),
])
def test_detection_by_content_when_the_name_says_nothing(write, content: bytes, expected: str) -> None:
    assert detect_format(write("data.bin", content)) == expected


def test_undetectable_file_asks_for_format(write) -> None:
    with pytest.raises(InputError, match=r"data\.bin: cannot tell the file format.*--format"):
        detect_format(write("data.bin", "just some words\n"))


@pytest.mark.parametrize("name,fmt", [("x.tmx", "jsonl"), ("x.jsonl", "tmx"), ("x.parquet", "csv"),
                                      ("X.TSV", "xliff"), ("corpus.xlf", "moses")])
def test_output_named_for_another_format_is_refused(tmp_path: Path, name: str, fmt: str) -> None:
    # QA: `export -o x.tmx -f jsonl` wrote JSONL into a .tmx file silently.
    from mtreview.formats import check_output_format

    with pytest.raises(UsageError, match=r"the name says \w+ but the format asked for is " + fmt):
        check_output_format(tmp_path / name, fmt)


@pytest.mark.parametrize("name,fmt,announced", [
    ("x.tmx", "tmx", "tmx"), ("x.xlf", "xliff2", "xliff"), ("x.xliff2", "xliff", "xliff2"), ("corpus", "moses", None),
    ("x.txt", "tsv", None), ("-", "tsv", None), ("x.out", "jsonl", None), ("x.NDJSON", "jsonl", "jsonl")])
def test_output_names_that_agree_or_say_nothing_pass(tmp_path: Path, name: str, fmt: str, announced) -> None:
    from mtreview.formats import check_output_format

    assert check_output_format(name if name == "-" else tmp_path / name, fmt) == announced
