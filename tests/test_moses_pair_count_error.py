"""Unequal line counts of a Moses pair imported by its prefix (--format moses, no --aligned given) are named as
a Moses pair's (QA: the error said '--aligned files must have equal line counts', an option the user never
gave); a retranslation file of line-aligned files is not told to use --presegmented, which --aligned excludes."""

from __future__ import annotations

from pathlib import Path

from mtreview.cli import main


def run(capsys, *args: str) -> str:
    assert main(["import", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    return err


def test_a_moses_prefix_with_unequal_files_names_the_pair(tmp_path: Path, capsys) -> None:
    (tmp_path / "c.ru").write_text("Да.\nНет.\n", encoding="utf-8")
    (tmp_path / "c.en").write_text("Yes.\n", encoding="utf-8")
    err = run(capsys, str(tmp_path / "c"), "--format", "moses", "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr"))
    assert "c.en: has 1 line but" in err and "has 2; the two files of a Moses pair must have equal line counts" in err
    assert "--aligned" not in err
    err = run(capsys, str(tmp_path / "c.ru"), str(tmp_path / "c.en"), "--aligned", "-s", "ru", "-t", "en",
              "-o", str(tmp_path / "p.mtr"))
    assert "--aligned files must have equal line counts" in err  # given with --aligned, named so


def test_a_short_retranslation_of_aligned_files_is_not_sent_to_presegmented(tmp_path: Path, capsys) -> None:
    (tmp_path / "c.ru").write_text("Да.\nНет.\n", encoding="utf-8")
    (tmp_path / "c.en").write_text("Yes.\nNo.\n", encoding="utf-8")
    (tmp_path / "r.en").write_text("Yes.\n", encoding="utf-8")
    err = run(capsys, str(tmp_path / "c"), "--format", "moses", "-s", "ru", "-t", "en", "-o", str(tmp_path / "p.mtr"),
              "--retranslation", str(tmp_path / "r.en"))
    assert "r.en: has 1 line but the source has 2; retranslation files must have one line per source line" in err
    assert "--presegmented" not in err


def test_a_regional_side_named_as_opus_names_it_is_found(tmp_path: Path, capsys) -> None:
    """QA: `import OpenSubtitles.en-pt_br --format moses -s en -t pt-BR` looked for ...pt-br only: 'no such file'."""
    (tmp_path / "os.en-pt_br.en").write_text("Yes.\nNo.\n", encoding="utf-8")
    (tmp_path / "os.en-pt_br.pt_br").write_text("Sim.\nNão.\n", encoding="utf-8")
    out = tmp_path / "p.mtr"
    assert main(["import", str(tmp_path / "os.en-pt_br"), "--format", "moses", "-s", "en", "-t", "pt-BR",
                 "-o", str(out)]) == 0
    from mtreview.store import Project

    with Project.open(out) as proj:
        assert [(s.source_text, s.mt_text) for s in proj.segments()] == [("Yes.", "Sim."), ("No.", "Não.")]
