"""The retranslation cache: hypotheses keyed by (model, revision, decoding parameters, source text).

Translating is the slow step, so every batch is committed as soon as it is done: a run that is killed
resumes where it stopped, and nothing is translated twice. A project keeps its cache inside the project file
(table ``translation_cache``, via ``Project.cache_get/cache_put``); plain-file runs use
``translations.sqlite`` in the user cache folder (``platformdirs.user_cache_dir("mtreview")``, or
``$MTREVIEW_CACHE_DIR`` when set). Both have the same shape, so an entry means the same thing in either.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from ..errors import StoreError

CACHE_DIR_ENV = "MTREVIEW_CACHE_DIR"

_SCHEMA = """CREATE TABLE IF NOT EXISTS translation_cache (
    model TEXT NOT NULL,
    revision TEXT NOT NULL,
    params TEXT NOT NULL,
    source TEXT NOT NULL,
    hypotheses TEXT NOT NULL,
    PRIMARY KEY (model, revision, params, source)
)"""


def cache_dir() -> Path:
    """The user cache folder for mtreview (``$MTREVIEW_CACHE_DIR`` overrides it)."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mtreview"))


class TranslationCache(Protocol):
    """What the translator needs from a cache."""

    def get(self, model: str, revision: str, params: str, sources: Sequence[str]) -> dict[str, list[str]]:
        """Cached hypotheses for those of ``sources`` that are present."""
        ...

    def put(self, model: str, revision: str, params: str, items: Iterable[tuple[str, list[str]]]) -> None:
        """Store and commit hypotheses."""
        ...


class NoCache:
    """Remembers nothing (``--no-cache``)."""

    def get(self, model: str, revision: str, params: str, sources: Sequence[str]) -> dict[str, list[str]]:
        return {}

    def put(self, model: str, revision: str, params: str, items: Iterable[tuple[str, list[str]]]) -> None:
        return None


class ProjectCache:
    """The cache inside a project file."""

    def __init__(self, project: Any) -> None:
        self.project = project

    def get(self, model: str, revision: str, params: str, sources: Sequence[str]) -> dict[str, list[str]]:
        return self.project.cache_get(model, revision, params, sources)

    def put(self, model: str, revision: str, params: str, items: Iterable[tuple[str, list[str]]]) -> None:
        self.project.cache_put(model, revision, params, items)


class FileCache:
    """A standalone SQLite cache file (WAL, one committed transaction per ``put``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")  # survives a killed process; WAL keeps it consistent
            self.conn.execute("PRAGMA busy_timeout=30000")
            self.conn.execute(_SCHEMA)
        except (OSError, sqlite3.DatabaseError) as err:
            raise StoreError(f"{self.path}: cannot use the translation cache ({err}); set {CACHE_DIR_ENV} "
                             "to a writable folder or pass --no-cache") from None

    @classmethod
    def default(cls) -> FileCache:
        """The per-user cache file ``<cache dir>/translations.sqlite``."""
        return cls(cache_dir() / "translations.sqlite")

    def get(self, model: str, revision: str, params: str, sources: Sequence[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        try:
            for i in range(0, len(sources), 500):
                chunk = list(sources[i:i + 500])
                q = ("SELECT source, hypotheses FROM translation_cache WHERE model=? AND revision=? AND params=?"
                     " AND source IN (%s)" % ",".join("?" * len(chunk)))
                for source, hyps in self.conn.execute(q, (model, revision, params, *chunk)):
                    out[source] = json.loads(hyps)
        except (sqlite3.DatabaseError, ValueError) as err:
            raise self._error(err) from None
        return out

    def put(self, model: str, revision: str, params: str, items: Iterable[tuple[str, list[str]]]) -> None:
        rows = [(model, revision, params, s, json.dumps(h, ensure_ascii=False)) for s, h in items]
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.conn.executemany("INSERT OR REPLACE INTO translation_cache VALUES (?,?,?,?,?)", rows)
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as err:  # disk full, a corrupt file, a read-only folder...
            raise self._error(err) from None

    def _error(self, err: Exception) -> StoreError:
        return StoreError(f"{self.path}: translation cache failed ({err}); delete the file, set {CACHE_DIR_ENV} "
                          "elsewhere, or pass --no-cache")

    def count(self) -> int:
        """Number of cached entries (all models)."""
        return int(self.conn.execute("SELECT count(*) FROM translation_cache").fetchone()[0])

    def close(self) -> None:
        self.conn.close()
