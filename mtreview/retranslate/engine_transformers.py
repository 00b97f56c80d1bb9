"""The transformers engine: ``AutoModelForSeq2SeqLM.generate`` with beam search, under ``torch.inference_mode``.

Weights are loaded from safetensors only (``use_safetensors=True``) and never with ``trust_remote_code``.
Compute types: ``float32`` (CPU default), ``float16`` (CUDA default), ``int8`` (dynamic int8 quantization of
the linear layers, CPU only: ``torch.ao.quantization.quantize_dynamic``).
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import MtReviewError, UsageError
from .engine_base import Engine, available_cores, first_line, quiet_transformers

COMPUTE_TYPES = ("float32", "float16", "int8")


class TransformersEngine(Engine):
    """A Hugging Face seq2seq model run with PyTorch."""

    name = "transformers"

    def __init__(self, *args: Any, threads: int | None = None, **kwargs: Any) -> None:
        """``threads``: CPU threads for PyTorch (default: every core this process may use)."""
        try:
            import torch
        except ImportError:
            raise UsageError("neural retranslation needs torch and transformers: "
                             "pip install 'mtreview[neural]'") from None
        self.torch = torch
        super().__init__(*args, **kwargs)
        if self.compute_type not in COMPUTE_TYPES:
            raise UsageError(f"--compute-type {self.compute_type} is not one of {', '.join(COMPUTE_TYPES)} "
                             "for the transformers engine")
        if self.compute_type == "int8" and self.device != "cpu":
            raise UsageError("int8 (dynamic quantization) runs on the CPU only with the transformers engine")
        if self.device == "cpu":
            torch.set_num_threads(threads or available_cores())
        self.hf_model = self._load_model()
        self.generation_config = self._generation_config()

    def pick_device(self, device: str) -> str:
        cuda = self.torch.cuda.is_available()
        if device == "auto":
            return "cuda" if cuda else "cpu"
        if device == "cuda" and not cuda:
            raise UsageError("--device cuda: PyTorch sees no CUDA GPU here (use --device cpu or auto)")
        return device

    def default_compute_type(self) -> str:
        return "float16" if self.device == "cuda" else "float32"

    def _load_model(self) -> Any:
        from transformers import AutoModelForSeq2SeqLM

        if self.model.ct2_path is not None and not any(self.model.path.glob("*.safetensors")):
            # The folder given, not the model it was converted from (QA: the message named the original)
            raise UsageError(f"model {self.model.ct2_path} is a CTranslate2 conversion (of {self.model.id}): use "
                             "--engine ctranslate2")
        dtype = self.torch.float16 if self.compute_type == "float16" else self.torch.float32
        with quiet_transformers():
            try:
                model = AutoModelForSeq2SeqLM.from_pretrained(
                    str(self.model.path), use_safetensors=True, trust_remote_code=False,
                    local_files_only=True, dtype=dtype)
            except Exception as err:  # noqa: BLE001  (truncated weights raise safetensors' own error type)
                raise MtReviewError(f"model {self.model.id}: cannot load it from {self.model.path} "
                                    f"({first_line(err)})") from None
        model.eval()
        if self.compute_type == "int8":
            from torch.ao.quantization import quantize_dynamic

            with warnings.catch_warnings():  # torch.ao.quantization warns that it is deprecated
                warnings.simplefilter("ignore")
                model = quantize_dynamic(model, {self.torch.nn.Linear}, dtype=self.torch.qint8)
        return model.to(self.device)

    def _generation_config(self) -> Any:
        config = copy.deepcopy(self.hf_model.generation_config)
        config.num_beams = self.params.beam
        config.num_return_sequences = self.params.nbest
        config.do_sample = False
        # No forced EOS at the length cap: CTranslate2 does not force one either, and both engines should stop
        # the same way. generate() fills unset (None) values from the model's own generation config, so the
        # change is made there too (on this process's copy of the model).
        config.forced_eos_token_id = None
        self.hf_model.generation_config.forced_eos_token_id = None
        if self.tgt_token is not None:
            config.forced_bos_token_id = self.tokenizer.convert_tokens_to_ids(self.tgt_token)
        self.decoder_start = config.decoder_start_token_id
        self.eos_ids = set(config.eos_token_id if isinstance(config.eos_token_id, list) else [config.eos_token_id])
        return config

    def _pad_id(self) -> int:
        pad = self.tokenizer.pad_token_id
        return pad if pad is not None else self.hf_model.config.pad_token_id or 0

    def generate(self, batch: list[list[int]]) -> Any:
        """The raw library call for one batch of token ids: returns generate()'s output ids."""
        torch = self.torch
        longest = max(len(x) for x in batch)
        input_ids = torch.full((len(batch), longest), self._pad_id(), dtype=torch.long)
        mask = torch.zeros((len(batch), longest), dtype=torch.long)
        for row, ids in enumerate(batch):
            input_ids[row, :len(ids)] = torch.tensor(ids, dtype=torch.long)
            mask[row, :len(ids)] = 1
        config = copy.copy(self.generation_config)
        # Lengths go through max_length/min_length, which count the decoder start token (hence +1): setting
        # max_new_tokens instead makes generate() warn that the model's max_length is set too.
        config.max_length = self.target_limit(longest) + 1
        config.min_length = min(self.params.min_new_tokens, self.target_limit(longest)) + 1 \
            if self.params.min_new_tokens else 0
        with torch.inference_mode():
            return self.hf_model.generate(input_ids=input_ids.to(self.device), attention_mask=mask.to(self.device),
                                          generation_config=config)

    def run_batches(self, batches: Iterable[list[list[int]]]) -> Iterator[list[list[list[str]]]]:
        nbest = self.params.nbest
        for batch in batches:
            out = self.generate(batch).tolist()
            hyps: list[list[list[str]]] = []
            for row in range(len(batch)):
                sentence = []
                for seq in out[row * nbest:(row + 1) * nbest]:
                    if seq and seq[0] == self.decoder_start:
                        seq = seq[1:]
                    cut = next((k for k, t in enumerate(seq) if t in self.eos_ids), len(seq))
                    sentence.append(self.tokenizer.convert_ids_to_tokens(seq[:cut]))
                hyps.append(sentence)
            yield hyps
