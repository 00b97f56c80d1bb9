"""Canonically equal text scores as equal: an MT written with decomposed accents (NFD, as macOS and some
toolkits write) against NFC pseudo-references scored BLEU 6.3, chrF 32.7, TER 85.7 for the very same words,
and its diff marked every accented word (QA). Diff spans stay offsets into the MT as written."""

from __future__ import annotations

import unicodedata

from mtreview.diff import diff_spans
from mtreview.scoring import ScoreItem, score_batch

NFC = "Café déjà vu à Zürich, naïve façade."
NFD = unicodedata.normalize("NFD", NFC)


def test_an_nfd_mt_against_its_nfc_words_is_a_perfect_match() -> None:
    assert NFD != NFC
    [rec] = score_batch([ScoreItem(1, "Кафе дежавю в Цюрихе, наивный фасад.", NFD, (NFC,), None, "ru", "en")])
    assert (rec["chrf"], rec["chrfpp"], rec["ter"]) == (100.0, 100.0, 0.0)
    assert rec["bleu"] > 99.99  # (sacrebleu's 100.00000000000004)
    assert rec["diff"] == []


def test_diff_spans_of_an_nfd_mt_are_offsets_into_it() -> None:
    mt = unicodedata.normalize("NFD", "Café au lait à Zürich.")
    spans = diff_spans(mt, "Café noir à Zürich.")
    assert [(mt[a:b], kind) for a, b, kind in spans] == [("au lait", "replace")]
    # and a reference in NFD against an NFC MT
    assert diff_spans("Café à Zürich.", unicodedata.normalize("NFD", "Café à Zürich.")) == []


def test_a_projects_report_agrees_with_score_on_nfd_text(write, tmp_path, capsys) -> None:  # noqa: ANN001
    # QA: report's corpus chrF was 32.7 where score's summary said 100.0 for the same texts
    import json

    from mtreview.cli import main

    src = write("s.ru", "Кафе дежавю в Цюрихе, наивный фасад.\n" * 3)
    mt = write("m.en", (NFD + "\n") * 3)
    retr = write("r.en", (NFC + "\n") * 3)
    proj = tmp_path / "p.mtr"
    assert main(["import", str(src), str(mt), "--aligned", "-s", "ru", "-t", "en", "--retranslation", str(retr),
                 "-o", str(proj)]) == 0
    assert main(["score", str(proj), "--summary", str(tmp_path / "sum.json")]) == 0
    capsys.readouterr()
    assert main(["report", str(proj), "--json", "-o", "-", "--bootstrap", "2"]) == 0
    report = json.loads(capsys.readouterr().out)
    chrf = next(r["score"] for r in report["corpus"] if r["metric"] == "chrF")
    summary = json.loads((tmp_path / "sum.json").read_text(encoding="utf-8"))
    assert chrf == summary["corpus"]["pseudo"]["chrf"]["score"] == 100.0
