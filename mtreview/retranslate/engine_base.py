"""What both engines share, so their output contract is identical by construction: the tokenizer, the
language codes, the length policy, the batching, and the detokenization. An engine only turns batches of
source token ids into n-best lists of target tokens (``run_batches``).
"""

from __future__ import annotations

import json
import os
import sys
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from ..errors import MtReviewError, UsageError
from .batching import make_batches
from .langcodes import lang_token, model_lang_codes
from .models import MARIAN_TOKENIZER_FILES, ResolvedModel

ENGINES = ("transformers", "ctranslate2")


@dataclass(frozen=True)
class DecodingParams:
    """Decoding settings. Output length is capped at ``ratio * longest source + extra`` tokens per batch
    (at most ``cap``): generous for real translations, and it stops a model that loops. ``min_new_tokens`` /
    ``max_new_tokens`` fix the length instead (benchmarks)."""

    beam: int = 4
    nbest: int = 1
    length_ratio: float = 2.0
    length_extra: int = 10
    length_cap: int = 512
    min_new_tokens: int | None = None
    max_new_tokens: int | None = None

    def __post_init__(self) -> None:
        if self.nbest < 1 or self.beam < 1:
            raise UsageError("--beam and --nbest must be at least 1")
        if self.nbest > self.beam:
            # n-best lists come from the beam: a beam narrower than n cannot hold n hypotheses.
            object.__setattr__(self, "beam", self.nbest)

    def max_len(self, longest_source: int) -> int:
        """Most target tokens for a batch whose longest source has ``longest_source`` tokens."""
        if self.max_new_tokens is not None:
            return self.max_new_tokens
        return max(1, min(self.length_cap, int(self.length_ratio * longest_source) + self.length_extra))


def available_cores() -> int:
    """CPU cores this process may use (respects affinity masks and container limits where visible)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def quiet_transformers() -> Iterator[None]:
    """Silence transformers' own progress bars and info logs while loading (mtreview has its own)."""
    from transformers.utils import logging as hf_logging

    bars = hf_logging.is_progress_bar_enabled()
    level = hf_logging.get_verbosity()
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    try:
        yield
    finally:
        hf_logging.set_verbosity(level)
        if bars:
            hf_logging.enable_progress_bar()


def load_tokenizer(model: ResolvedModel) -> Any:
    """The model's tokenizer, from its local folder, never running repository code."""
    try:
        from transformers import AutoTokenizer
    except ImportError:
        raise UsageError("neural retranslation needs torch and transformers: pip install 'mtreview[neural]'") from None
    with quiet_transformers():
        try:
            return AutoTokenizer.from_pretrained(str(model.path), trust_remote_code=False, local_files_only=True)
        except Exception as err:  # noqa: BLE001  (a damaged folder: transformers and sentencepiece raise
            # TypeError for a missing vocabulary, RuntimeError for a garbled one, as well as OSError/ValueError)
            missing = _missing_tokenizer_files(model)
            why = f"it has no {', '.join(missing)}" if missing else first_line(err)
            raise MtReviewError(f"model {model.id}: cannot load its tokenizer from {model.path} ({why})") from None


def _missing_tokenizer_files(model: ResolvedModel) -> list[str]:
    """The tokenizer files a model folder of a known family lacks (empty when it has them, or for other
    families, whose tokenizers come in several layouts)."""
    if model.family != "marian":
        return []
    return [name for name in MARIAN_TOKENIZER_FILES if not (model.path / name).is_file()]


def notify_stderr(message: str) -> None:
    """The default ``notify``: a note on stderr."""
    print(f"mtreview: {message}", file=sys.stderr, flush=True)


def first_line(err: BaseException) -> str:
    """The first line of an exception's message, or its type when it has none (for one-line errors)."""
    text = str(err).strip()
    if "ignore_mismatched_sizes" in text:
        # transformers' line points to a report "above" that its silenced logger never printed (QA)
        return "its weights do not have the sizes its config.json gives (a config.json of another model?)"
    return f"{type(err).__name__}: {text.splitlines()[0]}" if text else type(err).__name__


