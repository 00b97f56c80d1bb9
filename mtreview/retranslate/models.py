"""Finding a translation model: a Hugging Face name or a local folder, resolved to a folder on disk.

* ``None`` means the default opus-mt model of the pair, ``Helsinki-NLP/opus-mt-{src}-{tgt}``.
* A name (``facebook/nllb-200-distilled-600M``) is looked up in the local Hugging Face cache first, so a
  cached model never touches the network. Otherwise, unless ``HF_HUB_OFFLINE`` is set, it is downloaded
  (config, tokenizer and ``*.safetensors`` only: pickled ``*.bin`` weights are never fetched).
* A folder (anything that exists on disk, or starts with ``/``, ``.`` or ``~``) is used as it is.

Safety: only safetensors weights are accepted (``torch.load`` of a pickle is code execution) and no model
code is ever run from the model's repository (no ``trust_remote_code``). A model that is missing, unreachable
or pickle-only raises :class:`~mtreview.errors.ModelUnavailableError` with one line that names the model and
says how to get it. Without a network the refusal is immediate: one short connectivity check, not minutes of
retries.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from ..errors import ModelUnavailableError, UsageError

DEFAULT_MODEL_TEMPLATE = "Helsinki-NLP/opus-mt-{src}-{tgt}"
CT2_MARKER = "mtreview-ct2.json"  # written into folders made by `mtreview models convert`

# What a download fetches: configuration, tokenizer files and safetensors weights, nothing executable.
ALLOW_PATTERNS = ["*.json", "*.safetensors", "*.spm", "*.model", "*.txt", "*.tiktoken"]

_TRUE = {"1", "true", "yes", "on"}
_HUB_ID_RE = re.compile(r"^[A-Za-z0-9][\w.\-]*(/[\w.\-]+)?$")
_CONNECT_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class ResolvedModel:
    """A model ready to load: where it is and what it is."""

    id: str  # the Hub name, or the folder's absolute path
    path: Path  # a local folder holding config.json, tokenizer files and safetensors weights
    revision: str  # the Hub commit, or a fingerprint of a local folder's files: part of the cache key
    family: str  # "marian", "nllb", "m2m100" or "seq2seq" (another encoder-decoder model)
    name: str  # short display name, e.g. "opus-mt-ru-en": candidates are named after it
    ct2_path: Path | None = None  # a CTranslate2 conversion made by `mtreview models convert -o DIR`
    ct2_quantization: str | None = None  # how that conversion stored its weights


def default_model_id(source_lang: str, target_lang: str) -> str:
    """``Helsinki-NLP/opus-mt-{src}-{tgt}`` for ISO 639-1 codes (regional parts dropped)."""
    src = source_lang.lower().replace("_", "-").split("-")[0]
    tgt = target_lang.lower().replace("_", "-").split("-")[0]
    return DEFAULT_MODEL_TEMPLATE.format(src=src, tgt=tgt)


def hub_offline() -> bool:
    """True when ``HF_HUB_OFFLINE`` (or the older ``TRANSFORMERS_OFFLINE``) is set."""
    return any(os.environ.get(var, "").strip().lower() in _TRUE for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


def how_to_get(model_id: str) -> str:
    """How to get a model onto a machine without network, naming the cache folder this machine reads."""
    # A name without its owner is mostly a typo for one with it (QA: '--model nllb' was advised to download
    # 'nllb', which the Hub does not have); a few old Hub models have no owner, so it is a hint, not a refusal.
    owner = ("; Hub model ids usually name their owner, such as Helsinki-NLP/opus-mt-ru-en or "
             "facebook/nllb-200-distilled-600M") if "/" not in model_id else ""
    return (f"on a machine with network run 'hf download {model_id}' (older hubs: 'huggingface-cli download') "
            f"and copy the Hugging Face cache here ({_hub_cache_dir()}), or pass a local model folder with --model"
            f"{owner}")


def _hub_cache_dir() -> str:
    """The Hub cache folder as huggingface_hub resolves it (HF_HUB_CACHE, HF_HOME/hub, ~/.cache/...)."""
    if os.environ.get("HF_HUB_CACHE"):
        return os.environ["HF_HUB_CACHE"]
    if os.environ.get("HF_HOME"):
        return str(Path(os.environ["HF_HOME"]) / "hub")
    return "~/.cache/huggingface/hub"


def _unavailable(model_id: str, reason: str) -> ModelUnavailableError:
    return ModelUnavailableError(f"model {model_id} is not available ({reason}): {how_to_get(model_id)}",
                                 title="Model not available")


def looks_like_path(model: str) -> bool:
    """A folder rather than a Hub name: it exists, or it starts like a path, or it is no valid Hub id."""
    return (Path(model).expanduser().exists() or model.startswith(("/", ".", "~")) or "\\" in model
            or not _HUB_ID_RE.match(model))


def resolve_model(model: str | None, source_lang: str, target_lang: str, revision: str | None = None) -> ResolvedModel:
    """Find ``model`` (a Hub name, a folder, or None for the pair's opus-mt default) on disk, downloading it
    if allowed. Raises ModelUnavailableError with a one-line remedy when it cannot be had."""
    model_id = model or default_model_id(source_lang, target_lang)
    if model_id != model_id.strip() and not Path(model_id).expanduser().exists():
        # a name pasted with a space or a line break around it (QA: "model folder /cwd/Helsinki-NLP/opus-mt-ru-en
        # does not exist", for a cached model's name)
        model_id = model_id.strip()
    if looks_like_path(model_id):
        folder = Path(model_id).expanduser().resolve()
        if not folder.exists():
            raise ModelUnavailableError(f"model folder {folder} does not exist")
        if not folder.is_dir():
            raise ModelUnavailableError(f"model {folder} is a file; pass the folder that holds config.json")
        if (folder / CT2_MARKER).exists():
            return _converted_folder(folder)
        if not (folder / "config.json").exists():
            cached = _cache_repo_snapshot(folder)
            if cached is not None:
                # Named and keyed as the Hub model at that commit: the cache of translations and of
                # CTranslate2 conversions is shared with the same model found by its name.
                snapshot, repo_id = cached
                check_model_folder(snapshot, str(folder))
                return ResolvedModel(repo_id, snapshot, snapshot.name, detect_family(snapshot, repo_id),
                                     repo_id.split("/")[-1])
            _refuse_cache_root(folder)
        check_model_folder(folder, str(folder))
        family = detect_family(folder, str(folder))
        if family != "marian" and missing_tokenizer_files(folder, marian=False):
            # QA: an NLLB folder without tokenizer.json and sentencepiece.bpe.model loaded a tokenizer of special
            # tokens only, which read every word as <unk>, and "translated" that without a word of warning.
            # (A Marian folder is told apart file by file when its tokenizer loads.)
            raise ModelUnavailableError(f"model {folder}: it has no tokenizer files (tokenizer.json, a SentencePiece "
                                        "*.model, vocab.json): copy them from the model's repository beside its "
                                        "weights")
        return ResolvedModel(str(folder), folder, folder_revision(folder), family, folder.name)
    if "/" not in model_id and model_id.lower().startswith("opus-mt-"):
        # QA: "-m opus-mt-ru-en" was looked up as is and the advice was to download "opus-mt-ru-en", which
        # does not exist on the Hub either: the opus-mt models are Helsinki-NLP's
        raise ModelUnavailableError(f"model {model_id}: no such folder here, and on the Hugging Face Hub the "
                                    f"opus-mt models are named with their owner: --model Helsinki-NLP/{model_id}")
    folder = _hub_snapshot(model_id, revision)
    check_model_folder(folder, model_id)
    rev = folder.name if re.fullmatch(r"[0-9a-f]{40}", folder.name) else folder_revision(folder)
    return ResolvedModel(model_id, folder, rev, detect_family(folder, model_id), model_id.rstrip("/").split("/")[-1])


def _cache_repo_snapshot(folder: Path) -> tuple[Path, str] | None:
    """A model's folder in a Hugging Face cache (``models--Helsinki-NLP--opus-mt-ru-en``, as copied from a
    networked machine) given as ``--model``: its snapshot (the one ``refs/main`` names, or the only one) and
    the model's Hub id; None for any other folder."""
    snapshots = folder / "snapshots"
    if not folder.name.startswith("models--") or not snapshots.is_dir():
        return None
    try:
        commit = (folder / "refs" / "main").read_text(encoding="utf-8").strip()
    except OSError:
        commit = ""
    found = sorted(p for p in snapshots.iterdir() if p.is_dir())
    chosen = snapshots / commit if commit and (snapshots / commit).is_dir() else found[0] if len(found) == 1 else None
    if chosen is None:
        raise ModelUnavailableError(f"model {folder}: a Hugging Face cache folder with {len(found)} snapshots and no "
                                    "refs/main naming one: pass the snapshot folder to use (snapshots/<commit>)")
    missing = missing_files(chosen)
    if missing:
        raise ModelUnavailableError(f"model {folder}: its snapshot {chosen.name[:12]} lacks {', '.join(missing)}, as an "
                                    "interrupted download leaves it: copy the whole model from a machine where "
                                    f"'hf download {_repo_id(folder)}' finished")
    return chosen, _repo_id(folder)


