"""A Moses pair named by its prefix (`import corpus --format moses`, `read_units("corpus", "moses")`) finds
each file plain or compressed: corpus.ru.gz + corpus.en.gz, as `export -o corpus.gz` writes them. Before,
the prefix found only the plain files, and the import command refused a prefix altogether."""

from __future__ import annotations

import bz2
import gzip
import lzma
from pathlib import Path

import pytest

from mtreview.cli import main
from mtreview.errors import InputError
from mtreview.formats import read_units
from mtreview.store import Project

RU, EN = "Да\nНет\n", "Yes\nNo\n"
PACK = {"": lambda b: b, ".gz": gzip.compress, ".xz": lzma.compress, ".bz2": bz2.compress}


def _pair(folder: Path, src_suffix: str, tgt_suffix: str) -> None:
    (folder / f"corpus.ru{src_suffix}").write_bytes(PACK[src_suffix](RU.encode()))
    (folder / f"corpus.en{tgt_suffix}").write_bytes(PACK[tgt_suffix](EN.encode()))


def _import(capsys, *args: str) -> tuple[int, str]:
    code = main(["import", *args])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("src_suffix,tgt_suffix", [(".gz", ".gz"), (".xz", ".bz2"), ("", ".gz")])
@pytest.mark.parametrize("given", ["corpus", "corpus.gz", "corpus.ru"])
def test_the_prefix_finds_a_compressed_pair(tmp_path: Path, capsys, src_suffix: str, tgt_suffix: str,
                                            given: str) -> None:
    _pair(tmp_path, src_suffix, tgt_suffix)
    out = tmp_path / "c.mtr"
    code, err = _import(capsys, str(tmp_path / given), "--format", "moses", "-s", "ru", "-t", "en", "-o", str(out))
    assert code == 0, err
    with Project.open(out) as proj:
        assert [(s.source_text, s.mt_text) for s in proj.segments()] == [("Да", "Yes"), ("Нет", "No")]
    units = read_units(tmp_path / given, "moses", source_lang="ru", target_lang="en")
    assert [(u.source, u.target) for u in units] == [("Да", "Yes"), ("Нет", "No")]


def test_a_plain_prefix_pair_still_imports(tmp_path: Path, capsys) -> None:
    _pair(tmp_path, "", "")
    out = tmp_path / "c.mtr"
    code, err = _import(capsys, str(tmp_path / "corpus"), "-f", "moses", "--aligned", "-s", "ru", "-t", "en",
                        "-o", str(out))
    assert code == 0, err
    with Project.open(out) as proj:
        assert proj.count_segments() == 2


def test_a_side_both_plain_and_compressed_is_refused(tmp_path: Path, capsys) -> None:
    # either may be the stale one: no guess
    _pair(tmp_path, ".gz", "")
    (tmp_path / "corpus.ru").write_text("Старое\n", encoding="utf-8")
    out = tmp_path / "c.mtr"
    code, err = _import(capsys, str(tmp_path / "corpus"), "--format", "moses", "-s", "ru", "-t", "en", "-o", str(out))
    assert code != 0 and len(err.strip().splitlines()) == 1
    assert f"{tmp_path / 'corpus.ru'}: found both corpus.ru and corpus.ru.gz" in err
    assert not out.exists()
    with pytest.raises(InputError, match="found both corpus.ru and corpus.ru.gz"):
        read_units(tmp_path / "corpus", "moses", source_lang="ru", target_lang="en")


def test_a_missing_side_names_the_file_looked_for(tmp_path: Path, capsys) -> None:
    (tmp_path / "corpus.ru.gz").write_bytes(gzip.compress(RU.encode()))
    code, err = _import(capsys, str(tmp_path / "corpus"), "--format", "moses", "-s", "ru", "-t", "en",
                        "-o", str(tmp_path / "c.mtr"))
    assert code != 0 and len(err.strip().splitlines()) == 1
    assert f"{tmp_path / 'corpus.en'}: no such file (nor corpus.en.gz, .xz or .bz2)" in err


def test_an_exported_compressed_pair_imports_back(tmp_path: Path, capsys) -> None:
    _pair(tmp_path, "", "")
    first = tmp_path / "first.mtr"
    assert _import(capsys, str(tmp_path / "corpus.ru"), str(tmp_path / "corpus.en"), "--aligned", "-s", "ru",
                   "-t", "en", "-o", str(first))[0] == 0
    out = tmp_path / "out"
    out.mkdir()
    assert main(["export", str(first), "--all", "--format", "moses", "-o", str(out / "clean.gz")]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["clean.en.gz", "clean.ru.gz"]
    again = tmp_path / "again.mtr"
    code, err = _import(capsys, str(out / "clean.gz"), "-f", "moses", "-s", "ru", "-t", "en", "-o", str(again))
    assert code == 0, err
    with Project.open(again) as proj:
        assert [(s.source_text, s.mt_text) for s in proj.segments()] == [("Да", "Yes"), ("Нет", "No")]
