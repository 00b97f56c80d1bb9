"""Reading what a report is made of: scores files (JSONL, CSV, Parquet from ``mtreview score``) streamed
record by record, and project files (``.mtr``) with their texts, candidates and review decisions.

Nothing here keeps every record: a :class:`Tally` keeps numeric columns as float arrays, flag counts,
per-document sums and the worst segments in a heap, so a report on a million scored segments stays small."""

from __future__ import annotations

import heapq
import json
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..jsonio import loads

TEXT_KEYS = ("source", "mt", "reference", "final")
NOT_METRICS = frozenset({"id", "doc", "flags", "status", "number", "segment_id", *TEXT_KEYS})
# What a report summarises: scores, not counts or indexes (n_pseudo, closest_pseudo) that happen to be numbers.
METRIC_NAMES = frozenset({"bleu", "chrf", "chrfpp", "ter"})
OTHER_METRICS = frozenset({"risk", "pseudo_agreement", "agreement"})


def is_metric(key: str) -> bool:
    """True for a score column: risk, (pseudo_)agreement, bleu/chrf/chrfpp/ter and their ``ref_`` (or other
    ``<scope>_``) variants."""
    return key in OTHER_METRICS or key.rsplit("_", 1)[-1] in METRIC_NAMES


def flag_names(value: Any) -> list[str]:
    """Check names from a record's ``flags`` in any shape a writer may use: a list of dicts
    (``name``/``check``), of ``[name, detail]`` pairs, of ``"name: detail"`` strings, or that list as JSON
    text (CSV), or ``"a; b"`` text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return []
        if text[0] in "[{":
            try:
                return flag_names(loads(text))
            except json.JSONDecodeError:
                pass
        return [part.split(":", 1)[0].strip() for part in text.split(";") if part.strip()]
    if isinstance(value, dict):
        return [str(value.get("name") or value.get("check") or "?")]
    names: list[str] = []
    for item in value:
        if isinstance(item, dict):
            names.append(str(item.get("name") or item.get("check") or "?"))
        elif isinstance(item, (list, tuple)) and item:
            names.append(str(item[0]))
        else:
            names.append(str(item).split(":", 1)[0].strip())
    return names


def flag_details(value: Any) -> list[str]:
    """Human-readable ``name: detail`` strings for the worst-segments table."""
    if isinstance(value, str) and value.strip()[:1] in ("[", "{"):
        try:
            value = loads(value)
        except json.JSONDecodeError:
            return [value]
    if isinstance(value, str):
        return [p.strip() for p in value.split(";") if p.strip()]
    if not value or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, dict):
        value = [value]
    out = []
    for item in value:
        if isinstance(item, dict):
            name = item.get("name") or item.get("check") or "?"
            detail = item.get("detail") or item.get("message") or ""
            out.append(f"{name}: {detail}" if detail else str(name))
        elif isinstance(item, (list, tuple)):
            out.append(": ".join(str(x) for x in item[:2]))
        else:
            out.append(str(item))
    return out


@dataclass
class DocTally:
    """Per-document sums."""

    segments: int = 0
    flagged: int = 0
    sums: Counter = field(default_factory=Counter)
    counts: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)

    def mean(self, metric: str) -> float | None:
        return self.sums[metric] / self.counts[metric] if self.counts[metric] else None


class Tally:
    """Everything the report needs from per-segment records, accumulated one record at a time."""

    def __init__(self, worst: int = 20) -> None:
        self.worst_n = worst
        self.n = 0
        self.columns: dict[str, array] = {}
        self.flag_counts: Counter = Counter()
        self.flagged = 0
        self.blank = 0  # blank pairs (``blank`` true: source and MT both blank), counted but never scored
        self.docs: dict[str, DocTally] = {}
        self.statuses: Counter = Counter()
        self.noted = 0  # segments with a reviewer's note (a project's, or an export's "note" field)
        self._heap: list[tuple[float, int, int, dict]] = []  # (risk, -order, order, record): min-heap of the worst

    def add(self, rec: dict[str, Any], doc: str) -> None:
        """Count one segment record (numbers, flags, status) under document ``doc``."""
        order = self.n
        self.n += 1
        d = self.docs.setdefault(doc, DocTally())
        d.segments += 1
        for key, value in rec.items():
            if key in NOT_METRICS or isinstance(value, bool) or not is_metric(key):
                continue
            num = _number(value)
            if num is _NOT_NUMBER:
                continue
            col = self.columns.get(key)
            if col is None:
                col = self.columns[key] = array("d", [math.nan]) * order  # earlier records lacked it
            col.append(num)
            if not math.isnan(num):
                d.sums[key] += num
                d.counts[key] += 1
        for col in self.columns.values():  # records lacking a column get NaN
            if len(col) < self.n:
                col.append(math.nan)
        if is_true(rec.get("blank")):  # a CSV cell reads "True": the same blank pair as JSONL's true (QA)
            self.blank += 1
        names = flag_names(rec.get("flags"))
        if names:
            self.flagged += 1
            d.flagged += 1
            self.flag_counts.update(set(names))
        if isinstance(rec.get("note"), str) and rec["note"].strip():
            self.noted += 1
        if rec.get("status"):
            self.statuses[rec["status"]] += 1
            d.statuses[rec["status"]] += 1
        risk = _number(rec.get("risk"))
        if risk is not _NOT_NUMBER and not math.isnan(risk):
            keep = {k: v for k, v in rec.items()}
            keep["doc"] = doc
            item = (risk, -order, order, keep)
            if len(self._heap) < self.worst_n:
                heapq.heappush(self._heap, item)
            elif self._heap and item[:2] > self._heap[0][:2]:  # an empty heap: --worst 0 lists none
                heapq.heapreplace(self._heap, item)

    def add_document(self, doc: str) -> None:
        """List ``doc`` among the documents even when it adds no record (an input without segments)."""
        self.docs.setdefault(doc, DocTally())

    def worst(self) -> list[dict[str, Any]]:
        """The highest-risk records, worst first (ties: earlier segment first)."""
        return [item[3] for item in sorted(self._heap, key=lambda t: (-t[0], t[2]))]


_NOT_NUMBER = object()


def is_true(value: Any) -> bool:
    """A boolean field as any scores file holds it: JSON and Parquet true, CSV's "True" (Python's spelling,
    as ``score -o s.csv`` writes it) or "true"/"1"."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1")
    return value is True or (type(value) is int and value == 1)  # (a JSON 1, as a CSV "1" is)