def _repo_id(folder: Path) -> str:
    """``models--Helsinki-NLP--opus-mt-ru-en`` -> ``Helsinki-NLP/opus-mt-ru-en``."""
    return "/".join(folder.name.split("--")[1:])


def _refuse_cache_root(folder: Path) -> None:
    """Refuse a Hugging Face cache itself (``~/.cache/huggingface``, its ``hub``) given as ``--model``, saying how
    to use the models in it (QA: "has no config.json (not a Hugging Face model folder)" said neither)."""
    hub = folder / "hub" if (folder / "hub").is_dir() else folder
    repos = sorted(p.name for p in hub.glob("models--*") if p.is_dir()) if hub.is_dir() else []
    if repos:
        example = "/".join(repos[0].split("--")[1:])
        raise ModelUnavailableError(f"model {folder} is a Hugging Face cache, not a model: pass the model's name "
                                    f"with HF_HUB_CACHE={hub} set (such as --model {example}), or its folder "
                                    f"{hub / repos[0]}")


def _converted_folder(folder: Path) -> ResolvedModel:
    """A folder written by ``mtreview models convert -o DIR``: CTranslate2 weights plus the tokenizer."""
    try:
        info = json.loads((folder / CT2_MARKER).read_text(encoding="utf-8"))
        model_id, revision, family = str(info["model"]), str(info["revision"]), str(info["family"])
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ModelUnavailableError(f"model {folder}: unreadable {CT2_MARKER} ({err})") from None
    tokenizer = folder / "tokenizer"
    missing = missing_ct2_files(folder)
    missing += (["tokenizer/"] if not tokenizer.is_dir()
                else [f"tokenizer/{name}" for name in missing_tokenizer_files(tokenizer, family == "marian")])
    if missing:
        # QA: "incomplete CTranslate2 conversion (convert it again)" said neither what was missing nor how
        raise ModelUnavailableError(
            f"model {folder}: incomplete CTranslate2 conversion of {model_id} (no {', '.join(missing)}): convert it "
            f"again with 'mtreview models convert {model_id} -o {folder} --force'")
    return ResolvedModel(model_id, folder / "tokenizer", revision, family, str(info.get("name") or folder.name),
                         ct2_path=folder, ct2_quantization=info.get("quantization"))