class Engine(ABC):
    """A loaded translation model. Subclasses implement ``run_batches`` and set ``name``."""

    name = "engine"

    def __init__(self, model: ResolvedModel, source_lang: str, target_lang: str,
                 params: DecodingParams | None = None, device: str = "auto", compute_type: str | None = None,
                 max_sentences: int | None = None, max_tokens: int | None = None) -> None:
        self.model = model
        self.params = params or DecodingParams()
        self.device = self.pick_device(device)
        self.compute_type = compute_type or self.default_compute_type()
        self.src_code, self.tgt_code = model_lang_codes(model.family, source_lang, target_lang)
        self.tokenizer = load_tokenizer(model)
        self._check_lang_codes()
        if self.src_code is not None:
            self.tokenizer.src_lang = self.src_code
        self.tgt_token = lang_token(model.family, self.tgt_code) if self.tgt_code else None
        gpu = self.device == "cuda"
        self.max_sentences = max_sentences or (64 if gpu else 32)
        self.max_tokens = max_tokens or (16384 if gpu else 2048)
        self.max_positions = self._max_positions()
        self.max_source_tokens = self._max_source_tokens()
        # Room for the decoder start token and a target-language prefix: beyond its position table a model
        # fails (IndexError in PyTorch, "No position encodings" in CTranslate2) instead of stopping.
        self.max_target_tokens = max(1, self.max_positions - 2) if self.max_positions else None
        self.truncated = 0  # sources cut to max_source_tokens by encode(), since the engine was loaded
        self.special_tokens = set(self.tokenizer.all_special_tokens)
        if self.tgt_token:
            self.special_tokens.add(self.tgt_token)
        self.batches_run = 0  # model calls, for reporting and tests
        self.sentences_run = 0

    # -- per-engine hooks ------------------------------------------------------------------------------

    @abstractmethod
    def pick_device(self, device: str) -> str:
        """'cpu' or 'cuda' for the requested 'auto' / 'cpu' / 'cuda'."""

    @abstractmethod
    def default_compute_type(self) -> str:
        ...

    @abstractmethod
    def run_batches(self, batches: Iterable[list[list[int]]]) -> Iterator[list[list[list[str]]]]:
        """For each batch of source token ids, yield each sentence's ``nbest`` target token lists (special
        tokens may be left in; they are removed in ``detokenize``), batches in order."""

    # -- shared ----------------------------------------------------------------------------------------

    def params_key(self) -> str:
        """The decoding parameters as they enter the cache key: anything that can change the output."""
        key = {"engine": self.name, "compute_type": self.compute_type, "src": self.src_code,
               "tgt": self.tgt_code, **asdict(self.params)}
        return json.dumps(key, sort_keys=True, separators=(",", ":"))

    def describe(self) -> dict[str, Any]:
        """Parameters stored with each candidate."""
        return {"engine": self.name, "beam": self.params.beam, "nbest": self.params.nbest,
                "revision": self.model.revision, "compute_type": self.compute_type, "device": self.device}

    def _check_lang_codes(self) -> None:
        if self.src_code is None or self.tgt_code is None:  # a single-pair model: no codes (both None)
            return
        unk = self.tokenizer.unk_token_id
        for code in (self.src_code, self.tgt_code):
            token = lang_token(self.model.family, code)
            # convert_tokens_to_ids, not get_vocab(): M2M100's language tokens live outside its vocab.json.
            token_id = self.tokenizer.convert_tokens_to_ids(token)
            if token_id is None or token_id == unk:
                raise UsageError(f"model {self.model.id} has no language token {token!r}")

    def _max_positions(self) -> int | None:
        """The model's position table size (``max_position_embeddings`` in its config.json), or None.

        A CTranslate2 folder keeps a copy of the original config.json next to its tokenizer files."""
        try:
            config = json.loads((self.model.path / "config.json").read_text(encoding="utf-8"))
            value = int(config["max_position_embeddings"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return value if value > 0 else None

    def _max_source_tokens(self) -> int:
        """Most source tokens, special tokens included: the tokenizer's limit, the model's positions and
        1024, whichever is smallest (a tokenizer's model_max_length may exceed the model's position table)."""
        limit = getattr(self.tokenizer, "model_max_length", 512) or 512
        if self.max_positions:
            limit = min(limit, self.max_positions)
        return int(min(limit, 1024))

    def target_limit(self, longest_source: int) -> int:
        """Most target tokens for a batch: the decoding policy, capped by the model's positions."""
        wanted = self.params.max_len(longest_source)
        return min(wanted, self.max_target_tokens) if self.max_target_tokens else wanted

    def encode(self, sources: Sequence[str]) -> list[list[int]]:
        """Source token ids (with the model's special tokens), truncated to what the model accepts.
        Sources that were cut are counted in ``self.truncated``."""
        limit = self.max_source_tokens
        enc = self.tokenizer(list(sources), add_special_tokens=True, truncation=True, max_length=limit)
        ids = [list(x) for x in enc["input_ids"]]
        # Only a source that fills the limit exactly can have been cut: re-encode just those, uncut, to tell.
        full = [i for i, x in enumerate(ids) if len(x) >= limit]
        if full:
            with quiet_transformers():  # "sequence longer than the specified maximum" is said once, by us
                whole = self.tokenizer([sources[i] for i in full], add_special_tokens=True, truncation=False)
            self.truncated += sum(1 for x in whole["input_ids"] if len(x) > limit)
        return ids

    def detokenize(self, tokens: Sequence[str]) -> str:
        """Target tokens to text: special tokens (EOS, padding, language codes) dropped, then the
        tokenizer's own detokenizer. Both engines go through here."""
        kept = [t for t in tokens if t not in self.special_tokens]
        return self.tokenizer.convert_tokens_to_string(kept).strip() if kept else ""

    def translate_iter(self, sources: Sequence[str]) -> Iterator[list[tuple[int, list[str]]]]:
        """Translate ``sources`` batch by batch; yields (index into sources, n-best texts) per batch."""
        if not sources:
            return
        ids = self.encode(sources)
        batches = make_batches([len(x) for x in ids], self.max_sentences, self.max_tokens)
        outputs = self.run_batches([ids[i] for i in batch] for batch in batches)
        for batch, hyps in zip(batches, outputs, strict=True):
            self.batches_run += 1
            self.sentences_run += len(batch)
            yield [(i, [self.detokenize(h) for h in nbest]) for i, nbest in zip(batch, hyps, strict=True)]

    def translate(self, sources: Sequence[str]) -> list[list[str]]:
        """Translate without a cache: ``nbest`` hypotheses per source, in input order."""
        out: list[list[str]] = [[] for _ in sources]
        for batch in self.translate_iter(sources):
            for i, hyps in batch:
                out[i] = hyps
        return out
