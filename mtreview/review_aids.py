"""Aids for a reviewer, computed by the core for any front end: which MT words differ from the closest
pseudo-reference, and the corpus scores of the work in progress.

The word diff prefers ``mtreview.diff`` (the scoring issue's spans) when it is installed and falls back
to a plain ``difflib`` word diff, so a front end always gets the same shape: character spans of the MT.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .store import Project
from .store_views import reference_rows

_WORD_RE = re.compile(r"\w+|[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class CorpusScores:
    """Corpus chrF and BLEU of the current final texts against the references."""

    segments: int
    chrf: float
    bleu: float
    chrf_signature: str
    bleu_signature: str
    # True where a Japanese or Korean target's BLEU tokenises with 13a for want of MeCab (near 0, not
    # comparable with sacrebleu's): the header says "BLEU(13a)" (QA: it showed the number as any BLEU).
    bleu_fallback: bool = False


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the words and punctuation marks of ``text``."""
    return [m.span() for m in _WORD_RE.finditer(text)]


def difflib_spans(mt: str, reference: str) -> list[tuple[int, int]]:
    """Character spans of the MT words that are not matched in ``reference`` (case-insensitive word diff)."""
    mt_spans = word_spans(mt)
    mt_words = [mt[a:b].casefold() for a, b in mt_spans]
    ref_words = [w.casefold() for w in _WORD_RE.findall(reference)]
    matcher = difflib.SequenceMatcher(a=mt_words, b=ref_words, autojunk=False)
    out: list[tuple[int, int]] = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("replace", "delete") and i2 > i1:
            out.append((mt_spans[i1][0], mt_spans[i2 - 1][1]))
    return out


def closest_reference(mt: str, references: Sequence[str]) -> int | None:
    """Index of the reference with the highest sentence chrF against the MT (None when there are none)."""
    refs = [r for r in references]
    if not refs:
        return None
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    scores = [chrf.sentence_score(mt, [r]).score if r.strip() else -1.0 for r in refs]
    return max(range(len(refs)), key=lambda i: scores[i])


DIFF_MAX_CHARS = 5_000
"""Longest text (the MT or a pseudo-reference) a front end should diff on display. Choosing the closest
reference (sentence chrF) and the word diff both grow with the length: a 120,000-character page on one
line took ~0.8 s per move onto it, 5,000 characters take ~20 ms."""


def too_long_to_diff(mt: str, references: Sequence[str], limit: int = DIFF_MAX_CHARS) -> int | None:
    """Length of the longest of the MT and the references when it is over ``limit`` (None: diff it)."""
    longest = max((len(mt), *(len(r) for r in references)))
    return longest if longest > limit else None


def differing_spans(mt: str, references: Sequence[str]) -> tuple[int | None, list[tuple[int, int, str]]]:
    """The closest reference (index) and where the MT differs from it: ``(start, end, kind)`` spans over
    the MT, kind ``replace``/``insert`` for MT words, ``delete`` (an empty span) where words are missing."""
    best = closest_reference(mt, references)
    if best is None or not mt:
        return best, []
    try:  # the scoring issue's diff: tokenisation shared with the scores
        from .diff import diff_spans
    except ImportError:
        return best, [(a, b, "replace") for a, b in difflib_spans(mt, references[best])]
    return best, [(int(a), int(b), str(k)) for a, b, k in diff_spans(mt, references[best])]


def hypothesis(mt: str, status: str, final: str | None) -> str | None:
    """The text a segment contributes to the corpus now: the decided text where kept, the MT where
    undecided, nothing (None) where rejected."""
    if status == "rejected":
        return None
    return final if final is not None else mt