def _hub_snapshot(model_id: str, revision: str | None) -> Path:
    try:
        from huggingface_hub import errors as hf_errors
        from huggingface_hub import snapshot_download
    except ImportError:
        raise UsageError("loading models by name needs huggingface-hub: pip install 'mtreview[neural]'") from None
    # The local cache first: a cached model is used without any network access.
    cached: Path | None = None
    missing: list[str] = []
    try:
        cached = Path(snapshot_download(model_id, revision=revision, local_files_only=True,
                                        allow_patterns=ALLOW_PATTERNS))
        missing = missing_files(cached)
        if not missing:
            return cached
    except (hf_errors.LocalEntryNotFoundError, FileNotFoundError, OSError, ValueError):
        pass
    if cached is not None and (cached / "config.json").is_file() and weight_files(cached)[1] \
            and not weight_files(cached)[0]:
        # Cached, but not usable as it is: say why ("pickle weights only"), online or not (QA: without
        # HF_HUB_OFFLINE it said "not in the local Hugging Face cache", which was false)
        check_model_folder(cached, model_id)
    # A copy that an interrupted download left without some of its files (QA: "no weights
    # (model.safetensors)" with the network up, where the download only had to be resumed; offline, a
    # folder missing its tokenizer said "not in the local Hugging Face cache", or failed only when loading).
    where = (f"its copy in the local Hugging Face cache lacks {', '.join(missing)}, as an interrupted download "
             "leaves it," if cached is not None and missing else "not in the local Hugging Face cache")
    # A typo of a cached model's name (QA: '-m helsinki-nlp/opus-mt-ru-en', with Helsinki-NLP's model in the
    # cache, was told to download it)
    hint = _cached_lookalike(model_id) if cached is None else None
    if hub_offline() or (reason := _hub_unreachable()):
        why = "HF_HUB_OFFLINE is set" if hub_offline() else reason
        if hint:
            raise ModelUnavailableError(f"model {model_id} is not available ({where} and {why}); the cache has "
                                        f"{hint}: did you mean {hint}?", title="Model not available")
        raise _unavailable(model_id, f"{where} and {why}")
    try:
        folder = Path(snapshot_download(model_id, revision=revision, allow_patterns=ALLOW_PATTERNS,
                                        etag_timeout=_CONNECT_TIMEOUT_S))
    except hf_errors.GatedRepoError:
        raise _unavailable(model_id, "a gated repository: accept its licence on huggingface.co and log in "
                                     "with 'hf auth login'") from None
    except hf_errors.RepositoryNotFoundError:
        check = f"did you mean {hint}, which is in the local cache?" if hint else "check the name"
        raise ModelUnavailableError(f"model {model_id} does not exist on the Hugging Face Hub "
                                    f"({check}, or pass a local folder with --model)") from None
    except hf_errors.RevisionNotFoundError:
        raise ModelUnavailableError(f"model {model_id} has no revision {revision!r}") from None
    except (hf_errors.HfHubHTTPError, hf_errors.LocalEntryNotFoundError, OSError) as err:
        first_line = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise _unavailable(model_id, f"download failed: {first_line}") from None
    check_model_folder(folder, model_id)
    still = missing_files(folder)
    if still:  # the repository itself lacks them: not a download to retry
        raise ModelUnavailableError(f"model {model_id}: {folder} has no {', '.join(still)} after downloading "
                                    "(not a complete translation model?)")
    return folder