def _number(value: Any) -> Any:
    if value is None:
        return math.nan
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        # Decimal: a Parquet decimal column (Spark and SQL engines write scores so; QA: refused as "not a
        # number"). A Decimal NaN or infinity is float's too, which check_record treats as a float's.
        return float(value)
    if isinstance(value, str):
        if value.strip() == "":
            return math.nan
        try:
            return float(value)
        except ValueError:
            return _NOT_NUMBER
    return _NOT_NUMBER


def check_record(path: Path, rec: dict[str, Any], line: int) -> dict[str, Any]:
    """``rec`` if every score in it is a finite number (or missing: null, empty, NaN) and its risk is in
    [0, 1]; else an ``InputError`` at ``line``. A report that skipped "abc" or averaged a risk of 7 would
    show figures the file does not support, and an infinite one is not even valid JSON output. ``flags``
    must be a list of check names (or of ``flags`` objects as ``score`` writes them), or that list as JSON
    text (a CSV cell); a CSV cell's JSON text is replaced by the list it holds. ``status``, ``doc`` and the
    texts must be text (a ``doc`` may be a whole number): QA, a status of 5 or [1] stopped the report with a
    traceback, and a list as a text or document name was shown as its Python spelling ("['x']")."""
    if "flags" in rec:
        rec["flags"] = checked_flags(path, rec["flags"], line)
    for key in ("status", "doc", *TEXT_KEYS):
        value = rec.get(key)
        if value is None or isinstance(value, str) or (isinstance(value, float) and math.isnan(value)):
            continue
        if key == "doc" and isinstance(value, int) and not isinstance(value, bool):
            continue
        raise InputError(path, f"{key} is {_short(value)}: expected text (or null)", line=line)
    if "blank" in rec:
        _check_blank(path, rec["blank"], line)
    for key, value in rec.items():
        if key in NOT_METRICS or not is_metric(key):
            continue
        got = _NOT_NUMBER if isinstance(value, bool) else _number(value)
        if not isinstance(got, float):
            comma = " (a decimal comma? write 0.5, not 0,5)" if isinstance(value, str) and "," in value else ""
            raise InputError(path, f"{key} is {value!r}, not a number{comma}", line=line)
        num = got
        if math.isinf(num):
            raise InputError(path, f"{key} is {value!r}: a score must be finite", line=line)
        low, high = _RANGES.get(key) or _RANGES.get(key.rsplit("_", 1)[-1], (-math.inf, math.inf))
        # (a floating-point hair past an edge is sacrebleu's own: BLEU of an exact match is 100.00000000000004)
        if not math.isnan(num) and not low - 1e-6 <= num <= high + 1e-6:
            raise InputError(path, f"{key} is {value!r}, outside [{low:g}, {high:g}]", line=line)
    return rec


