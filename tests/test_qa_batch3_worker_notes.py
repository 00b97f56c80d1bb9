"""A model run on the Dask workers (no --retranslation files) warns as one run here does: the pair mismatch
once, and the sources cut to the model's token limit summed over the run (QA: on a cluster both went to the
workers' logs, so the user never saw them; a LocalCluster's workers printed one cut note per chunk)."""

from __future__ import annotations

import pytest
from fixtures_marian import tiny_marian_dir  # noqa: F401  (session fixture)

from mtreview.cli import main

pytest.importorskip("distributed")


def test_worker_retranslation_notes_reach_the_user_once(tmp_path, capfd, tiny_marian_dir):  # noqa: F811
    def long(n: int) -> str:  # far over the model's 256 tokens; three different ones (translate dedupes)
        return " ".join([f"Флот {n} вышел в море и вернулся домой."] * 60)

    sources = ["Флот вышел в море.", long(1), "Он приехал вчера.", long(2), long(3), "Цена выросла."]
    (tmp_path / "s.txt").write_text("\n".join(sources) + "\n", encoding="utf-8")
    (tmp_path / "m.txt").write_text("\n".join(f"MT Satz {i}." for i in range(6)) + "\n", encoding="utf-8")
    out = tmp_path / "x.jsonl"
    # -t de with an ru-en model: its tokenizer_config names another pair
    code = main(["score", str(tmp_path / "s.txt"), str(tmp_path / "m.txt"), "--aligned", "-s", "ru", "-t", "de",
                 "--model", str(tiny_marian_dir), "--engine", "dask", "--workers", "1", "--chunk-size", "2",
                 "-o", str(out)])
    err = capfd.readouterr().err
    assert code == 0 and out.exists()
    assert err.count("translates ru -> en (its tokenizer_config.json), not ru -> de") == 1
    cut = [line for line in err.splitlines() if "longer than the model's" in line]
    assert len(cut) == 1 and ": 3 source sentence(s) longer than the model's" in cut[0]


def test_a_model_a_worker_cannot_load_is_said_to_be_the_workers(tmp_path, capsys):
    """QA: "model folder X does not exist" did not say that a worker looked for it (X may exist here)."""
    (tmp_path / "s.txt").write_text("Флот вышел в море.\nОн приехал вчера.\n", encoding="utf-8")
    (tmp_path / "m.txt").write_text("The fleet went to sea.\nHe came yesterday.\n", encoding="utf-8")
    out = tmp_path / "x.jsonl"
    missing = tmp_path / "no-such-model"
    code = main(["score", str(tmp_path / "s.txt"), str(tmp_path / "m.txt"), "--aligned", "-s", "ru", "-t", "en",
                 "--model", str(missing), "--engine", "dask", "--workers", "1", "-o", str(out)])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and not out.exists()
    assert len(lines) == 1 and lines[0].startswith("mtreview: error: Dask worker tcp://")
    assert f"cannot load the model: model folder {missing} does not exist" in lines[0]


def test_a_long_lived_cluster_warns_on_every_run(tmp_path, capfd, tiny_marian_dir):  # noqa: F811
    """The pair mismatch is said when a worker loads the model: a second run on the same cluster, whose worker
    kept the model loaded, must still say it."""
    from distributed import LocalCluster

    (tmp_path / "s.txt").write_text("Флот вышел в море.\nОн приехал вчера.\n", encoding="utf-8")
    (tmp_path / "m.txt").write_text("Die Flotte lief aus.\nEr kam gestern.\n", encoding="utf-8")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        for run in range(2):
            capfd.readouterr()
            assert main(["score", str(tmp_path / "s.txt"), str(tmp_path / "m.txt"), "--aligned", "-s", "ru",
                         "-t", "de", "--model", str(tiny_marian_dir), "--engine", "dask",
                         "--scheduler", cluster.scheduler_address, "-o", str(tmp_path / f"{run}.jsonl")]) == 0
            err = capfd.readouterr().err
            assert err.count("translates ru -> en (its tokenizer_config.json), not ru -> de") == 1, run
