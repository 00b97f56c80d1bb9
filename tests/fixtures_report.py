"""A small scored and partly reviewed project, built through the store API, for the report tests."""

from __future__ import annotations

import json
from pathlib import Path

from mtreview.store import Project

HOSTILE = "<script>alert('x')</script> | *bold* <b>[0]</b> & \u202eRTL"

# (source, mt, two retranslations, reference, risk, flags, decision)
SEGMENTS = [
    ("Кошка сидит на ковре.", "The cat sits on the mat.", ["The cat is sitting on the mat.", "A cat sits on the carpet."],
     "The cat is sitting on the mat.", 0.10, [], ("accept_mt", None)),
    ("Цена выросла на 8 847,6 рубля.", "The price rose by 9,847.6 rubles.",
     ["The price went up by 8,847.6 roubles.", "The price rose by 8847.6 rubles."],
     "The price rose by 8,847.6 roubles.", 0.80, [("numbers", "8847.6 in the source, 9847.6 in the MT", 1.0)],
     ("edit", "The price rose by 8,847.6 roubles.")),
    ("Он приехал в Москву вчера.", "He arrived Moscow yesterday yesterday yesterday.",
     ["He came to Moscow yesterday.", "He arrived in Moscow yesterday."], "He arrived in Moscow yesterday.", 0.95,
     [("repetition", "'yesterday' repeated 3 times", 1.0), ("names", "Москву", 0.5)], ("reject", None)),
    ("Это хороший день.", HOSTILE, ["It is a good day.", "This is a good day."], "This is a good day.", 0.60,
     [("quotes", "unbalanced <brackets>", 0.5)], None),
    ("Спасибо.", "Thank you.", ["Thanks.", "Thank you."], "Thank you.", 0.05, [], None),
    ("Мы читаем книги каждый вечер.", "We are reading books every evening.",
     ["We read books every evening.", "Every evening we read books."], "We read books every evening.", 0.30, [],
     ("accept_candidate", "We read books every evening.")),
]


def make_project(path: Path) -> Path:
    """Create the project at ``path`` and return it."""
    with Project.create(path, "ru", "en") as p:
        ids = p.add_segments([((i,), (i,), s[0], s[1], 0.9) for i, s in enumerate(SEGMENTS)])
        cands = []
        for sid, seg in zip(ids, SEGMENTS, strict=True):
            cands += [(sid, "retranslation", f"m{k}", t, f"model-{k}", {"beam": 4}, k) for k, t in enumerate(seg[2])]
            cands.append((sid, "reference", "reference", seg[3], None, None, 0))
        p.add_candidates(cands)
        rows = []
        for k, sid in enumerate(ids):
            rows += [(sid, 0, "pseudo", "chrf", 40.0 + 10 * k, "sig"), (sid, 0, "pseudo", "ter", 50.0 - k, "sig"),
                     (sid, 0, "reference", "chrf", 30.0 + 5 * k, "sig")]
        p.set_scores(rows)
        for sid, seg in zip(ids, SEGMENTS, strict=True):
            p.set_flags(sid, seg[5])
        p.set_risks([(sid, seg[4]) for sid, seg in zip(ids, SEGMENTS, strict=True)])
        for sid, seg in zip(ids, SEGMENTS, strict=True):
            if seg[6] is None:
                continue
            action, text = seg[6]
            p.decide(sid, action, text=text, candidate="m0" if action == "accept_candidate" else None)
    return path


def reviewed_texts() -> list[str | None]:
    """What the reviewed (cleaned) corpus holds per segment: the decision's text, the MT where unreviewed,
    None where rejected (left out)."""
    out: list[str | None] = []
    for seg in SEGMENTS:
        if seg[6] is not None and seg[6][0] == "reject":
            out.append(None)
        elif seg[6] is None or seg[6][0] == "accept_mt":
            out.append(seg[1])
        else:
            out.append(seg[6][1])
    return out


def write_scores_jsonl(path: Path, n: int = 50, doc: str | None = None) -> list[dict]:
    """A scores file like ``mtreview score`` writes, with known numbers; returns the records."""
    recs = []
    for i in range(1, n + 1):
        rec = {"id": i, "risk": round((i * 37 % 100) / 100, 2), "bleu": float(i % 40), "chrf": float(30 + i % 50),
               "chrfpp": float(28 + i % 50), "ter": float(20 + (i * 7) % 90),
               "flags": [{"name": "numbers", "detail": f"segment {i}"}] if i % 5 == 0 else []}
        if i % 7 == 0:
            rec["flags"].append({"name": "length_ratio", "detail": "too long"})
        if doc:
            rec["doc"] = doc
        recs.append(rec)
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return recs
