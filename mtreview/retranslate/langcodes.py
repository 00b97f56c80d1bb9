"""Language codes of multilingual translation models.

Users give ISO 639-1 codes (``ru``, ``en``); NLLB-200 wants FLORES-200 codes (``rus_Cyrl``) and M2M100 wants
its own tokens (``__ru__``). Marian (opus-mt) models are one pair each and need no code. A code already in the
model's own form (``rus_Cyrl``) passes through unchanged. The engine checks the result against the tokenizer's
vocabulary at load time, so a gap in these tables gives a clear error, not a silent wrong language.
"""

from __future__ import annotations

from ..errors import UsageError

# ISO 639-1 (and a few regional tags) -> FLORES-200 code used by facebook/nllb-200-*.
NLLB_CODES: dict[str, str] = {
    "af": "afr_Latn", "am": "amh_Ethi", "ar": "arb_Arab", "as": "asm_Beng", "az": "azj_Latn",
    "ba": "bak_Cyrl", "be": "bel_Cyrl", "bg": "bul_Cyrl", "bn": "ben_Beng", "bo": "bod_Tibt",
    "bs": "bos_Latn", "ca": "cat_Latn", "cs": "ces_Latn", "cy": "cym_Latn", "da": "dan_Latn",
    "de": "deu_Latn", "el": "ell_Grek", "en": "eng_Latn", "eo": "epo_Latn", "es": "spa_Latn",
    "et": "est_Latn", "eu": "eus_Latn", "fa": "pes_Arab", "fi": "fin_Latn", "fo": "fao_Latn",
    "fr": "fra_Latn", "ga": "gle_Latn", "gd": "gla_Latn", "gl": "glg_Latn", "gu": "guj_Gujr",
    "ha": "hau_Latn", "he": "heb_Hebr", "hi": "hin_Deva", "hr": "hrv_Latn", "ht": "hat_Latn",
    "hu": "hun_Latn", "hy": "hye_Armn", "id": "ind_Latn", "ig": "ibo_Latn", "is": "isl_Latn",
    "it": "ita_Latn", "ja": "jpn_Jpan", "jv": "jav_Latn", "ka": "kat_Geor", "kk": "kaz_Cyrl",
    "km": "khm_Khmr", "kn": "kan_Knda", "ko": "kor_Hang", "ky": "kir_Cyrl", "lb": "ltz_Latn",
    "lo": "lao_Laoo", "lt": "lit_Latn", "lv": "lvs_Latn", "mg": "plt_Latn", "mk": "mkd_Cyrl",
    "ml": "mal_Mlym", "mn": "khk_Cyrl", "mr": "mar_Deva", "ms": "zsm_Latn", "mt": "mlt_Latn",
    "my": "mya_Mymr", "nb": "nob_Latn", "ne": "npi_Deva", "nl": "nld_Latn", "nn": "nno_Latn",
    "no": "nob_Latn", "oc": "oci_Latn", "pa": "pan_Guru", "pl": "pol_Latn", "ps": "pbt_Arab",
    "pt": "por_Latn", "ro": "ron_Latn", "ru": "rus_Cyrl", "si": "sin_Sinh", "sk": "slk_Latn",
    "sl": "slv_Latn", "so": "som_Latn", "sq": "als_Latn", "sr": "srp_Cyrl", "sv": "swe_Latn",
    "sw": "swh_Latn", "ta": "tam_Taml", "te": "tel_Telu", "tg": "tgk_Cyrl", "th": "tha_Thai",
    "tk": "tuk_Latn", "tl": "tgl_Latn", "tr": "tur_Latn", "tt": "tat_Cyrl", "ug": "uig_Arab",
    "uk": "ukr_Cyrl", "ur": "urd_Arab", "uz": "uzn_Latn", "vi": "vie_Latn", "yi": "ydd_Hebr",
    "yo": "yor_Latn", "zh": "zho_Hans", "zu": "zul_Latn",
    "zh-hans": "zho_Hans", "zh-cn": "zho_Hans", "zh-hant": "zho_Hant", "zh-tw": "zho_Hant",
    "pt-br": "por_Latn", "pt-pt": "por_Latn", "en-us": "eng_Latn", "en-gb": "eng_Latn",
}

# M2M100 (facebook/m2m100_418M, _1.2B) language tokens are ``__xx__`` with ISO 639-1 codes, plus a few
# three-letter ones; regional tags fold to the language.
M2M100_LANGS = frozenset(
    "af am ar ast az ba be bg bn br bs ca ceb cs cy da de el en es et fa ff fi fr fy ga gd gl gu ha he hi hr "
    "ht hu hy id ig ilo is it ja jv ka kk km kn ko lb lg ln lo lt lv mg mk ml mn mr ms my ne nl no ns oc or "
    "pa pl ps pt ro ru sd si sk sl so sq sr ss su sv sw ta th tl tn tr uk ur uz vi wo xh yi yo zh zu".split()
)
_M2M100_ALIASES = {"nb": "no", "nn": "no", "iw": "he", "in": "id", "fil": "tl"}


def _norm(code: str) -> str:
    return code.strip().replace("_", "-").lower()


def nllb_code(lang: str) -> str:
    """FLORES-200 code for an ISO 639-1 code (``ru`` -> ``rus_Cyrl``); NLLB codes pass through."""
    if "_" in lang and len(lang.split("_")[0]) == 3:
        return lang  # already e.g. rus_Cyrl
    norm = _norm(lang)
    code = NLLB_CODES.get(norm) or NLLB_CODES.get(norm.split("-")[0])
    if code is None:
        raise UsageError(f"no NLLB-200 language code known for {lang!r}; pass the FLORES-200 code itself "
                         "(e.g. --source-lang rus_Cyrl)")
    return code


def m2m100_code(lang: str) -> str:
    """M2M100 language code for an ISO 639-1 code or tag (``ru-RU`` -> ``ru``; its token is ``__ru__``)."""
    norm = _norm(lang.strip("_"))
    base = _M2M100_ALIASES.get(norm.split("-")[0], norm.split("-")[0])
    if base not in M2M100_LANGS:
        raise UsageError(f"M2M100 has no language code for {lang!r} (it knows: {', '.join(sorted(M2M100_LANGS))})")
    return base


def model_lang_codes(family: str, source_lang: str, target_lang: str) -> tuple[str | None, str | None]:
    """The (source, target) codes as the model's tokenizer takes them in ``src_lang`` (``rus_Cyrl`` for
    NLLB, ``ru`` for M2M100), or (None, None) for Marian and other single-pair models."""
    if family == "nllb":
        return nllb_code(source_lang), nllb_code(target_lang)
    if family == "m2m100":
        return m2m100_code(source_lang), m2m100_code(target_lang)
    return None, None


def lang_token(family: str, code: str) -> str:
    """The vocabulary token that selects a language: ``rus_Cyrl`` for NLLB, ``__ru__`` for M2M100."""
    return f"__{code}__" if family == "m2m100" else code
