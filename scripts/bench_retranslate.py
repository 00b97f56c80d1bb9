#!/usr/bin/env python
"""Retranslation speed: transformers fp32, transformers dynamic int8, CTranslate2 int8.

An opus-mt-ru-en-sized MarianMT (d_model 512, 6+6 layers, 8 heads, FFN 2048, vocabulary 62,518) with random
weights, 64 sentences of ~25 source tokens, output length fixed at 30 tokens (min = max length), beam 4.
Each configuration runs twice: through mtreview's own engine classes (tokenize, length-sorted batches,
generate/translate_batch, detokenize) and as the plain library call (the same tokenizer and model, batches
of the same size in input order), interleaved, best of --repeat: sentences per second. On a busy machine
that comparison is noisy, so the engine's own share of its run time (everything outside generate /
translate_batch: tokenizing, batching, detokenizing) is also measured within the same runs.

    .venv/bin/python scripts/bench_retranslate.py [--json] [--device cpu|cuda|auto] [--repeat N]

No data files are needed (the model and sentences are generated), so ../shared/benchmarks is not read.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

N_SENTENCES = 64
SOURCE_TOKENS = 25
OUTPUT_TOKENS = 30
BEAM = 4
BATCH = 32


def make_sentences(tokenizer, n: int = N_SENTENCES, tokens: int = SOURCE_TOKENS) -> list[str]:
    """Russian pseudo-sentences cut to about ``tokens`` tokens (including </s>) each."""
    from mtreview.retranslate.synthetic import pseudo_sentences

    out = []
    for sent in pseudo_sentences(n, seed=7, lang="ru", words=40):
        words = sent.split()
        while len(words) > 1 and len(tokenizer.encode(" ".join(words))) > tokens:
            words.pop()
        out.append(" ".join(words))
    return out


def timed(fn: Callable[[list[str]], object], sentences: list[str]) -> float:
    t0 = time.perf_counter()
    fn(sentences)
    return time.perf_counter() - t0


def _time_library_calls(engine) -> list[float]:
    """Wrap the engine's ``run_batches`` so the time spent inside the library (generate / translate_batch
    and waiting for its results) adds up in the returned cell. Measured within the same run as the total,
    this share is immune to changes in machine load, unlike the engine-vs-raw comparison."""
    spent = [0.0]
    inner = engine.run_batches

    def run_batches(batches):
        it = inner(batches)
        while True:
            t0 = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                spent[0] += time.perf_counter() - t0
                return
            spent[0] += time.perf_counter() - t0
            yield item

    engine.run_batches = run_batches
    return spent


def raw_transformers(model, tokenizer, device: str) -> Callable[[list[str]], list[str]]:
    """The plain transformers recipe: tokenize a batch with padding, generate, batch_decode."""
    import torch

    def run(sentences: list[str]) -> list[str]:
        out: list[str] = []
        for i in range(0, len(sentences), BATCH):
            enc = tokenizer(sentences[i:i + BATCH], return_tensors="pt", padding=True).to(device)
            with torch.inference_mode():
                ids = model.generate(**enc, num_beams=BEAM, min_length=OUTPUT_TOKENS + 1,
                                     max_length=OUTPUT_TOKENS + 1)
            out += tokenizer.batch_decode(ids, skip_special_tokens=True)
        return out
    return run


def raw_ct2(translator, tokenizer) -> Callable[[list[str]], list[str]]:
    """The plain CTranslate2 recipe from its documentation: tokens in, translate_batch, decode."""
    def run(sentences: list[str]) -> list[str]:
        tokens = [tokenizer.convert_ids_to_tokens(tokenizer.encode(s)) for s in sentences]
        results = translator.translate_batch(tokens, beam_size=BEAM, max_batch_size=BATCH,
                                             min_decoding_length=OUTPUT_TOKENS, max_decoding_length=OUTPUT_TOKENS)
        return [tokenizer.decode(tokenizer.convert_tokens_to_ids(r.hypotheses[0]), skip_special_tokens=True)
                for r in results]
    return run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    ap.add_argument("--device", choices=("auto", "cpu", "cuda"), default="cpu")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per configuration (best is kept)")
    ap.add_argument("--threads", type=int, default=None,
                    help="CPU threads for both libraries (default: every core, as mtreview does)")
    ap.add_argument("--model-dir", type=Path, default=None,
                    help="reuse/keep the generated model here (default: a temporary folder)")
    args = ap.parse_args(argv)

    try:
        import ctranslate2
        import torch
        import transformers
    except ImportError as err:
        print(f"bench_retranslate: needs mtreview[neural,fast] ({err})", file=sys.stderr)
        return 2
    from mtreview.retranslate import DecodingParams
    from mtreview.retranslate.engine_base import available_cores
    from mtreview.retranslate.engine_ct2 import CTranslate2Engine, convert_model
    from mtreview.retranslate.engine_transformers import TransformersEngine
    from mtreview.retranslate.models import resolve_model
    from mtreview.retranslate.synthetic import OPUS_MT_SIZE, build_random_marian

    device = args.device
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    tmp = tempfile.TemporaryDirectory(prefix="bench-retranslate-")
    os.environ.setdefault("MTREVIEW_CACHE_DIR", str(Path(tmp.name) / "cache"))  # the CT2 conversion goes here
    folder = args.model_dir or Path(tmp.name) / "opus-mt-ru-en-random"
    log = (lambda msg: None) if args.json else (lambda msg: print(msg, file=sys.stderr, flush=True))
    if not (folder / "model.safetensors").exists():
        log(f"building a random opus-mt-ru-en-sized Marian in {folder} ...")
        build_random_marian(folder, weight_std=None, **OPUS_MT_SIZE)
    resolved = resolve_model(str(folder), "ru", "en")
    params = DecodingParams(beam=BEAM, nbest=1, min_new_tokens=OUTPUT_TOKENS, max_new_tokens=OUTPUT_TOKENS)
    cores = available_cores()
    threads = args.threads or cores
    results: dict[str, dict[str, float]] = {}

    def measure(label: str, engine, raw: Callable[[list[str]], object]) -> None:
        engine.translate(sentences[:4])  # warm-up (first-call allocations, thread pools)
        raw(sentences[:4])
        in_library = _time_library_calls(engine)
        t_engine, t_raw, shares = [], [], []
        for _ in range(args.repeat):  # interleaved, so a change in machine load hits both alike
            before = in_library[0]
            t_engine.append(timed(engine.translate, sentences))
            shares.append(t_engine[-1] / (in_library[0] - before) - 1.0)
            t_raw.append(timed(raw, sentences))
        te, tr = min(t_engine), min(t_raw)
        results[label] = {"engine": N_SENTENCES / te, "raw": N_SENTENCES / tr, "overhead": te / tr - 1.0,
                          "outside_library": min(shares)}
        log(f"  {label}: engine {N_SENTENCES / te:.2f}/s, raw {N_SENTENCES / tr:.2f}/s, "
            f"time outside the library call {100 * min(shares):.1f}%")

    common = dict(params=params, device=device, max_sentences=BATCH, threads=args.threads)
    log(f"transformers fp32 ({device}) ...")
    eng = TransformersEngine(resolved, "ru", "en", compute_type="float32", **common)
    sentences = make_sentences(eng.tokenizer)
    src_tokens = sum(len(x) for x in eng.encode(sentences)) / N_SENTENCES
    measure("transformers fp32", eng, raw_transformers(eng.hf_model, eng.tokenizer, device))
    del eng
    if device == "cpu":
        log("transformers dynamic int8 ...")
        eng = TransformersEngine(resolved, "ru", "en", compute_type="int8", **common)
        measure("transformers int8 (dynamic)", eng, raw_transformers(eng.hf_model, eng.tokenizer, device))
        del eng
    ct2_type = "int8" if device == "cpu" else "int8_float16"
    log(f"CTranslate2 {ct2_type} (converting once) ...")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ct2_folder = convert_model(resolved, notify=None)
    eng = CTranslate2Engine(resolved, "ru", "en", compute_type=ct2_type, notify=None, **common)
    measure(f"ctranslate2 {ct2_type}", eng, raw_ct2(eng.translator, eng.tokenizer))
    inter, intra = eng.inter_threads, eng.intra_threads
    if device == "cpu" and threads > 1:
        # The alternative thread layout, raw call only: one batch at a time over all cores.
        alt = ctranslate2.Translator(str(ct2_folder), device="cpu", compute_type=ct2_type,
                                     inter_threads=1, intra_threads=threads)
        run = raw_ct2(alt, eng.tokenizer)
        run(sentences[:4])
        t_alt = min(timed(run, sentences) for _ in range(args.repeat))
        results[f"ctranslate2 {ct2_type}, intra_threads={threads}"] = {"engine": float("nan"),
                                                                     "raw": N_SENTENCES / t_alt,
                                                                     "overhead": float("nan"),
                                                                     "outside_library": float("nan")}
        del alt

    fp32 = results["transformers fp32"]
    ct2 = results[f"ctranslate2 {ct2_type}"]
    summary = {
        "device": device, "cores": cores, "threads": threads, "load_average_1min": round(os.getloadavg()[0], 2), "cpu": platform.processor() or platform.machine(),
        "gpu": torch.cuda.get_device_name(0) if device == "cuda" else None,
        "torch": torch.__version__, "transformers": transformers.__version__, "ctranslate2": ctranslate2.__version__,
        "sentences": N_SENTENCES, "source_tokens_mean": round(src_tokens, 1), "output_tokens": OUTPUT_TOKENS,
        "beam": BEAM, "batch": BATCH, "ct2_inter_threads": inter, "ct2_intra_threads": intra,
        "transformers_sent_per_s": round(fp32["engine"], 2),
        "transformers_raw_sent_per_s": round(fp32["raw"], 2),
        "ctranslate2_sent_per_s": round(ct2["engine"], 2),
        "ctranslate2_raw_sent_per_s": round(ct2["raw"], 2),
        "ctranslate2_speedup": round(ct2["engine"] / fp32["engine"], 2),
        "transformers_engine_outside_library": round(fp32["outside_library"], 4),
        "ctranslate2_engine_outside_library": round(ct2["outside_library"], 4),
        "rows": {k: {m: (round(v, 3) if v == v else None) for m, v in r.items()} for k, r in results.items()},
    }
    if "transformers int8 (dynamic)" in results:
        summary["transformers_int8_sent_per_s"] = round(results["transformers int8 (dynamic)"]["engine"], 2)
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        print(f"{N_SENTENCES} sentences x ~{src_tokens:.0f} source tokens -> {OUTPUT_TOKENS} tokens, beam {BEAM}, "
              f"batch {BATCH}, {device}, {cores} cores, {threads} threads (load average {os.getloadavg()[0]:.1f}); "
              f"CTranslate2 inter_threads={inter} intra_threads={intra}")
        print(f"{'configuration':<34} {'engine sent/s':>13} {'raw sent/s':>11} {'engine/raw':>11} "
              f"{'outside lib':>11} {'vs fp32':>8}")
        for label, r in results.items():
            eng_s = f"{r['engine']:.2f}" if r["engine"] == r["engine"] else "-"
            over = f"{100 * r['overhead']:+.1f}%" if r["overhead"] == r["overhead"] else "-"
            outside = f"{100 * r['outside_library']:.1f}%" if r["outside_library"] == r["outside_library"] else "-"
            best = r["engine"] if r["engine"] == r["engine"] else r["raw"]
            print(f"{label:<34} {eng_s:>13} {r['raw']:>11.2f} {over:>11} {outside:>11} {best / fp32['engine']:>7.2f}x")
        print("engine/raw: the engine's time over the plain library recipe's (interleaved runs, best of "
              f"{args.repeat}); outside lib: the engine's own share of its run time (tokenizing, batching, "
              "detokenizing), measured within the same runs")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
