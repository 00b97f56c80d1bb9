"""Random-weight MarianMT models built from scratch, for tests and benchmarks (no download needed).

``build_random_marian(folder, **config)`` trains a small SentencePiece vocabulary on generated Russian and
English pseudo-sentences, writes ``source.spm``, ``target.spm`` and ``vocab.json`` the way ``MarianTokenizer``
expects, and saves a ``MarianMTModel`` with random weights via ``save_pretrained`` (safetensors). The folder
then loads through ``from_pretrained`` like any downloaded opus-mt model. Its translations are garbage, but
deterministic under beam search: good for testing contracts and measuring speed, not quality.

``OPUS_MT_SIZE`` is the shape of ``Helsinki-NLP/opus-mt-ru-en`` (vocabulary 62,518); the vocabulary is padded
with filler pieces up to ``vocab_size`` so the output layer costs what the real one does.
"""

from __future__ import annotations

import io
import json
import random
import re
from pathlib import Path
from typing import Any

_RU = ("флот корабль море каспийский россия президент министр оборона база порт граница безопасность "
       "военный учения год страна договор вопрос ответ эксперт журналист правда новость сегодня вчера "
       "говорит сказал может должен нельзя очень большой новый старый первый последний регион власть "
       "союз альянс нато армия штаб генерал адмирал вода берег остров нефть газ трубопровод").split()
_EN = ("fleet ship sea caspian russia president minister defence base port border security military "
       "exercise year country treaty question answer expert journalist truth news today yesterday says "
       "said can must cannot very large new old first last region power union alliance nato army staff "
       "general admiral water shore island oil gas pipeline").split()
_PUNCT = (".", ".", ".", "?", "!", ",")

OPUS_MT_SIZE: dict[str, Any] = dict(
    d_model=512, encoder_layers=6, decoder_layers=6, encoder_attention_heads=8, decoder_attention_heads=8,
    encoder_ffn_dim=2048, decoder_ffn_dim=2048, vocab_size=62518, max_position_embeddings=512)
TINY_SIZE: dict[str, Any] = dict(
    d_model=16, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2, decoder_attention_heads=2,
    encoder_ffn_dim=32, decoder_ffn_dim=32, max_position_embeddings=256)


def pseudo_sentences(n: int = 400, seed: int = 0, lang: str | None = None, words: int | None = None) -> list[str]:
    """Deterministic pseudo-sentences (alternating Russian and English unless ``lang`` is 'ru' or 'en'),
    with numbers and punctuation; ``words`` fixes the word count."""
    rng = random.Random(seed)
    lines = []
    for i in range(n):
        vocab = _RU if (lang == "ru" or (lang is None and i % 2 == 0)) else _EN
        k = words or rng.randint(3, 14)
        sent = " ".join(rng.choice(vocab) for _ in range(k))
        if rng.random() < 0.3:
            sent += f" {rng.randint(1, 2025)}"
        lines.append(sent[0].upper() + sent[1:] + rng.choice(_PUNCT))
    return lines


