"""scripts/bench_checks.py: its deletion trials, and the names check on the bundled article with and without
CLDR's names (the trials must all be caught, and CLDR's names must only remove flags, never add any)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench_scripts import load_script


@pytest.fixture(scope="module")
def bench():  # type: ignore[no-untyped-def]
    return load_script("bench_checks")


def test_renderings_are_the_transliterated_or_translated_words(bench) -> None:  # type: ignore[no-untyped-def]
    mt = "Kazakh officers trained in Turkey with Mukhtarov and the United States."
    assert bench.renderings("Мухтаровым", mt) == {"Mukhtarov"}
    assert bench.renderings("Турции", mt) == {"Turkey"}
    assert bench.renderings("Соединенными", mt) == {"United", "States"}
    assert bench.renderings("Италии", mt) == set()


def test_renderings_of_a_language_and_a_weekday(bench) -> None:  # type: ignore[no-untyped-def]
    mt = "Он говорил по-английски с немецкими чиновниками в понедельник."
    assert bench.renderings("German", mt, ("en", "ru")) == {"немецкими"}
    assert bench.renderings("Monday", mt, ("en", "ru")) == {"понедельник"}
    assert bench.renderings("English", mt, ("en", "ru")) == {"по-английски"}


def test_cldr_names_remove_false_alarms_and_keep_every_deletion_caught(bench) -> None:  # type: ignore[no-untyped-def]
    segments = bench.gold_segments()
    flagged_after = {s for s, m, _ in segments if bench.names_flag(s, m)}
    with bench.without_cldr_names():
        flagged_before = {s for s, m, _ in segments if bench.names_flag(s, m)}
        before = bench.measure(segments)
    after = bench.measure(segments)
    assert flagged_after < flagged_before  # fewer flags, and no new one
    assert after["false_alarms"] < before["false_alarms"]
    assert after["deletion_trials"] >= before["deletion_trials"] > 0
    assert after["deletions_caught"] == after["deletion_trials"]
    assert before["deletions_caught"] == before["deletion_trials"]


def test_every_check_counts_flags_on_the_mt_and_on_the_reference(bench) -> None:  # type: ignore[no-untyped-def]
    segments = [("Он прилетел в 2010 году.", "He arrived in 2011.", "He arrived in 2010."),
                ("Он прилетел в Москву.", "He arrived in Moscow.", "He arrived in Moscow Moscow Moscow Moscow.")]
    counts = bench.every_check(segments, ("ru", "en"))
    assert counts["numbers"] == {"mt": 1, "reference": 0}
    assert counts["repetition"]["mt"] == 0 and counts["repetition"]["reference"] == 1


_MQM = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "mqm-ted-ende" / "mqm_ted_ende.tsv"


@pytest.mark.skipif(not _MQM.exists(), reason="../shared/benchmarks/mqm-ted-ende is not here")
def test_the_wmt_ted_table_counts_every_rated_output_and_reference(bench) -> None:  # type: ignore[no-untyped-def]
    table = bench.wmt_ted()
    everything = table.pop("(all outputs)")
    assert everything["mt"] == 6877 and everything["reference"] == 529  # as the benchmark's README says
    assert -5 < everything["mean_mqm"] < 0
    for name, row in table.items():
        assert 0 <= row["mt"] <= 6877 and 0 <= row["reference"] <= 529, name
        assert row["mt"] == 0 or row["mean_mqm"] <= 0, name


def test_the_wrong_language_table_has_no_false_alarm_on_the_bundled_article(bench) -> None:  # type: ignore[no-untyped-def]
    table = bench.wrong_language()
    rows = {r["set"]: r for kind in ("clean", "swapped") for r in table[kind]}
    for name in ("bundled article MT, en", "bundled article reference, en", "bundled article source, ru"):
        assert rows[name]["flagged"] == 0 and rows[name]["lines"] > 20, name
    for name in ("bundled reference as de", "bundled reference as fr"):
        assert rows[name]["flagged"] == rows[name]["lines"] > 20, name
    for row in table["clean"]:
        assert row["long_flagged"] <= row["flagged"] <= row["lines"] // 100, row  # near zero on clean text
