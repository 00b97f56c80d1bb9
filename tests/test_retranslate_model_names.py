"""Candidate names of retranslations stored by separate runs: two model folders with the same name (two
checkpoints called "model") stay told apart, and a model run again keeps the name it has."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mtreview.retranslate import retranslate_project

pytest_plugins = ["fixtures_marian"]  # the session-scoped tiny_marian_dir fixture

pytest.importorskip("torch")


def _project(tmp_path: Path):
    from mtreview.store import Project

    project = Project.create(tmp_path / "article.mtr", "ru", "en")
    project.add_segments([([0], [0], "Флот России вышел в море.", "The Russian fleet went to sea.", 0.9)])
    return project


def test_a_second_run_with_a_same_named_folder_keeps_both_names_distinct(tiny_marian_dir, tmp_path):
    # QA: 'retranslate -m a/model' then 'retranslate -m b/model' stored two candidates both named "model";
    # the review listed "1 model" and "2 model", and 'decide accept-candidate --candidate model' could not
    # tell which was meant.
    same_name = shutil.copytree(tiny_marian_dir, tmp_path / "elsewhere" / tiny_marian_dir.name)
    project = _project(tmp_path)
    first = retranslate_project(project, models=[str(tiny_marian_dir)], beam=1)
    second = retranslate_project(project, models=[str(same_name)], beam=1)
    assert [first[0].name, second[0].name] == [tiny_marian_dir.name, str(same_name)]
    cands = project.candidates(project.segments()[0].id)
    assert sorted((c.name, c.model) for c in cands) == sorted([(tiny_marian_dir.name, str(tiny_marian_dir)),
                                                               (str(same_name), str(same_name))])
    # Each run again keeps its own name, in either order, and replaces only its own candidates.
    again = retranslate_project(project, models=[str(same_name), str(tiny_marian_dir)], beam=1)
    assert [r.name for r in again] == [str(same_name), tiny_marian_dir.name]
    assert sorted(c.name for c in project.candidates(project.segments()[0].id)) == sorted(
        [tiny_marian_dir.name, str(same_name)])
    project.close()


def test_a_model_named_as_an_imported_retranslation_file_keeps_its_path(tiny_marian_dir, tmp_path):
    project = _project(tmp_path)
    seg = project.segments()[0]
    # what 'import --retranslation opus-mt-ru-en-tiny.txt' stores: the file's stem, no model
    project.add_candidates([(seg.id, "retranslation", tiny_marian_dir.name, "The fleet went to sea.", None,
                             {"file": "opus-mt-ru-en-tiny.txt"}, 0)])
    runs = retranslate_project(project, models=[str(tiny_marian_dir)], beam=1)
    assert runs[0].name == str(tiny_marian_dir)
    assert sorted(c.name for c in project.candidates(seg.id)) == sorted([tiny_marian_dir.name, str(tiny_marian_dir)])
    project.close()


def test_a_model_and_its_conversion_in_one_run_keep_both_lists(tiny_marian_dir, tmp_path):
    # QA: '-m MODEL -m MODEL-ct2 --engine ctranslate2' said "2 candidates" for each, but the second run of the
    # same model id deleted the first's candidates
    pytest.importorskip("ctranslate2")
    from mtreview.cli import main

    converted = tmp_path / "ct2"
    assert main(["models", "convert", str(tiny_marian_dir), "-o", str(converted), "--quantization", "int8"]) == 0
    project = _project(tmp_path)
    runs = retranslate_project(project, models=[str(tiny_marian_dir), str(converted)], engine="ctranslate2", beam=1)
    assert len({r.name for r in runs}) == 2
    cands = project.candidates(project.segments()[0].id)
    assert sorted(c.name for c in cands) == sorted(r.name for r in runs)
    project.close()
