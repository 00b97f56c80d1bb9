"""The CTranslate2 engine: the same model, converted once, run by CTranslate2 (int8 on the CPU by default,
float16 on a GPU). It tokenizes and detokenizes through the model's own Hugging Face tokenizer, exactly like
the transformers engine, so both give the same shapes and the same detokenization.

Conversion (``convert_model``, ``mtreview models convert``) uses ``ctranslate2.converters.TransformersConverter``
with its model loading overridden so that weights come from safetensors only (``use_safetensors=True``,
no ``trust_remote_code``); checked with transformers 5.x and ctranslate2 4.8. The result goes to
``<cache dir>/ct2/<model>-<revision>-<quantization>`` (or a folder you choose), together with a copy of the
tokenizer files and ``mtreview-ct2.json`` naming the model it came from, so a converted folder can be passed
to ``--model`` on its own. A conversion is written to a temporary folder and renamed, so an interrupted one
leaves nothing half-made.

Threads: on a small CPU CTranslate2 is faster running several batches at once (``inter_threads``) than
splitting one batch over cores (``intra_threads``); measured here on 2 cores. So up to 4 batches run in
parallel, each on ``cores // inter_threads`` threads, and the engine keeps that many batches in flight.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import ModelUnavailableError, MtReviewError, UsageError
from .cache import cache_dir
from .engine_base import Engine, available_cores, first_line, notify_stderr, quiet_transformers
from .models import CT2_MARKER, ResolvedModel, missing_ct2_files, missing_tokenizer_files

QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16", "float32")


def _import_ct2() -> Any:
    try:
        import ctranslate2
    except ImportError:
        # It also needs the neural extra (the model's tokenizer comes through transformers): both named at
        # once, so that installing one does not lead straight to a message about the other.
        raise UsageError("the ctranslate2 engine needs CTranslate2 and transformers: "
                         "pip install 'mtreview[fast,neural]'") from None
    return ctranslate2


def ct2_threads(cores: int) -> tuple[int, int]:
    """(inter_threads, intra_threads) for a CPU with ``cores`` cores: parallel batches first."""
    inter = min(cores, 4)
    return inter, max(1, cores // inter)


def default_ct2_folder(model: ResolvedModel, quantization: str | None = None) -> Path:
    """Where the automatic conversion of ``model`` lives in the user cache."""
    safe = re.sub(r"[^\w.\-]+", "--", model.id.strip("/")).strip("-")[-80:]
    return cache_dir() / "ct2" / f"{safe}-{model.revision[:16]}-{quantization or 'float32'}"


def read_marker(folder: Path) -> dict[str, Any] | None:
    """The ``mtreview-ct2.json`` of a converted folder, or None."""
    try:
        return json.loads((folder / CT2_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def convert_model(model: ResolvedModel, output_dir: str | Path | None = None, quantization: str | None = None,
                  force: bool = False, notify: Callable[[str], None] | None = notify_stderr) -> Path:
    """Convert a resolved transformers model to CTranslate2 (once: an existing conversion of the same model
    revision is reused unless ``force``). Returns the folder."""
    if model.ct2_path is not None:
        if output_dir and Path(output_dir).expanduser().resolve() != model.ct2_path.resolve():
            # QA: -o was ignored and the command said nothing: convert the original model to write elsewhere
            raise UsageError(f"{model.ct2_path} is already a CTranslate2 conversion (of {model.id}): convert "
                             f"{model.id} itself to write another one to {output_dir}")
        return model.ct2_path
    ctranslate2 = _import_ct2()
    if importlib.util.find_spec("transformers") is None:  # CTranslate2's converter reads the model with it
        raise UsageError("converting a model to CTranslate2 needs transformers: pip install 'mtreview[neural]'")
    if quantization is not None and quantization not in QUANTIZATIONS:
        raise UsageError(f"--quantization {quantization} is not one of {', '.join(QUANTIZATIONS)}")
    _check_shared_vocabulary(model)
    if lacks := missing_tokenizer_files(model.path, model.family == "marian"):
        # QA: the converter failed with "TypeError: expected str, bytes or os.PathLike object, not NoneType"
        raise ModelUnavailableError(f"model {model.id}: cannot convert {model.path} to CTranslate2: it has no "
                                    f"{', '.join(lacks)} (copy them from the model's repository beside its weights)")
    if output_dir is None and quantization is None and not force and (found := _any_conversion(model)) is not None:
        return found
    out = Path(output_dir).expanduser().resolve() if output_dir else default_ct2_folder(model, quantization)
    marker = read_marker(out)
    if not force and marker and not missing_ct2_files(out):
        if marker.get("revision") == model.revision and marker.get("quantization") == quantization:
            return out
        raise UsageError(f"{out} holds another conversion ({marker.get('model')} {marker.get('revision')}); "
                         "pass --force to replace it")
    if out.exists() and not marker and any(out.iterdir()):
        # Not even with --force: that replaces a conversion, and this folder holds something else (QA: --force
        # deleted a folder of the user's files, and the message before suggested it).
        raise UsageError(f"{out} exists and holds files that are not a CTranslate2 conversion; pick another "
                         "folder (a conversion is replaced with --force)")
    if notify:
        notify(f"converting {model.id} to CTranslate2 in {out} (once; later runs reuse it)")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        with quiet_transformers():
            _safe_converter(ctranslate2, model).convert(str(tmp), quantization=quantization, force=True)
        tok_dir = tmp / "tokenizer"
        tok_dir.mkdir()
        for f in model.path.iterdir():
            if f.is_file() and f.suffix not in (".safetensors", ".bin", ".pt", ".pth", ".ckpt", ".h5", ".msgpack"):
                shutil.copyfile(f, tok_dir / f.name)
        (tmp / CT2_MARKER).write_text(json.dumps({
            "model": model.id, "revision": model.revision, "family": model.family, "name": model.name,
            "quantization": quantization, "ctranslate2": ctranslate2.__version__,
        }, indent=1), encoding="utf-8")
        if out.exists():
            done = read_marker(out)
            if not force and done and done.get("revision") == model.revision and not missing_ct2_files(out):
                return out  # another process finished the same conversion meanwhile: use theirs
            shutil.rmtree(out)
        os.replace(tmp, out)
    except Exception as err:  # noqa: BLE001  (a damaged model folder: the loaders raise any error type)
        raise MtReviewError(f"model {model.id}: cannot convert {model.path} to CTranslate2 "
                            f"({first_line(err)})") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def redo_command(model: ResolvedModel, folder: Path) -> str:
    """The `mtreview models convert` command that writes the conversion in ``folder`` again."""
    marker = read_marker(folder) or {}
    quantization = marker.get("quantization") or model.ct2_quantization
    options = " --quantization " + str(quantization) if quantization else ""
    if model.ct2_path is not None or folder.resolve() != default_ct2_folder(model, quantization).resolve():
        options += f" -o {folder}"
    return f"mtreview models convert {model.id}{options} --force"


def _any_conversion(model: ResolvedModel) -> Path | None:
    """A finished conversion of this model revision in the cache, in any storage quantization (float32 first):
    what the engine uses when none was asked for (QA: 'models convert --quantization int8' wrote a folder
    that '--engine ctranslate2' never looked at, and it converted the model again)."""
    for quantization in (None, *QUANTIZATIONS):
        folder = default_ct2_folder(model, quantization)
        marker = read_marker(folder)
        # A damaged one (its vocabulary deleted, say) is not finished: converted again, as if it were not there
        if marker and marker.get("revision") == model.revision and not missing_ct2_files(folder):
            return folder
    return None


def _check_shared_vocabulary(model: ResolvedModel) -> None:
    """Refuse a Marian model with separate source and target vocabularies: CTranslate2's converter writes
    one shared vocabulary (the source's), so the conversion translated into source-vocabulary pieces,
    silently (QA), or failed on a size mismatch with a cryptic message."""
    def read(name: str) -> dict[str, Any]:
        try:
            data = json.loads((model.path / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    config, tok = read("config.json"), read("tokenizer_config.json")
    if model.family == "marian" and (config.get("share_encoder_decoder_embeddings") is False
                                     or tok.get("separate_vocabs") is True):
        raise UsageError(f"model {model.id} has separate source and target vocabularies, which CTranslate2's "
                         "converter cannot carry over: use --engine transformers for it")


def _safe_converter(ctranslate2: Any, model: ResolvedModel) -> Any:
    """TransformersConverter loading from the resolved local folder, safetensors only, no remote code."""

    class SafeConverter(ctranslate2.converters.TransformersConverter):
        def load_model(self, model_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            kwargs.pop("trust_remote_code", None)
            return model_class.from_pretrained(model_name_or_path, use_safetensors=True, trust_remote_code=False,
                                               local_files_only=True, **kwargs)

        def load_tokenizer(self, tokenizer_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            kwargs.pop("trust_remote_code", None)
            tokenizer = tokenizer_class.from_pretrained(model_name_or_path, trust_remote_code=False,
                                                        local_files_only=True, **kwargs)
            return _FullVocabulary.wrap(tokenizer, model.path)

    return SafeConverter(str(model.path), trust_remote_code=False)


class _FullVocabulary:
    """A tokenizer whose ``get_vocab()`` covers every id of the model's output layer.

    The converter builds CTranslate2's vocabulary from ``get_vocab()``. With transformers 5, M2M100's
    tokenizer no longer lists its 100 language tokens there (nor in ``special_tokens_map``), so conversion of
    facebook/m2m100_* fails with "Source vocabulary 0 has size N but the model expected ...". This wrapper
    lists ``convert_ids_to_tokens(range(vocab_size))`` instead, without the trailing "madeup word" ids that
    the converter appends itself, and passes everything else through to the real tokenizer."""

    def __init__(self, tokenizer: Any, size: int) -> None:
        self._tokenizer = tokenizer
        self._size = size

    @classmethod
    def wrap(cls, tokenizer: Any, folder: Path) -> Any:
        try:
            size = int(json.loads((folder / "config.json").read_text(encoding="utf-8"))["vocab_size"])
        except (OSError, ValueError, KeyError, TypeError):
            return tokenizer
        return cls(tokenizer, size) if len(tokenizer.get_vocab()) < size else tokenizer

    def get_vocab(self) -> dict[str, int]:
        tokens = self._tokenizer.convert_ids_to_tokens(list(range(self._size)))
        # Trailing ids without a token of their own are M2M100's "madeup words": the converter adds those.
        while tokens and tokens[-1] == self._tokenizer.unk_token:
            tokens.pop()
        vocab: dict[str, int] = {}
        for i, token in enumerate(tokens):
            vocab[token if token and token not in vocab else f"<unused{i}>"] = i
        return vocab

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tokenizer, name)


class CTranslate2Engine(Engine):
    """A model converted to CTranslate2 (converted on first use if needed)."""

    name = "ctranslate2"

    def __init__(self, *args: Any, threads: int | None = None, inter_threads: int | None = None,
                 intra_threads: int | None = None, notify: Callable[[str], None] | None = notify_stderr, **kwargs: Any) -> None:
        self.ct2 = _import_ct2()
        super().__init__(*args, **kwargs)
        supported = self.ct2.get_supported_compute_types(self.device)
        # CTranslate2's own choices (QA: refused as "not supported"): "auto" is the fastest type this device
        # supports, "default" the type the weights were stored in; what they resolve to is read back below.
        chosen_by_ct2 = self.compute_type in ("auto", "default")
        if not chosen_by_ct2 and self.compute_type not in supported:
            raise UsageError(f"--compute-type {self.compute_type} is not supported by CTranslate2 on "
                             f"{self.device} here (supported: {', '.join(sorted(supported))})")
        self.folder = convert_model(self.model, notify=notify)
        # How the weights were stored (a conversion found in the cache may be int8): part of the cache key.
        self.stored = (read_marker(self.folder) or {}).get("quantization", self.model.ct2_quantization)
        if self.device == "cpu":
            inter, intra = ct2_threads(threads or available_cores())
            inter, intra = inter_threads or inter, intra_threads or intra
        else:
            inter, intra = inter_threads or 1, intra_threads or 1
        self.inter_threads, self.intra_threads = inter, intra
        try:
            self.translator = self.ct2.Translator(str(self.folder), device=self.device,
                                                  compute_type=self.compute_type,
                                                  inter_threads=inter, intra_threads=intra)
        except (RuntimeError, ValueError) as err:
            # A damaged model.bin: the command that writes the folder again (QA: only CTranslate2's own words)
            raise MtReviewError(f"model {self.model.id}: CTranslate2 cannot load {self.folder} ({first_line(err)}): "
                                f"convert it again with '{redo_command(self.model, self.folder)}'") from None
        if chosen_by_ct2:  # the type in use, not the word for the choice: the cache key and describe() hold it
            self.compute_type = str(getattr(self.translator, "compute_type", self.compute_type))

    def pick_device(self, device: str) -> str:
        gpus = self.ct2.get_cuda_device_count()
        if device == "auto":
            return "cuda" if gpus else "cpu"
        if device == "cuda" and not gpus:
            raise UsageError("--device cuda: CTranslate2 sees no CUDA GPU here (use --device cpu or auto)")
        return device

    def default_compute_type(self) -> str:
        return "float16" if self.device == "cuda" else "int8"

    def params_key(self) -> str:
        key = json.loads(super().params_key())
        key["stored"] = getattr(self, "stored", self.model.ct2_quantization)  # how the weights were stored
        return json.dumps(key, sort_keys=True, separators=(",", ":"))

    def submit(self, batch: list[list[int]]) -> list[Any]:
        """The raw library call for one batch (asynchronous): CTranslate2 async results."""
        tokens = [self.tokenizer.convert_ids_to_tokens(ids) for ids in batch]
        longest = max(len(x) for x in batch)
        prefix = [[self.tgt_token] for _ in batch] if self.tgt_token else None
        return self.translator.translate_batch(
            tokens, target_prefix=prefix, beam_size=self.params.beam, num_hypotheses=self.params.nbest,
            max_decoding_length=self.target_limit(longest), max_input_length=self.max_source_tokens,
            min_decoding_length=min(self.params.min_new_tokens or 0, self.target_limit(longest)),
            asynchronous=True)

    def run_batches(self, batches: Iterable[list[list[int]]]) -> Iterator[list[list[list[str]]]]:
        # Keep inter_threads batches in flight so that every CTranslate2 worker has one.
        pending: deque[list[Any]] = deque()
        for batch in batches:
            pending.append(self.submit(batch))
            if len(pending) >= self.inter_threads:
                yield [r.result().hypotheses for r in pending.popleft()]
        while pending:
            yield [r.result().hypotheses for r in pending.popleft()]