class LiveCorpusScores:
    """Corpus chrF and BLEU of the work in progress against the reference candidates, kept up to date
    one segment at a time.

    sacrebleu's corpus scores are sums of per-segment statistics, so each segment's statistics are kept
    and a decision re-scores that segment only: instant at 100,000 segments, where a full recount would
    take seconds. The totals equal ``corpus_score`` on the same texts (a test checks this)."""

    def __init__(self, project: Project) -> None:
        from sacrebleu.metrics import BLEU, CHRF

        from .metric_tokens import bleu_fallback_note, bleu_tokenizer_name

        # BLEU tokenized for the target language, as 'score' and 'report' do: 13a finds no words in Chinese
        # or Japanese text without spaces, and the header showed a BLEU near 0 for a good translation.
        self._chrf, self._bleu = CHRF(), BLEU(tokenize=bleu_tokenizer_name(project.target_lang))
        self._bleu_fallback = bleu_fallback_note(project.target_lang) is not None
        self._refs: dict[int, list[str]] = {}
        self._stats: dict[int, tuple[list[int], list[int]]] = {}  # sacrebleu's sufficient statistics: counts
        self._chrf_total: list[int] | None = None
        self._bleu_total: list[int] | None = None
        for seg_id, mt, status, final, refs in reference_rows(project):
            self._refs[seg_id] = refs
            self._set(seg_id, hypothesis(mt, status, final))

    def __contains__(self, seg_id: int) -> bool:
        return seg_id in self._refs

    @property
    def has_references(self) -> bool:
        """Whether any active segment has a reference candidate."""
        return bool(self._refs)

    def _segment_stats(self, hyp: str, refs: list[str]) -> tuple[list[int], list[int]]:
        streams = [[r] for r in refs]
        return (self._chrf._extract_corpus_statistics([hyp], streams)[0],
                self._bleu._extract_corpus_statistics([hyp], streams)[0])

    @staticmethod
    def _add(total: list[int] | None, stats: list[int], sign: int) -> list[int]:
        if total is None:
            total = [0] * len(stats)
        return [t + sign * v for t, v in zip(total, stats, strict=True)]

    def _set(self, seg_id: int, hyp: str | None) -> None:
        old = self._stats.pop(seg_id, None)
        if old is not None:
            self._chrf_total = self._add(self._chrf_total, old[0], -1)
            self._bleu_total = self._add(self._bleu_total, old[1], -1)
        if hyp is None:
            return
        new = self._segment_stats(hyp, self._refs[seg_id])
        self._stats[seg_id] = new
        self._chrf_total = self._add(self._chrf_total, new[0], 1)
        self._bleu_total = self._add(self._bleu_total, new[1], 1)

    def update(self, seg_id: int, mt: str, status: str, final: str | None) -> None:
        """A segment's decision changed: re-score it (no-op for segments without a reference)."""
        if seg_id in self._refs:
            self._set(seg_id, hypothesis(mt, status, final))

    def scores(self) -> CorpusScores | None:
        """Current corpus scores, or None when no segment with a reference is kept."""
        if not self._stats or self._chrf_total is None or self._bleu_total is None:
            return None
        c = self._chrf._compute_score_from_stats(self._chrf_total)
        b = self._bleu._compute_score_from_stats(self._bleu_total)
        return CorpusScores(len(self._stats), c.score, b.score, str(self._chrf.get_signature()),
                            str(self._bleu.get_signature()), self._bleu_fallback)


@dataclass(frozen=True)
class CodedTexts:
    """A segment's texts with the inline codes of its bilingual file shown as markers (``⟨1⟩File⟨/1⟩``,
    ``⟨2/⟩``): the review shows plain text, and the codes go back on export. ``final`` is the decided text
    with its codes as the export will place them (where the reviewer put them, else by word position), when
    it is not the MT or the reviewer moved its codes."""

    source: str
    mt: str
    final: str | None


