"""A corpus producer's QA sweep (a crawled ru-en corpus with duplicates, extraction whitespace and line
separators, imported --aligned, decided by rule, exported with --dedupe(-normalized)): one test per defect
found, each failing before its fix."""

from __future__ import annotations

from pathlib import Path

from fixtures_corpus import accepted_project

from mtreview.cli import main
from mtreview.store import Project


def _left_out(capsys, project: Path, out: Path, flag: str) -> str:  # noqa: ANN001
    capsys.readouterr()
    assert main(["export", str(project), "--format", "tsv", "-o", str(out), flag]) == 0
    return capsys.readouterr().err


def test_normalized_dedupe_counts_a_repeated_variant_as_an_exact_duplicate(tmp_path: Path, capsys) -> None:
    # A crawl repeats a variant: "Read more." (kept), "read more" (near), "read more" again. The third is
    # byte-identical to the second, so `--dedupe` calls it a duplicate; `--dedupe-normalized` called it a
    # near-duplicate (it compared only with the pair kept), and its "duplicate" count no longer matched
    # --dedupe's on the same corpus (measured: 8,552 vs 9,206 on 12,300 crawled lines).
    pairs = [("Подробнее.", "Read more."), ("подробнее", "read more"), ("подробнее", "read more"),
             ("Подробнее.", "Read more."), ("Войти", "Sign in")]
    project = accepted_project(tmp_path, pairs, reviewer="qa")
    exact = _left_out(capsys, project, tmp_path / "e.tsv", "--dedupe")
    assert "left out: 2 duplicate" in exact
    norm = _left_out(capsys, project, tmp_path / "n.tsv", "--dedupe-normalized")
    assert "2 segment(s) kept; left out: 2 duplicate, 1 near-duplicate (equal after normalization)" in norm
    rows = (tmp_path / "n.tsv").read_text(encoding="utf-8").splitlines()
    assert rows == ["Подробнее.\tRead more.", "Войти\tSign in"]


def test_aligned_import_trims_retranslation_lines_as_it_trims_the_mt(write, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    # --aligned removes each line's edge whitespace (extraction residue) from SOURCE and MT, and from
    # --reference, but a --retranslation file's lines kept theirs: accepting that candidate put " \u2029 "
    # in front of the final text, and the cleaned Moses corpus got a line starting with a space.
    src = write("c.ru", "Спасибо за заказ.\nДоставка завтра.\n")
    mt = write("c.en", "  Thanks for the order. \nDelivery tomorrow.\n")
    retr = write("alt.en", " \u2029 Thank you for your order.\t\nDelivery is tomorrow.\n")
    out = tmp_path / "c.mtr"
    capsys.readouterr()
    assert main(["import", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "-o", str(out),
                 "--retranslation", str(retr)]) == 0
    err = capsys.readouterr().err
    assert f"{retr}: 1 line(s) had leading/trailing spaces removed" in err
    with Project.open(out) as proj:
        first = proj.segments()[0]
        assert [c.text for c in proj.candidates(first.id)] == ["Thank you for your order."]
    assert main(["decide", str(out), "accept-candidate", "--candidate", "alt", "--segments", "1"]) == 0
    assert main(["export", str(out), "--format", "moses", "-o", str(tmp_path / "clean")]) == 0
    assert (tmp_path / "clean.en").read_text(encoding="utf-8") == "Thank you for your order.\n"


def test_import_help_says_aligned_lines_are_trimmed(capsys) -> None:  # noqa: ANN001
    # The edge-whitespace removal changes every line it touches (a Moses pair re-exported is no longer
    # byte-equal to its input): --help named --aligned and --presegmented without saying so.
    assert main(["import", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    # the options' own help, after the command's text (which may name them too)
    opts = out[out.index("Options:"):]
    aligned = opts[opts.index("--aligned"):opts.index("--presegmented")]
    preseg = opts[opts.index("--presegmented"):opts.index("--format")]
    for text in (aligned, preseg):
        assert "leading and trailing whitespace is removed" in text
