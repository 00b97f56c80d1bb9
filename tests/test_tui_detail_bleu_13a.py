"""The detail pane names a BLEU that ``score`` tokenised with 13a for a Japanese or Korean target (MeCab was
not installed: near 0, not sacrebleu's) ``BLEU(13a)``, as the header does (QA: the header read BLEU(13a) and
the pane under it "vs reference: BLEU 0.0"). Other BLEU scores keep their name."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtreview.segment import Sentence
from mtreview.store import Project
from mtreview.tui.app import make_app
from mtreview.tui.widgets.detail import DetailPane

SIG_13A = "nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|version:2.6.0"
SIG_MECAB = "nrefs:1|case:mixed|eff:yes|tok:ja-mecab-0.996-IPA|smooth:exp|version:2.6.0"
SIG_CHRF = "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0"


def _project(path: Path, lang: str, mt: str, bleu_signature: str) -> Path:
    with Project.create(path, "en", lang, name=lang) as proj:
        proj.add_document("source", "en", "We meet tomorrow.", [Sentence(0, 0, "We meet tomorrow.")])
        proj.add_document("mt", lang, mt, [Sentence(0, 0, mt)])
        (seg,) = proj.add_segments([((0,), (0,), "We meet tomorrow.", mt, 0.9)])
        proj.add_candidates([(seg, "retranslation", "opus-mt", mt + "!", "opus-mt", None, 0)])
        (cand,) = proj.candidates(seg)
        proj.set_scores([(seg, 0, "reference", "bleu", 0.0, bleu_signature),
                         (seg, 0, "reference", "chrf", 75.6, SIG_CHRF),
                         (seg, cand.id, "reference", "bleu", 100.0, bleu_signature)])
    return path


async def _scores_lines(path: Path) -> list[str]:
    app = make_app(path, reviewer="ana", cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        return [line for line in app.screen.query_one(DetailPane).rendered_lines() if "BLEU" in line]


@pytest.mark.asyncio
async def test_a_japanese_bleu_tokenised_with_13a_is_named_so(tmp_path: Path) -> None:
    lines = await _scores_lines(_project(tmp_path / "ja.mtr", "ja", "明日会いましょう。", SIG_13A))
    assert lines and "vs reference: BLEU(13a) 0.0 chrF 75.6" in lines[0]
    assert len(lines) == 2 and "BLEU(13a) 100.0" in lines[1]  # the candidate's scores too


@pytest.mark.asyncio
@pytest.mark.parametrize("lang, mt, signature", [
    ("ja", "明日会いましょう。", SIG_MECAB),  # scored where MeCab was installed: sacrebleu's ja-mecab BLEU
    ("de", "Wir treffen uns morgen.", SIG_13A),  # 13a is BLEU's own tokenizer for German
])
async def test_other_bleu_scores_keep_their_name(tmp_path: Path, lang: str, mt: str, signature: str) -> None:
    lines = await _scores_lines(_project(tmp_path / f"{lang}.mtr", lang, mt, signature))
    assert lines and "vs reference: BLEU 0.0 chrF 75.6" in lines[0]
    assert not any("13a" in line for line in lines)