def build_random_marian(folder: str | Path, spm_vocab_size: int = 250, seed: int = 0, weight_std: float | None = 0.5,
                        **config: Any) -> Path:
    """Write a complete MarianMT model folder with random weights; ``config`` overrides ``TINY_SIZE``
    (pass ``**OPUS_MT_SIZE`` for a full-size one). ``weight_std=None`` keeps transformers' own
    initialisation. Returns the folder."""
    import sentencepiece as spm
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(pseudo_sentences()), model_writer=buf, vocab_size=spm_vocab_size,
        model_type="unigram", character_coverage=1.0, unk_id=0, bos_id=1, eos_id=2, pad_id=-1,
        num_threads=1, minloglevel=2,
    )
    (folder / "source.spm").write_bytes(buf.getvalue())
    (folder / "target.spm").write_bytes(buf.getvalue())  # one shared vocabulary, as most opus-mt models have
    proc = spm.SentencePieceProcessor(model_proto=buf.getvalue())
    # Marian's vocab.json: </s> first, <unk> second, the pieces, <pad> last (the decoder start token).
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(proc.get_piece_size()):
        piece = proc.id_to_piece(i)
        if piece not in vocab and piece not in ("<s>", "<unk>", "</s>"):
            vocab[piece] = len(vocab)
    settings = {**TINY_SIZE, **config}
    target_size = int(settings.pop("vocab_size", 0)) or len(vocab) + 1
    while len(vocab) < target_size - 1:  # filler pieces: the output layer gets the requested width
        vocab[f"▁filler{len(vocab)}"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")

    tokenizer = MarianTokenizer(source_spm=str(folder / "source.spm"), target_spm=str(folder / "target.spm"),
                                vocab=str(folder / "vocab.json"), source_lang="ru", target_lang="en")
    tokenizer.save_pretrained(folder)

    pad = vocab["<pad>"]
    marian = MarianConfig(vocab_size=len(vocab), pad_token_id=pad, decoder_start_token_id=pad, eos_token_id=0,
                          forced_eos_token_id=0, activation_function="swish", scale_embedding=True, **settings)
    torch.manual_seed(seed)
    model = MarianMTModel(marian).eval()
    with torch.no_grad():
        # Larger random weights than the default init make outputs less uniform, so beam search yields
        # distinct hypotheses.
        for p in model.parameters():
            if weight_std is not None and p.dim() > 1:
                p.normal_(0.0, weight_std)
        # The decoder starts from the <pad> embedding, which converted opus-mt models keep at zero (and
        # CTranslate2 assumes: "start_from_zero_embedding").
        model.get_input_embeddings().weight[pad].zero_()
    model.generation_config = GenerationConfig(
        decoder_start_token_id=pad, eos_token_id=0, pad_token_id=pad, forced_eos_token_id=0,
        bad_words_ids=[[pad]], num_beams=4, max_length=512)
    model.save_pretrained(folder, safe_serialization=True)
    return folder


def build_random_m2m100(folder: str | Path, flavour: str = "nllb", seed: int = 0, weight_std: float | None = 0.5,
                        **config: Any) -> Path:
    """A tiny random-weight M2M100-architecture model with the tokenizer of ``flavour``: ``"nllb"``
    (``NllbTokenizer``, FLORES-200 codes such as ``rus_Cyrl``) or ``"m2m100"`` (``M2M100Tokenizer``,
    ``__ru__`` tokens). For testing the language-code handling of both engines."""
    import torch
    from transformers import GenerationConfig, M2M100Config, M2M100ForConditionalGeneration

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    chars = sorted({ch for line in pseudo_sentences() for ch in line if not ch.isspace()})
    tokenizer: Any  # NllbTokenizer or M2M100Tokenizer
    if flavour == "nllb":
        from transformers import NllbTokenizer

        vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "▁": 4}
        for ch in chars:
            vocab.setdefault(ch, len(vocab))
        tokenizer = NllbTokenizer(vocab=vocab, merges=[])
    elif flavour == "m2m100":
        from transformers import M2M100Tokenizer

        marian_like = build_random_marian(folder / "_spm", **TINY_SIZE)  # borrow its SentencePiece model
        (folder / "sentencepiece.bpe.model").write_bytes((marian_like / "source.spm").read_bytes())
        pieces = json.loads((marian_like / "vocab.json").read_text(encoding="utf-8"))
        vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
        for piece in pieces:
            vocab.setdefault(piece, len(vocab))
        (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        tokenizer = M2M100Tokenizer(vocab_file=str(folder / "vocab.json"),
                                    spm_file=str(folder / "sentencepiece.bpe.model"))
        import shutil

        shutil.rmtree(marian_like)
    else:
        raise ValueError(f"unknown flavour {flavour!r}")
    tokenizer.save_pretrained(folder)
    settings = {**TINY_SIZE, **config}
    settings.pop("vocab_size", None)
    # M2M100's language tokens get ids after its vocab.json, outside len(tokenizer), followed by its 8
    # "madeup words" (facebook/m2m100_418M: 128,000 + 100 + 8 + 4 = 128,112).
    vocab_size = len(tokenizer)
    if flavour == "m2m100":
        vocab_size = max(tokenizer.lang_token_to_id.values()) + 1 + tokenizer.num_madeup_words
    m2m = M2M100Config(vocab_size=vocab_size, pad_token_id=1, bos_token_id=0, eos_token_id=2,
                       decoder_start_token_id=2, scale_embedding=True, activation_function="relu", **settings)
    torch.manual_seed(seed)
    model = M2M100ForConditionalGeneration(m2m).eval()
    with torch.no_grad():
        for p in model.parameters():
            if weight_std is not None and p.dim() > 1:
                p.normal_(0.0, weight_std)
        # Language tokens outnumber the characters of this tiny vocabulary; zero embeddings (tied to the output
        # layer) keep the random model from generating little else.
        emb = model.get_input_embeddings().weight
        lang_re = re.compile(r"^([a-z]{3}_[A-Z][a-z]{3}|__[a-z]{2,3}__)$")
        for token_id, token in enumerate(tokenizer.convert_ids_to_tokens(list(range(vocab_size)))):
            if token and (lang_re.match(token) or token == "<pad>"):
                emb[token_id].zero_()
    model.generation_config = GenerationConfig(decoder_start_token_id=2, eos_token_id=2, pad_token_id=1,
                                               bos_token_id=0, num_beams=4, max_length=200)
    model.save_pretrained(folder, safe_serialization=True)
    return folder
