"""What reading a --retranslation file (and a bilingual import's --reference) repaired is said, as it is for
every other input (QA: read_retranslation dropped its repair report: a CRLF file, a BOM, control characters
or noncharacters were repaired in silence)."""

from __future__ import annotations

from pathlib import Path

from mtreview.cli import main
from mtreview.store import Project

# CRLF line ends, a BOM, a control character and a noncharacter: four repairs
RETR = "\ufeffYes\x07 no.\r\nSecond\ufffe.\r\n".encode()


def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    src, mt, retr = tmp_path / "s.ru", tmp_path / "m.en", tmp_path / "r.en"
    src.write_text("Да нет.\nВторое.\n", encoding="utf-8")
    mt.write_text("Yes no.\nSecond.\n", encoding="utf-8")
    retr.write_bytes(RETR)
    return src, mt, retr


def said(err: str, path: Path) -> None:
    for repair in ("byte-order mark removed", "line ends normalised (2 CRLF, 0 lone CR)",
                   "1 control character(s) removed", "1 noncharacter(s) U+FFFE/U+FFFF removed"):
        assert f"{path}: {repair}" in err, (repair, err)


def test_import_aligned_says_what_the_retranslation_file_needed(tmp_path: Path, capsys) -> None:
    src, mt, retr = files(tmp_path)
    assert main(["import", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr"),
                 "--retranslation", str(retr)]) == 0
    said(capsys.readouterr().err, retr)


def test_import_of_a_bilingual_file_says_it_for_retranslation_and_reference(tmp_path: Path, capsys) -> None:
    _, _, retr = files(tmp_path)
    tsv, ref = tmp_path / "m.tsv", tmp_path / "ref.en"
    tsv.write_text("Да нет.\tYes no.\nВторое.\tSecond.\n", encoding="utf-8")
    ref.write_bytes(RETR)
    assert main(["import", str(tsv), "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr"),
                 "--retranslation", str(retr), "--reference", str(ref)]) == 0
    err = capsys.readouterr().err
    said(err, retr)
    said(err, ref)


def test_align_says_what_the_retranslation_file_needed(tmp_path: Path, capsys) -> None:
    src, mt, retr = files(tmp_path)
    assert main(["align", str(src), str(mt), "-s", "ru", "-t", "en", "--presegmented", "--no-neural",
                 "--retranslation", str(retr), "--json"]) == 0
    said(capsys.readouterr().err, retr)


def test_json_escapes_in_nbest_hypotheses_are_repaired_and_said(tmp_path: Path, capsys) -> None:
    """QA: a lone surrogate escape in a .jsonl retranslation was a UnicodeEncodeError traceback when import
    stored the candidate; a NUL escape and U+FFFF went into the review as they were."""
    src, mt, _ = files(tmp_path)
    nbest = tmp_path / "r.jsonl"
    nbest.write_text('{"hypotheses": ["Yes\\ud800 no\\u0000.", "Yes\\uffffno."]}\n{"hypotheses": ["Second."]}\n',
                     encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "-o", str(out),
                 "--retranslation", str(nbest)]) == 0
    err = capsys.readouterr().err
    for repair in ("1 control character(s) removed", "1 unpaired surrogate escape(s) replaced by U+FFFD",
                   "1 noncharacter(s) U+FFFE/U+FFFF removed"):
        assert f"{nbest}: {repair}" in err, err
    with Project.open(out) as proj:
        first = proj.segment_ids()[0]
        assert sorted(c.text for c in proj.candidates(first)) == ["Yes no.", "Yes\ufffd no."]