def coded_texts(project: Project, segment_id: int, final: str | None = None) -> CodedTexts | None:
    """The segment's texts with their inline codes (see :class:`CodedTexts`), or None when its file gave it
    no codes (or it is no unit of a bilingual file). The decided text is shown with its codes where the
    reviewer put them, else where the export places them, when it is not the MT or its codes were moved."""
    from .code_placement import CodeEditing, codes_for_target, decision_placement
    from .formats.inline import InlineCode, parts_from_json, plain
    from .formats.markers import marked_text
    from .formats.unitstore import load_extras

    extras = load_extras(project.conn, segment_id)
    if not extras:
        return None
    src, tgt = parts_from_json(extras.get("src")), parts_from_json(extras.get("tgt"))
    if not any(isinstance(p, InlineCode) for parts in (src, tgt) if parts for p in parts):
        return None
    seg = project.conn.execute("SELECT g.source_text, g.mt_text, st.event_id, st.final_text FROM segments g"
                               " LEFT JOIN segment_state st ON st.segment_id = g.id WHERE g.id=?",
                               (segment_id,)).fetchone()
    if seg is None:
        return None
    source = marked_text(src) if src is not None and plain(src) == seg[0] else seg[0]
    coded = codes_for_target(src if plain(src) == seg[0] else None, tgt, seg[1])  # an empty target: the source's
    editing = CodeEditing.of(coded) if coded is not None and any(isinstance(p, InlineCode) for p in coded) else None
    mt = seg[1] if editing is None else editing.marked(seg[1])
    shown_final = None
    placement = decision_placement(project.conn, seg[2]) if editing is not None else None
    if editing is not None and placement is not None and seg[3] is not None:
        shown_final = editing.marked(seg[3], placement)
    elif final is not None and final != seg[1] and editing is not None:
        shown_final = editing.marked(final)
    return CodedTexts(source, mt, shown_final)


# What the workflow states of bilingual files mean to a translator (XLIFF 1.2 target ``state``, 2.0 segment ``state``).
FILE_STATE_WORDS = {
    "final": "final (finished before this review)",
    "signed-off": "signed off (approved before this review)",
    "reviewed": "reviewed (checked before this review)",
    "translated": "translated, not yet reviewed",
    "needs-review-translation": "the translation needs review",
    "needs-review-l10n": "the localization needs review",
    "needs-review-adaptation": "the adaptation needs review",
    "needs-translation": "needs translation",
    "needs-l10n": "needs localization",
    "needs-adaptation": "needs adaptation",
    "new": "new (not translated yet)",
    "initial": "initial (not translated yet)",
}
# Where an XLIFF 1.2 target came from, or why it was turned down (``state-qualifier``).
FILE_QUALIFIER_WORDS = {
    "leveraged-mt": "pre-filled by machine translation",
    "mt-suggestion": "a machine translation suggestion",
    "leveraged-tm": "pre-filled from translation memory",
    "tm-suggestion": "a translation memory suggestion",
    "exact-match": "an exact translation memory match",
    "fuzzy-match": "a fuzzy translation memory match",
    "id-match": "matched by id to an earlier version",
    "leveraged-glossary": "pre-filled from a glossary",
    "leveraged-inherited": "inherited from an earlier version",
    "leveraged-repository": "pre-filled from a repository",
    "rejected-grammar": "rejected for its grammar",
    "rejected-inaccurate": "rejected as inaccurate",
    "rejected-length": "rejected for its length",
    "rejected-spelling": "rejected for its spelling",
}


# Where a note that is not the unit's own comes from (``context_notes``: an XLIFF <group>'s, the <file>'s).
CONTEXT_WORDS = {"group": "group", "file": "whole file"}


def context_words(scope: str) -> str:
    """How a context note's scope is shown: ``whole file``, ``group``, and a TMX variant's (``tuv:de``) as
    ``on the de text``."""
    if scope.startswith("tuv:"):
        return f"on the {scope[4:] or 'unnamed language'} text"
    return CONTEXT_WORDS.get(scope, scope)


@dataclass(frozen=True)
class FileRemarks:
    """What a segment's bilingual file says about its unit(s): the ``<note>``s (identical ones once, in file
    order) and its workflow state in words (``final (finished before this review)``), None when it has none.
    The texts are the file's own: a front end shows them literally."""

    notes: tuple[str, ...]
    state: str | None