# What each score can be: a risk is a probability, BLEU, chrF and agreement are percentages, TER is edits per
# reference word in percent (no more than the longest text scored has words, times 100). QA: a BLEU of 1e308,
# finite, summed to infinity, and `report --json` wrote the bare token Infinity, which is not JSON.
_RANGES = {"risk": (0.0, 1.0), "bleu": (0.0, 100.0), "chrf": (0.0, 100.0), "chrfpp": (0.0, 100.0),
           "agreement": (0.0, 100.0), "ter": (0.0, 1e9)}


_BOOLEAN_TEXT = ("", "true", "false", "1", "0")


def _check_blank(path: Path, value: Any, line: int) -> None:
    """A record's ``blank`` must be a boolean as a scores file holds one (JSON and Parquet true/false, CSV's
    "True"/"False", 1/0), or missing. QA: a CSV cut inside its last cell, "Fal", was read as a whole record
    with exit 0, and a blank pair's "Tru" as a segment to score."""
    if value is None or isinstance(value, bool) or (isinstance(value, float) and math.isnan(value)):
        return
    if isinstance(value, int) and value in (0, 1):
        return
    if isinstance(value, str) and value.strip().lower() in _BOOLEAN_TEXT:
        return
    text = value.strip().lower() if isinstance(value, str) else None
    cut = (": a value cut short; is the file still being written, or was it cut short?"
           if text and any(word.startswith(text) for word in ("true", "false")) else "")
    raise InputError(path, f"blank is {_short(value)}: expected true or false{cut}", line=line)


# "['empty']", "[{'name': 'empty', ...}]", "{'name': ...}": a list or dict as Python's repr() writes it
_PYTHON_SPELLING = re.compile(r"[\[{]\s*[\[{]?\s*'")


def checked_flags(path: Path, value: Any, line: int) -> Any:
    """``value`` as a record's flags, or an ``InputError`` at ``line``: null (NaN, an empty CSV cell), a list
    whose every item names a check (text, ``{"name": ...}`` or ``[name, detail]``), one such object, or
    ``"a; b"`` text. JSON text (a CSV cell) is returned parsed. QA: ``[1, null]`` was counted as a segment
    flagged by checks "1" and "None", and a number stopped the report with a traceback."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text[:1] not in ("[", "{"):
            return value  # "" or "numbers; names: detail"
        try:
            parsed = loads(text)
        except json.JSONDecodeError as err:
            # QA: scores read into pandas (read_json) and written back with to_csv hold Python's spelling of
            # the lists, "[{'name': 'empty', ...}]", and the error named no cause
            python = ("; it is Python's spelling (pandas' to_csv of a list column): write the column as JSON, "
                      "e.g. df['flags'] = df['flags'].map(json.dumps)") if _PYTHON_SPELLING.match(text) else ""
            raise InputError(path, f"flags is not valid JSON ({err.msg}): expected a list of check names{python}",
                             line=line) from None
        return checked_flags(path, parsed, line)
    if isinstance(value, dict) and not value:
        return []  # {}: no flags, as [] (it was counted as a flag named "?")
    items = [value] if isinstance(value, dict) else value if isinstance(value, (list, tuple)) else None
    if items is None:
        raise InputError(path, f"flags is {value!r}: expected a list of check names (or null)", line=line)
    for k, item in enumerate(items, 1):
        if _flag_name(item) is None:
            what = "flags" if isinstance(value, dict) else f"flags item {k}"
            raise InputError(path, f"{what} is {_short(item)}: expected a check name (text), "
                                   '{"name": ...} or [name, detail]', line=line)
    return value


def _flag_name(item: Any) -> str | None:
    """The check name an item of ``flags`` gives, or None where it gives none."""
    if isinstance(item, dict):
        item = item.get("name") or item.get("check")
    elif isinstance(item, (list, tuple)):
        item = item[0] if item else None
    if isinstance(item, str) and item.split(":", 1)[0].strip():
        return item
    return None


def _short(value: Any) -> str:
    """``value`` as JSON (null, not None), cut to fit an error line."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