def _cached_lookalike(model_id: str) -> str | None:
    """The id of a model in the local Hub cache that ``model_id`` is a typo of (another case or punctuation, a
    letter more or less, two letters swapped), or None. Another language pair (opus-mt-ru-de for -ru-en) is
    no typo."""
    try:
        from huggingface_hub import constants

        root = Path(constants.HF_HUB_CACHE)
        names = sorted(p.name[len("models--"):].replace("--", "/") for p in root.iterdir()
                       if p.is_dir() and p.name.startswith("models--"))
    except (ImportError, OSError):
        return None
    return next((n for n in names if n != model_id and _typo_of(_letters(model_id), _letters(n))), None)


def _letters(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.lower())


def _typo_of(a: str, b: str) -> bool:
    """``a`` is ``b`` with one letter more or less, or two neighbouring letters swapped (or the same)."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) - len(b) > 1:
        return False
    diff = [i for i in range(len(b)) if a[i] != b[i]]
    if len(a) != len(b):
        return not diff or a[diff[0] + 1:] == b[diff[0]:]
    return not diff or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                        and a[diff[1]] == b[diff[0]])


def _hub_unreachable() -> str | None:
    """One quick TCP connect to the Hub's host: a machine without network fails here in milliseconds (or
    ``_CONNECT_TIMEOUT_S`` behind a silent firewall) instead of in the Hub client's retry loop. Behind a
    proxy the check is left to the client (its etag timeout is shortened too)."""
    if any(os.environ.get(v) for v in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")):
        return None
    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
    parsed = urlparse(endpoint)
    host = parsed.hostname or "huggingface.co"
    port = parsed.port or (80 if parsed.scheme == "http" else 443)
    try:
        with socket.create_connection((host, port), timeout=_CONNECT_TIMEOUT_S):
            return None
    except OSError as err:
        return f"{host} cannot be reached ({err.strerror or type(err).__name__})"


# The files a Marian tokenizer is made of (QA: a folder without them failed with "TypeError: expected str,
# bytes or os.PathLike object, not NoneType", which names none of them).
MARIAN_TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json")
# Any of these makes a tokenizer of another family (they come in several layouts).
_TOKENIZER_PATTERNS = ("tokenizer.json", "*.model", "*.spm", "vocab.json", "vocab.txt", "*.tiktoken")


def missing_files(folder: Path) -> list[str]:
    """What a model folder lacks to be loaded: config.json, its safetensors weights (every shard an index
    names) and its tokenizer files. A link into the Hugging Face cache whose file is gone counts as missing."""
    if not (folder / "config.json").is_file():
        return ["config.json"]
    missing: list[str] = []
    index = folder / "model.safetensors.index.json"
    shards: list[str] = []
    if index.is_file():
        try:
            weight_map = json.loads(index.read_text(encoding="utf-8")).get("weight_map", {})
            shards = sorted({str(v) for v in weight_map.values()}) if isinstance(weight_map, dict) else []
        except (OSError, ValueError, AttributeError):
            shards = []
        missing += [name for name in shards if not (folder / name).is_file()]
    elif not any(p.is_file() for p in folder.glob("*.safetensors")):
        missing.append("model.safetensors")
    try:
        model_type = json.loads((folder / "config.json").read_text(encoding="utf-8")).get("model_type")
    except (OSError, ValueError, AttributeError):
        model_type = None
    return missing + missing_tokenizer_files(folder, model_type == "marian")


def missing_ct2_files(folder: Path) -> list[str]:
    """What a CTranslate2 model folder lacks to be loaded: model.bin, config.json and its vocabulary (one
    shared, or a source and a target one; QA: a folder without it failed in CTranslate2 itself with "Cannot
    load the target vocabulary", and one without config.json with "type must be string, but is null")."""
    missing = [name for name in ("model.bin", "config.json") if not (folder / name).is_file()]

    def has(stem: str) -> bool:
        return any((folder / f"{stem}.{ext}").is_file() for ext in ("json", "txt"))

    if not has("shared_vocabulary") and not (has("source_vocabulary") and has("target_vocabulary")):
        missing.append("shared_vocabulary.json")
    return missing


def missing_tokenizer_files(folder: Path, marian: bool) -> list[str]:
    """The tokenizer files ``folder`` lacks: a Marian model's three by name; for other families, whose
    tokenizers come in several layouts, "tokenizer files" where it has none of them."""
    if marian:
        return [name for name in MARIAN_TOKENIZER_FILES if not (folder / name).is_file()]
    if any(p.is_file() for pattern in _TOKENIZER_PATTERNS for p in folder.glob(pattern)):
        return []
    return ["tokenizer files"]


def weight_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """(safetensors files, pickle weight files) directly in ``folder``."""
    safe = sorted(folder.glob("*.safetensors"))
    pickles = sorted(p for pat in ("pytorch_model*.bin", "*.pt", "*.pth", "*.ckpt") for p in folder.glob(pat))
    return safe, pickles


def check_model_folder(folder: Path, model_id: str) -> None:
    """Refuse folders that cannot be loaded safely: no config, or pickle weights only."""
    if not (folder / "config.json").exists():
        raise ModelUnavailableError(f"model {model_id}: {folder} has no config.json (not a Hugging Face model folder)")
    safe, pickles = weight_files(folder)
    if safe:
        return
    if pickles:
        raise ModelUnavailableError(
            f"model {model_id} has only pickle weights ({pickles[0].name}); mtreview loads safetensors only "
            "because unpickling can run code: on a trusted machine re-save it with "
            "save_pretrained(folder, safe_serialization=True), or use a model that ships model.safetensors")
    if (folder / "model.bin").exists():  # a CTranslate2 conversion made by its own converter (QA)
        raise ModelUnavailableError(
            f"model {model_id}: {folder} is a CTranslate2 model without mtreview's {CT2_MARKER} (made by "
            "ct2-transformers-converter?), which does not say which tokenizer goes with it: convert the original "
            "model with 'mtreview models convert', which keeps its tokenizer beside it")
    raise ModelUnavailableError(f"model {model_id}: no weights (model.safetensors) in {folder}")


def detect_family(folder: Path, model_id: str) -> str:
    """marian, nllb, m2m100 or seq2seq, from config.json and tokenizer_config.json."""
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ModelUnavailableError(f"model {model_id}: unreadable config.json ({err})") from None
    if not isinstance(config, dict):
        raise ModelUnavailableError(f"model {model_id}: {folder / 'config.json'} is not a JSON object")
    model_type = str(config.get("model_type", ""))
    if model_type == "marian":
        return "marian"
    if model_type == "m2m_100":
        tok_class = ""
        tok_cfg = folder / "tokenizer_config.json"
        if tok_cfg.exists():
            try:
                tok_class = str(json.loads(tok_cfg.read_text(encoding="utf-8")).get("tokenizer_class", ""))
            except ValueError:
                pass
        return "nllb" if "nllb" in (tok_class + model_id).lower() else "m2m100"
    if not config.get("is_encoder_decoder", False):
        raise ModelUnavailableError(f"model {model_id} is not a sequence-to-sequence translation model "
                                    f"(model_type {model_type or 'unknown'})")
    return "seq2seq"


def folder_revision(folder: Path) -> str:
    """A fingerprint of a local model folder: config and tokenizer contents, weight names, sizes and
    modification times (hashing gigabytes of weights on every run would cost seconds)."""
    h = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if not path.is_file():
            continue
        h.update(path.name.encode())
        if path.suffix in (".safetensors", ".bin"):
            st = path.stat()
            h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
        elif path.suffix in (".json", ".spm", ".model", ".txt"):
            h.update(path.read_bytes())
    return "local-" + h.hexdigest()[:16]
