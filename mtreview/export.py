"""The cleaned corpus: which segments go out, as plain records, and atomic file writing."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .store import Project

KEPT_STATUSES = ("accepted_mt", "accepted_candidate", "edited")


@dataclass
class ExportTally:
    """What an export kept and left out, by reason."""

    kept: int = 0
    left_out: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        parts = [f"{self.kept} segment(s) kept"]
        if self.left_out:
            parts.append("left out: " + ", ".join(f"{n} {why}" for why, n in sorted(self.left_out.items())))
        return "; ".join(parts)


def export_records(project: Project, include_all: bool = False, tally: ExportTally | None = None,
                   max_risk: float | None = None) -> Iterator[dict[str, Any]]:
    """One record per segment in document order (ids 1-based). Without ``include_all`` only the cleaned
    corpus: accepted and edited segments."""
    tally = tally if tally is not None else ExportTally()
    for seg in project.iter_segments():
        st = seg.state
        reason = None
        if not include_all:
            if st.status not in KEPT_STATUSES:
                reason = st.status
            elif max_risk is not None and seg.risk is not None and seg.risk > max_risk:
                reason = "over --max-risk"
        if reason:
            tally.left_out[reason] += 1
            continue
        tally.kept += 1
        yield {
            "id": seg.number,
            "source": seg.source_text,
            "mt": seg.mt_text,
            "final": st.final_text if st.status in KEPT_STATUSES else None,
            "status": st.status,
            "candidate": st.candidate,
            "reviewer": st.reviewer,
            "decided_at": st.decided_at,
            "risk": seg.risk,
        }


@contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Write to a temporary file in the same folder, fsync, then rename into place: a crash never leaves
    a half-written file at ``path``."""
    path = Path(path)
    if not path.parent.exists():
        raise FileNotFoundError(f"folder {path.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": encoding, "newline": "\n"}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
