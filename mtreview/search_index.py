"""Case-insensitive search over the source and MT of a project's active segments, from memory.

``search_ids`` (store_views) reads and casefolds every segment's text on each search: ~0.65 s at
100,000 segments, most of it reading the text out of SQLite. SQLite cannot do the work itself: its LIKE
folds ASCII only (Cyrillic stays case-sensitive) and ``casefold`` also maps ``ß`` to ``ss`` or the Kelvin
sign to ``k``. So the casefolded texts are kept here, read in chunks (a front end builds them a step at a
time while idle), and a search is a byte ``find`` over them with exactly ``search_ids``'s results.

Each chunk is UTF-8 (half the memory of a Python string holding Cyrillic): rows joined by NUL, source and
MT by SOH. A UTF-8 needle can only match UTF-8 text at a character boundary, so a byte match is a text
match; casefold maps character by character, so folding the joined chunk equals joining the folded texts.
"""

from __future__ import annotations

from .store import Project
from .store_views import search_ids

CHUNK_ROWS = 2_500  # one build step: ~15 ms of a 2-core machine's time, so a key press never waits long
_ROW, _FIELD = "\0", "\x01"


class FoldedTexts:
    """The casefolded source and MT of the active segments, built chunk by chunk; discard it when the
    segments change (merge, split, another session's repair): it is not updated in place."""

    def __init__(self, project: Project, chunk_rows: int = CHUNK_ROWS) -> None:
        self.project = project
        self.chunk_rows = chunk_rows
        self._chunks: list[tuple[list[int], bytes]] = []
        self._last_id = -1
        self.complete = False

    def build_step(self) -> bool:
        """Read and fold the next chunk of segments; True once all are in."""
        if self.complete:
            return True
        cur = self.project.conn.cursor()
        cur.row_factory = None
        rows = cur.execute("SELECT id, source_text, mt_text FROM segments WHERE active=1 AND id > ?"
                           " ORDER BY id LIMIT ?", (self._last_id, self.chunk_rows)).fetchall()
        if rows:
            text = _ROW.join(f"{src}{_FIELD}{mt}" for _id, src, mt in rows).casefold()
            self._chunks.append(([r[0] for r in rows], text.encode("utf-8", "surrogatepass")))
            self._last_id = rows[-1][0]
        if len(rows) < self.chunk_rows:
            self.complete = True
        return self.complete

    def build(self) -> None:
        """Finish building (a search before the background build is done)."""
        while not self.build_step():
            pass

    def search(self, needle: str) -> set[int]:
        """Ids of active segments whose source or MT contains ``needle`` in any case (as ``search_ids``)."""
        folded = needle.casefold()
        if not folded:
            return set()
        if _ROW in folded or _FIELD in folded:
            return search_ids(self.project, needle)  # it could match across two texts here
        self.build()
        pattern = folded.encode("utf-8", "surrogatepass")
        sep = _ROW.encode()
        out: set[int] = set()
        for ids, text in self._chunks:
            row, counted = 0, 0
            k = text.find(pattern)
            while k >= 0:
                row += text.count(sep, counted, k)
                out.add(ids[row])
                end = text.find(sep, k + len(pattern))
                if end < 0:
                    break
                row, counted = row + 1, end + 1  # one hit per row is enough: go to the next
                k = text.find(pattern, counted)
        return out
