"""Filling a project's candidates with retranslations of every active segment's source text.

Each model gives ``nbest`` candidates per segment, kind ``retranslation``, named after the model
(``opus-mt-ru-en``, then ``opus-mt-ru-en#2`` ... for lower n-best ranks), with the model id and the decoding
parameters (engine, beam, nbest, revision, ...). The cache lives in the project file, so a run that is killed
resumes where it stopped. Re-running replaces that model's candidates in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .cache import NoCache, ProjectCache
from .translator import Progress, get_retranslator, has_text


@dataclass
class ModelRun:
    """What retranslating a project with one model did."""

    model: str
    name: str
    segments: int  # segments with a source text
    candidates: int  # candidates stored
    cached: int  # distinct sources found in the cache
    translated: int  # distinct sources sent to the model


def candidate_name(name: str, rank: int) -> str:
    """``name`` for the best hypothesis, ``name#2``, ``name#3`` ... for the next ones (rank is 0-based)."""
    return name if rank == 0 else f"{name}#{rank + 1}"


def retranslate_project(project: Any, models: Sequence[str | None] | None = None, engine: str = "transformers",
                        nbest: int = 1, beam: int = 4, batch_size: int | None = None, device: str = "auto",
                        compute_type: str | None = None, use_cache: bool = True, threads: int | None = None,
                        progress: Callable[[str], Progress | None] | None = None,
                        notify: Callable[[str], None] | None = None) -> list[ModelRun]:
    """Retranslate every active segment of ``project`` (a ``mtreview.store.Project``) with each model
    (None: the pair's opus-mt default) and store the hypotheses as candidates.

    ``progress``, if given, is called with a model's name and returns that model's progress callback."""
    segments = [s for s in project.segments() if has_text(s.source_text)]
    sources = [s.source_text for s in segments]
    runs: list[ModelRun] = []
    stored = _stored_names(project)
    used_names: set[str] = set()
    cleared: set[str] = set()  # models whose earlier candidates this run has replaced
    for model in models or [None]:
        tr = get_retranslator(model, project.source_lang, project.target_lang, engine=engine, nbest=nbest,
                              beam=beam, batch_size=batch_size, device=device, compute_type=compute_type,
                              notify=notify, threads=threads)
        # Two models with the same folder name (e.g. two checkpoints called "model") keep distinct names, also
        # when the other one was stored by an earlier run (QA: both were "model", and 'decide accept-candidate
        # --candidate model' could not tell them apart); a model run again keeps the name it has.
        taken = used_names | {n for n, owner in stored.items() if owner != tr.model_id}
        own = [n for n, owner in stored.items() if owner == tr.model_id and n not in used_names]
        name = own[0] if own else tr.name if tr.name not in taken else tr.model_id
        used_names.add(name)
        callback = progress(name) if progress else None
        hyps = tr.translate(sources, cache=ProjectCache(project) if use_cache else NoCache(), progress=callback)
        params = tr.describe()
        rows = [(seg.id, "retranslation", candidate_name(name, rank), text, tr.model_id, params, rank)
                for seg, nbest_list in zip(segments, hyps, strict=True) for rank, text in enumerate(nbest_list)]
        with project.transaction():
            # Once per model: a model given twice in one run under another form (its folder and its CTranslate2
            # conversion, both of the same model id) keeps both lists (QA: the second deleted the first's).
            if tr.model_id not in cleared:
                project.clear_candidates("retranslation", model=tr.model_id)
                cleared.add(tr.model_id)
            project.add_candidates(rows)
        runs.append(ModelRun(tr.model_id, name, len(segments), len(rows), tr.stats.cached, tr.stats.translated))
    return runs


def _stored_names(project: Any) -> dict[str, str | None]:
    """The names of the project's candidates (the first of each n-best list), each with its model (None for
    references and candidates imported from files)."""
    rows = project.conn.execute("SELECT DISTINCT name, model, kind FROM candidates WHERE rank=0").fetchall()
    names: dict[str, str | None] = {}
    for name, model, kind in rows:
        names.setdefault(str(name), str(model) if kind == "retranslation" and model else None)
    return names