# -- projects -----------------------------------------------------------------------------------------------

REFERENCE_SCOPES = ("reference", "ref", "human")


def flatten_scores(scores: dict[str, dict[str, float | None]]) -> dict[str, float | None]:
    """A project's ``{scope: {metric: value}}`` as the flat keys of a scores file: metrics against the
    human reference get ``ref_``; the pseudo-reference scope (or the only other scope) keeps bare names."""
    out: dict[str, float | None] = {}
    other = [s for s in scores if s not in REFERENCE_SCOPES]
    for scope, metrics in scores.items():
        for metric, value in metrics.items():
            if metric == scope:  # e.g. the "risk" scope's "risk"
                key = metric
            elif scope in REFERENCE_SCOPES:
                key = metric if metric.startswith("ref_") else f"ref_{metric}"
            elif len(other) == 1 or scope in ("pseudo", "pseudo_refs", "mt"):
                key = metric
            else:
                key = f"{scope}_{metric}"
            out[key] = value
    return out


@dataclass
class ProjectTexts:
    """The texts of a project's active segments, in order, for corpus scores."""

    mt: list[str] = field(default_factory=list)
    final: list[str] = field(default_factory=list)  # reviewed text (the MT where not accepted or edited)
    pseudo: list[list[str]] = field(default_factory=list)  # per segment: its retranslations
    reference: list[str | None] = field(default_factory=list)
    rejected: list[bool] = field(default_factory=list)  # left out of the reviewed (cleaned) corpus
    decided: int = 0  # accepted or edited segments: decisions that keep a text
    target_langs: set[str] = field(default_factory=set)  # of the projects read (BLEU's tokenizer follows it)


def iter_project_records(path: str | Path, texts: ProjectTexts) -> Iterator[dict[str, Any]]:
    """One flat record per active segment of a project (like a scores file's, plus texts and status),
    filling ``texts`` as it goes."""
    from ..export import KEPT_STATUSES
    from ..store import Project

    with Project.open(path, writable=False) as project:
        texts.target_langs.add(project.target_lang)
        notes = project.notes()
        for seg in project.iter_segments():
            rec: dict[str, Any] = {"id": seg.number, "risk": seg.risk}
            if seg.id in notes:
                rec["note"] = notes[seg.id].text
            rec.update(flatten_scores(project.scores(seg.id)))
            rec["flags"] = [{"name": n, "detail": d} for n, d, _sev in project.flags(seg.id)]
            rec["status"] = seg.state.status
            rec["source"], rec["mt"] = seg.source_text, seg.mt_text
            kept = seg.state.status in KEPT_STATUSES and seg.state.final_text is not None
            rec["final"] = seg.state.final_text if kept else None
            cands = project.candidates(seg.id)
            pseudo = [c.text for c in cands if c.kind == "retranslation"]
            refs = [c.text for c in cands if c.kind == "reference"]
            texts.mt.append(seg.mt_text)
            texts.final.append(seg.state.final_text if kept and seg.state.final_text is not None else seg.mt_text)
            texts.decided += seg.state.status not in ("unreviewed", "rejected")
            texts.rejected.append(seg.state.status == "rejected")
            texts.pseudo.append(pseudo)
            texts.reference.append(refs[0] if refs else None)
            if refs:
                rec["reference"] = refs[0]
            yield rec