def file_state_words(props: dict[str, str]) -> str | None:
    """A unit's state in its file as a translator reads it, from its stored props (None when it has none):
    ``signed off (approved before this review); pre-filled by machine translation (leveraged-mt)``."""
    from .formats.cat_status import cat_state_words

    state, qualifier = props.get("state"), props.get("state-qualifier") or props.get("subState")
    approved = (props.get("approved") or "").strip().lower() == "yes"
    cat = cat_state_words(props)  # Trados's or memoQ's own status, in its words
    if not state and not qualifier and not approved and not cat:
        return None
    parts = [FILE_STATE_WORDS.get(state.strip().lower(), state)] if state else []
    if qualifier:
        words = FILE_QUALIFIER_WORDS.get(qualifier)
        parts.append(f"{words} ({qualifier})" if words else qualifier)
    if approved:  # XLIFF 1.2 approved="yes": finished, whatever the target's state says
        parts.append('approved (approved="yes")')
    return "; ".join(parts + cat)


def tidy_note(note: str) -> str:
    """A note's text without the indentation and blank lines of the XML around it (its line breaks kept)."""
    return "\n".join(line.strip() for line in note.strip().splitlines() if line.strip())


def file_remarks(project: Project, segment_id: int) -> FileRemarks | None:
    """The notes and workflow state the segment's bilingual file gave its unit (a merged segment: those of
    each of its units; then those of the groups and file it is in, marked ``(group)``/``(whole file)``), or
    None when it gave none (or the segment is no unit of such a file)."""
    from .formats.unitstore import load_extras

    extras = load_extras(project.conn, segment_id)
    if not extras:
        return None
    notes = tuple(dict.fromkeys(n for n in map(tidy_note, extras.get("notes", [])) if n))
    # The notes of its group and file apply to it too; said so, after its own (the most particular first)
    outer = (f"({context_words(scope)}) {tidy_note(text)}" for scope, text in extras.get("context_notes", [])
             if tidy_note(text))
    notes += tuple(n for n in dict.fromkeys(outer) if n not in notes)
    state = file_state_words(extras.get("props", {}))
    if not notes and state is None:
        return None
    return FileRemarks(notes, state)


@dataclass(frozen=True)
class FileHold:
    """What a segment's bilingual file says that matters when the reviewer decides it: ``locked_in``, the CAT
    tool(s) that locked its unit or (Trados) a segment of it (``Trados``, ``memoQ``; ``export --into`` then
    leaves the unit as the file has it unless ``--write-locked``, except a Trados unit whose decision leaves
    its locked segments' text as it is: ``export_into_locked``), and whether the file marks the unit finished
    otherwise (final, signed off, approved: the decision is exported all the same)."""

    locked_in: str | None
    finished: bool


def file_hold(project: Project, segment_id: int) -> FileHold | None:
    """How the segment's unit stands in its file (None: unlocked and not finished, no unit of a bilingual
    file, or a segment a repair made of several units, which ``export --into`` leaves be whatever its state)."""
    from .formats.cat_status import MQ_LOCKED, PHRASE_LOCKED, SDL_LOCKED, cat_finished
    from .formats.unitstore import finished_in_file, load_extras

    extras = load_extras(project.conn, segment_id)
    if not extras or "merged" in extras:
        return None
    props = extras.get("props") or {}
    # cat_finished of the lock prop alone: whether that tool locked it, with the values the export reads
    tools = [tool for tool, key in (("Trados", SDL_LOCKED), ("memoQ", MQ_LOCKED), ("Phrase", PHRASE_LOCKED))
             if key in props and cat_finished({key: props[key]})]
    locked = " and ".join(tools) or None
    finished = locked is None and finished_in_file(props)
    return FileHold(locked, finished) if locked or finished else None


def lock_warning(tool: str) -> str:
    """What export --into will do with a segment its CAT tool locked: Trados locks segments, so a unit of
    several is written where the decision leaves the locked ones' text as it is; memoQ locks the unit."""
    if tool == "Trados":
        return ("locked in Trados: export --into leaves its locked segments as the file has them, and the whole "
                "unit if this decision changes their text (--write-locked writes it)")
    return f"locked in {tool}: export --into leaves it as the file has it (--write-locked writes it)"
