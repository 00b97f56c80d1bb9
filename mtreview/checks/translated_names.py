"""Capitalised words that have an established translation, so that the names check does not flag a word the
MT rightly translated: countries and regions (Китай -> China, Allemagne -> Germany), languages, which several
languages also use for nationalities (German -> немецкий, les Allemands -> the Germans), weekdays and months
(Monday -> понедельник), all of which English capitalises; the compass points as parts of the world
(Запад -> the West), written with a capital and translated; the main feasts (Christmas -> Рождество);
cities (Пекин -> Beijing: ``place_names``); and, as renderings only, nouns for a people (Poles -> поляки),
God, Christ and the celestial bodies (Бога -> God, Земля -> the Earth) and the nouns of English place names
(Red Square -> Красная площадь).

The words come from the Unicode CLDR (``babel`` ships it) in both languages: ~300 territory and region
names, ~600 language names, 7 weekdays and 12 months (their forms in a date and standing alone, which differ
in Russian: января, январь), ~450 time zone cities; and from the bundled tables of city exonyms, nouns for a
people and place nouns (``mtreview/data/``), which count only where babel knows both languages. Nothing is downloaded. Languages babel does not know give no pairs, and the
check then works as it did without them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .name_keys import WORD_RE, same_stem, stem
from .place_names import city_names, name_table

# Nouns for a people that no rule derives from CLDR's language or country (поляки beside польский, Schweizer
# beside Schweiz), and the common nouns of English place names (Red Square, Lake Baikal: площадь, озеро; looked
# for in an English source only): renderings only, never words that make a source word a name (see
# source_language_names).
PEOPLE_FILE = "data/nationality_nouns.tsv"
PLACE_NOUNS_FILE = "data/place_nouns.tsv"

# Everyday names of the countries news mentions most, besides CLDR's (which has "United States",
# "Vereinigte Staaten", "Соединенные Штаты"), and English names that CLDR has replaced but MT systems and
# people still write (Turkey, Czech Republic). Each counts as the source's name and as a rendering.
_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {"TR": ("Turkey",), "CZ": ("Czech Republic",), "SZ": ("Swaziland",), "MK": ("Macedonia",),
           "CI": ("Ivory Coast",), "MM": ("Burma",), "CV": ("Cape Verde",), "TL": ("East Timor",),
           "US": ("America", "USA"), "GB": ("Britain", "Great Britain", "England", "UK"), "NL": ("Holland",),
           "EU": ("EU",)},
    "de": {"US": ("USA", "Amerika"), "GB": ("Großbritannien", "England"), "EU": ("EU",)},
    "fr": {"US": ("USA", "Amérique"), "GB": ("Grande-Bretagne", "Angleterre"), "EU": ("UE",)},
    "es": {"US": ("EEUU", "EE. UU.", "América"), "GB": ("Gran Bretaña", "Inglaterra")},
    "it": {"US": ("USA", "America"), "GB": ("Gran Bretagna", "Inghilterra")},
    "pt": {"US": ("EUA", "América"), "GB": ("Grã-Bretanha", "Inglaterra")},
    # Russian names CLDR does not use but news does (Южная Корея beside Республика Корея, Белоруссия, Голландия).
    "ru": {"US": ("США", "Америка"), "GB": ("Великобритания", "Англия"), "KR": ("Южная Корея",),
           "KP": ("Северная Корея",), "NL": ("Голландия",), "BY": ("Белоруссия",), "MD": ("Молдавия",),
           "KG": ("Кыргызстан",), "TM": ("Туркмения",), "MK": ("Македония",), "CZ": ("Чешская Республика",),
           "AE": ("Объединенные Арабские Эмираты",), "143": ("Средняя Азия",),
           "EU": ("Евросоюз",)},
    "uk": {"US": ("США", "Америка"), "GB": ("Британія", "Англія"), "KR": ("Південна Корея",),
           "KP": ("Північна Корея",)},
}

# The compass points as names of parts of the world (Запад -> the West, le Proche-Orient -> the Middle East),
# which CLDR does not list: news writes them with a capital and translates them.
_DIRECTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {"W": ("West",), "E": ("East",), "N": ("North",), "S": ("South",), "ME": ("Middle East",),
           "FE": ("Far East",)},
    "ru": {"W": ("Запад",), "E": ("Восток",), "N": ("Север",), "S": ("Юг",), "ME": ("Ближний Восток",),
           "FE": ("Дальний Восток",)},
    "uk": {"W": ("Захід",), "E": ("Схід",), "N": ("Північ",), "S": ("Південь",), "ME": ("Близький Схід",),
           "FE": ("Далекий Схід",)},
    "de": {"W": ("Westen",), "E": ("Osten",), "N": ("Norden",), "S": ("Süden",), "ME": ("Naher Osten", "Nahost"),
           "FE": ("Ferner Osten",)},
    "fr": {"W": ("Occident", "Ouest"), "E": ("Orient", "Est"), "N": ("Nord",), "S": ("Sud",),
           "ME": ("Proche-Orient", "Moyen-Orient"), "FE": ("Extrême-Orient",)},
    "es": {"W": ("Occidente", "Oeste"), "E": ("Oriente", "Este"), "N": ("Norte",), "S": ("Sur",),
           "ME": ("Oriente Medio", "Oriente Próximo"), "FE": ("Extremo Oriente",)},
    "it": {"W": ("Occidente", "Ovest"), "E": ("Oriente", "Est"), "N": ("Nord",), "S": ("Sud",),
           "ME": ("Medio Oriente",), "FE": ("Estremo Oriente",)},
    "pt": {"W": ("Ocidente", "Oeste"), "E": ("Oriente", "Leste"), "N": ("Norte",), "S": ("Sul",),
           "ME": ("Oriente Médio",), "FE": ("Extremo Oriente",)},
}

# The main Christian feasts and the New Year, which every one of these languages names with a capital (German
# as every noun) and translates (Christmas -> Рождество, Weihnachten, Noël): the check flagged "Christmas" in
# "Christmas holidays" -> "рождественские каникулы". Standard dictionary forms, not drawn from any benchmark
# (none of their texts has these feasts). A name of several words needs its capitalised ones (Новый год).
_HOLIDAYS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {"XMAS": ("Christmas", "Xmas"), "EASTER": ("Easter",), "NY": ("New Year",), "PENT": ("Pentecost",
           "Whitsun"), "LENT": ("Lent",)},
    "ru": {"XMAS": ("Рождество",), "EASTER": ("Пасха",), "NY": ("Новый год",), "PENT": ("Троица",),
           "LENT": ("Великий пост",)},
    "uk": {"XMAS": ("Різдво",), "EASTER": ("Великдень", "Пасха"), "NY": ("Новий рік",), "PENT": ("Трійця",),
           "LENT": ("Великий піст",)},
    "de": {"XMAS": ("Weihnachten",), "EASTER": ("Ostern",), "NY": ("Neujahr",), "PENT": ("Pfingsten",),
           "LENT": ("Fastenzeit",)},
    "fr": {"XMAS": ("Noël",), "EASTER": ("Pâques",), "NY": ("Nouvel An",), "PENT": ("Pentecôte",),
           "LENT": ("Carême",)},
    "es": {"XMAS": ("Navidad",), "EASTER": ("Pascua",), "NY": ("Año Nuevo",), "PENT": ("Pentecostés",),
           "LENT": ("Cuaresma",)},
    "it": {"XMAS": ("Natale",), "EASTER": ("Pasqua",), "NY": ("Capodanno",), "PENT": ("Pentecoste",),
           "LENT": ("Quaresima",)},
    "pt": {"XMAS": ("Natal",), "EASTER": ("Páscoa",), "NY": ("Ano Novo",), "PENT": ("Pentecostes",),
           "LENT": ("Quaresma",)},
}

# Names that each language writes with its own word, renderings only (see source_language_names): God, which
# Russian, English, French... capitalise as a name (Бога -> God, Dieu, Gott), and the Lord, Господь (the vocatives
# Боже, Господи too: "oh my God" -> "боже мой"); Christ (Христос, whose х the letters of Christ miss; Christians,
# Christianity share its stem); the Earth, the Sun and the Moon, which Russian, French... capitalise as the
# celestial bodies (Земля -> the Earth); the World. "The God of War" stays a phrase translations translate.
_OWN_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "GOD": {"en": ("God", "Lord"), "ru": ("Бог", "Боже", "Господь", "Господи"),
            "uk": ("Бог", "Боже", "Господь", "Господи"), "de": ("Gott",), "fr": ("Dieu", "Seigneur"),
            "es": ("Dios", "Señor"), "it": ("Dio", "Signore"), "pt": ("Deus", "Senhor")},
    "CHRIST": {"en": ("Christ",), "ru": ("Христос",), "uk": ("Христос",), "de": ("Christus",), "fr": ("Christ",),
               "es": ("Cristo",), "it": ("Cristo",), "pt": ("Cristo",)},
    "EARTH": {"en": ("Earth",), "ru": ("Земля",), "uk": ("Земля",), "de": ("Erde",), "fr": ("Terre",),
              "es": ("Tierra",), "it": ("Terra",), "pt": ("Terra",)},
    "SUN": {"en": ("Sun",), "ru": ("Солнце",), "uk": ("Сонце",), "de": ("Sonne",), "fr": ("Soleil",),
            "es": ("Sol",), "it": ("Sole",), "pt": ("Sol",)},
    "MOON": {"en": ("Moon",), "ru": ("Луна",), "uk": ("Місяць",), "de": ("Mond",), "fr": ("Lune",),
             "es": ("Luna",), "it": ("Luna",), "pt": ("Lua",)},
    # The World of names (World War, the World Bank, the World Cup), which other languages make an adjective
    # or a compound (мировая война, Всемирный банк, чемпионат мира, Weltbank).
    "WORLD": {"en": ("World",), "ru": ("мир", "мировой", "всемирный"), "uk": ("світ", "світовий", "всесвітній"),
              "de": ("Welt",), "fr": ("monde", "mondial"), "es": ("mundo", "mundial"), "it": ("mondo", "mondiale"),
              "pt": ("mundo", "mundial")},
}
# The kinds of names that only ever count as a rendering the MT may have, never make a word of the source a name
# (for the determiner rule): the time zones' cities (Male, Resolute), the bundled nouns for a people (Pole,
# Roman) and ``_OWN_WORDS``.
_RENDERINGS_ONLY = frozenset({"zone", "people", "own", "place noun"})

# Russian names of institutions and treaties whose words translations spell out or translate, so that no
# rendering shares their letters: compounds (Минобороны = Министерство обороны, the Ministry of Defence),
# matched as the start of a word so that their cases count too (Минфина, Госдумы, Генштабе); and the common
# nouns that open such names, which Russian capitalises as the name's first word (Договор о коллективной
# безопасности, the Collective Security Treaty), matched whole with a case ending. (Совбез, Совфед, Генассамблея:
# the Security Council, the Federation Council, the General Assembly.)
_INSTITUTION_WORDS: dict[str, re.Pattern[str]] = {
    "ru": re.compile(
        r"(?:Минобороны|Минфин|Минздрав|Минюст|Минэнерго|Минтранс|Минкульт|Минприроды|Минэконом|Минпромторг"
        r"|Минсельхоз|Минобрнауки|Минпросвещ|Минцифры|Минтруд|Минстро|Минспорт|Минвостокразвит|Госдум|Госдеп"
        r"|Госсовет|Генштаб|Генпрокур|Генсек|Генконсульств|Совбез|Совфед|Генассамбле)\w*"
        r"|(?:Договор|Совет|Соглашени|Служб|Управлени|Правительств|Собрани|Палат|Закон)"
        r"(?:|а|у|ом|е|о|ы|ов|ам|ами|ах|ой|ою|я|ю|ем|и|й|ия|ию|ием|ии)"),
    # French capitalises the common noun of an institution's name too (le Gouvernement népalais, la Société
    # autrichienne de l'Himalaya, la Fondation suisse), which translations translate (die Regierung): on
    # Text+Berg fr -> de, "Gouvernement" alone made 14 of the 31 names flags the German original does not
    # confirm.
    "fr": re.compile(
        r"(?:Gouvernement|Soci[ée]t[ée]|Fondation|Conf[ée]rence|Conseil|Minist[èe]re|Assembl[ée]e|Parlement"
        r"|Acad[ée]mie|Universit[ée]|Comit[ée]|Commission|F[ée]d[ée]ration|Association|Institut|Mus[ée]e"
        r"|Tribunal|Tribunaux|Cour|Banque|[ÉE]glise|[ÉE]tat|R[ée]publique|Royaume|Chambre|S[ée]nat"
        r"|D[ée]partement|Office|Bureau|Agence|Compagnie|Organisation|Affaire)[sx]?"),
    # English capitalises the Earth, the Sun and the Moon as names, the Big Bang, degrees Centigrade and the
    # Government, which other languages translate (Erde, Urknall, Celsius, Regierung): on WMT21 TED en -> de,
    # "Earth" and "Bang" made 78 of the 117 names flags on the outputs and 5 of the 9 on the references.
    # "Mount", which Russian mostly leaves out (Mount Everest: Эверест), is no name of its own either.
    "en": re.compile(r"Earth|Sun|Moon|Bang|Centigrade|Government|Mount"),
}


def translated_institution(word: str, lang: str) -> bool:
    """Is ``word`` a word of an institution's or a treaty's name that translations spell out or translate
    (Минобороны, Госдумы, Договору, Gouvernement)?"""
    pattern = _INSTITUTION_WORDS.get(lang)
    return bool(pattern and pattern.fullmatch(word))


def _locale(lang: str) -> Any:
    """babel's Locale for ``lang``, or None when babel or the language is missing."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:
        return None
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def _named(locale: Any) -> dict[tuple[str, object], list[str]]:
    """(kind, key) -> this locale's words for it: every territory, language, weekday and month."""
    out: dict[tuple[str, object], list[str]] = {}

    def add(kind: str, names: Mapping[Any, str]) -> None:
        for key, name in names.items():
            if isinstance(name, str) and name:
                out.setdefault((kind, key), []).append(name)

    add("territory", locale.territories)
    for code, names in _ALIASES.get(str(locale.language), {}).items():
        out.setdefault(("territory", code), []).extend(names)
    for code, names in _DIRECTIONS.get(str(locale.language), {}).items():
        out.setdefault(("direction", code), []).extend(names)
    for code, names in _HOLIDAYS.get(str(locale.language), {}).items():
        out.setdefault(("holiday", code), []).extend(names)
    add("language", locale.languages)
    for code, words in _OWN_WORDS.items():
        if str(locale.language) in words:
            out[("own", code)] = list(words[str(locale.language)])
    for kind, path in (("people", PEOPLE_FILE), ("place noun", PLACE_NOUNS_FILE)):
        for row in name_table(path):
            if str(locale.language) in row and "en" in row:
                out.setdefault((kind, row["en"][0]), []).extend(row[str(locale.language)])
    for context in ("format", "stand-alone"):
        add("day", locale.days.get(context, {}).get("wide", {}))
        add("month", locale.months.get(context, {}).get("wide", {}))
    out.update(city_names(locale))  # ("city", ...) from the bundled table, ("zone", ...) from CLDR
    return out


@lru_cache(maxsize=32)
def name_pairs(source_lang: str, target_lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(a name in the source language, its renderings in the target language) for every territory, region,
    language, weekday and month both languages name. Base codes ('ru', 'en')."""
    if not source_lang or not target_lang or source_lang == target_lang:
        return ()
    src, tgt = _locale(source_lang), _locale(target_lang)
    if src is None or tgt is None:
        return ()
    theirs = _named(tgt)
    pairs = []
    for key, names in _named(src).items():
        # A place noun is a word of a name in English only: French, Spanish... write it in lower case (la place
        # Rouge), and a capitalised one is part of a name kept as it is (le Mont Blanc, which German writes so).
        if key in theirs and (key[0] != "place noun" or source_lang == "en"):
            renderings = tuple(dict.fromkeys(theirs[key]))  # in order, once (a month's two forms often agree)
            pairs += [(name, renderings) for name in dict.fromkeys(names)]
    return tuple(pairs)


@lru_cache(maxsize=32)
def source_language_names(lang: str) -> tuple[str, ...]:
    """Every CLDR name in ``lang`` (territories, languages, weekdays, months) and the bundled table's
    cities; () without babel. Not the kinds that are renderings only (``_RENDERINGS_ONLY``): the time zones'
    cities, which include ordinary words (Male, Resolute), the bundled nouns for a people (Pole, Roman), which are
    ordinary words or first names too, God, Christ and the celestial bodies: "the Poles", "the God of War" stay
    phrases that translations translate, as before these were added."""
    locale = _locale(lang) if lang else None
    if locale is None:
        return ()
    return tuple(dict.fromkeys(n for (kind, _), names in _named(locale).items() if kind not in _RENDERINGS_ONLY
                               for n in names))


@lru_cache(maxsize=32)
def month_names(lang: str) -> dict[str, int]:
    """CLDR's month names in ``lang``, case-folded, in a date and standing alone, wide and abbreviated
    (march, mar, марта, март) -> 1..12; {} when babel or the language is missing."""
    locale = _locale(lang) if lang else None
    if locale is None:
        return {}
    out: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months.get(context, {}).get(width, {}).items():
                word = str(name).strip(".").casefold()
                if word.isalpha() and len(word) >= 3:
                    out.setdefault(word, int(number))
    return out


# -- lookups: which CLDR names a word of the source belongs to ---------------------------------------------

_IndexEntry = tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]


@lru_cache(maxsize=32)
def translation_index(src_lang: str, tgt_lang: str) -> dict[str, list[_IndexEntry]]:
    """First 3 letters of a stem -> (stem of a word of a name in the source language, the stems of the
    name's other capitalised words, the name's renderings in the target language, each as the words the MT
    must have: its capitalised ones, "United States" -> (United, States), or all of 3+ letters where none
    is, понедельник; "Myanmar (Burma)" is two)."""
    index: dict[str, list[_IndexEntry]] = {}
    for name, renderings in name_pairs(src_lang, tgt_lang):
        targets = []
        for part in (p for r in renderings for p in re.split(r"[()]", r)):
            words = WORD_RE.findall(part)
            caps = tuple(w for w in words if w[0].isupper())
            if caps or (words := [w for w in words if len(w) >= 3]):
                targets.append(caps or tuple(words))
        words = [w for w in WORD_RE.findall(name) if len(w) >= 3]
        stems = [stem(w, src_lang) for w in words]
        for k, own in enumerate(stems):
            others = tuple(st for i, (w, st) in enumerate(zip(words, stems, strict=True)) if i != k and w[0].isupper())
            index.setdefault(own[:3], []).append((own, others, tuple(targets)))
    return index


def cldr_name(word: str, lang: str) -> bool:
    """Is ``word`` (give or take an ending) a word of one of CLDR's names in ``lang`` (a country, region,
    language, weekday or month)?"""
    own = stem(word, lang)
    return any(same_stem(own, other) for other in _source_stems(lang).get(own[:3], ()))


@lru_cache(maxsize=32)
def _source_stems(lang: str) -> dict[str, list[str]]:
    """First 3 letters -> stems of the words of CLDR's names in ``lang``."""
    return source_stems(" ".join(source_language_names(lang)), lang)


# Russian (and Ukrainian, Belarusian) does not decline a foreign name that ends in a vowel other than а, я
# (Дели, Бали, Сочи, Токио, Баку): a word is that place only as it is written. Stemmed, Дели was дел-, and a
# sentence opening with Дело or Дела ("Дело в том, что ...") was checked as Delhi.
_INDECLINABLE_LANGS = frozenset({"ru", "uk", "be"})
_INDECLINABLE_END = "иыуюоеэёі"
# Regions that are no place a translation must name: the world (CLDR's 001, Мир, which is also "peace").
_NOT_PLACES = frozenset({"001"})


@lru_cache(maxsize=32)
def _place_index(lang: str) -> dict[str, list[tuple[str, tuple[str, ...], str | None]]]:
    """First 3 letters -> (stem of a word of a country's, a region's or a city's name in ``lang``, the stems
    of the name's other capitalised words, the word itself where only that form is the place, an
    indeclinable name): CLDR's territories and the bundled cities, not the time zones' cities nor languages,
    weekdays and months, which are ordinary words too (May, Polish, Male)."""
    locale = _locale(lang) if lang else None
    index: dict[str, list[tuple[str, tuple[str, ...], str | None]]] = {}
    if locale is None:
        return index
    for (kind, code), names in _named(locale).items():
        if kind not in ("territory", "city") or code in _NOT_PLACES:
            continue
        for name in names:
            words = [w for w in WORD_RE.findall(name) if len(w) >= 3]
            stems = [stem(w, lang) for w in words]
            for k, own in enumerate(stems):
                others = tuple(st for i, (w, st) in enumerate(zip(words, stems, strict=True))
                               if i != k and w[0].isupper())
                word = words[k].lower().replace("ё", "е")
                exact = word if lang in _INDECLINABLE_LANGS and word[-1] in _INDECLINABLE_END else None
                index.setdefault(own[:3], []).append((own, others, exact))
    return index


def could_be_place(word: str, lang: str) -> bool:
    """Does any name of a country, region or city in ``lang`` have a word that starts like ``word``'s stem?
    (A cheap test before :func:`place_name`, which needs the source's stems.)"""
    return bool(_place_index(lang).get(stem(word, lang)[:3]))


def place_name(word: str, lang: str, near: dict[str, list[str]]) -> bool:
    """Is ``word`` (give or take an ending) a word of the name of a country, region or city in ``lang`` whose
    other capitalised words the source has too (``near``: its ``source_stems``)? A stem of 3 letters must be
    the name's whole (Рим), not one letter short of it (Самый, сам- is not Самоа); an indeclinable name
    (Дели) must be the word as it is."""
    own = stem(word, lang)
    written = word.lower().replace("ё", "е")
    return any((own == other or (len(own) >= 4 and same_stem(own, other))) and (exact is None or written == exact)
               and all(any(same_stem(r, n) for n in near.get(r[:3], ())) for r in rest)
               for other, rest, exact in _place_index(lang).get(own[:3], ()))


def source_stems(source: str, lang: str) -> dict[str, list[str]]:
    """The stems of a source's words of 3+ letters, by their first 3 letters (for ``translation_targets``)."""
    out: dict[str, list[str]] = {}
    for w in WORD_RE.findall(source):
        if len(w) >= 3:
            own = stem(w, lang)
            out.setdefault(own[:3], []).append(own)
    return out


def translation_targets(name: str, src_lang: str, tgt_lang: str, source: str | None = None,
                        near: dict[str, list[str]] | None = None) -> list[tuple[str, ...]]:
    """The established translations of ``name`` in ``tgt_lang``, each as the words the MT must have, for
    every CLDR name with a word of the same stem (``name_keys.same_stem``, loosely) whose other capitalised
    words ``source`` has too, when given (``near``: its ``source_stems``, computed once per segment): "United"
    in "the United States" is not the United Kingdom's."""
    own = stem(name, src_lang)
    if near is None and source is not None:
        near = source_stems(source, src_lang)
    out: list[tuple[str, ...]] = []
    if src_lang == "en":  # Swedes as Swedish (шведы ~ шведский, Schweden ~ Schwedisch)
        for adjective in english_nationality_adjectives(name):
            out += translation_targets(adjective, src_lang, tgt_lang, near=near)
    for other, rest, targets in translation_index(src_lang, tgt_lang).get(own[:3], ()):
        # Two stems that are the same give or take a letter share their first 3 letters: one bucket to look in.
        if same_stem(own, other, loose=True) and (
                near is None or all(any(same_stem(r, n) for n in near.get(r[:3], ())) for r in rest)):
            out += targets
    return out


_PERSON_ENDINGS = ("men", "man", "women", "woman")


def english_nationality_adjectives(word: str) -> list[str]:
    """The -ish adjectives (CLDR's English language names) that an English nationality noun is formed from,
    which CLDR lacks: Swede(s) and Swedish, Dane(s), Pole(s), Turk(s), Finn(s), Kurd(s), Scot(s) and Scottish;
    and the language name a -man or -woman noun is made of (Welshmen, Scotsmen: Welsh, Scots)."""
    forms = [word[:-len(end)] for end in _PERSON_ENDINGS if word.endswith(end) and len(word) > len(end) + 2]
    for base in {word, word[:-1]} if word.endswith("s") else {word}:
        if len(base) >= 3 and base[0].isupper() and not base.endswith("ish"):
            forms += [base + "ish", base[:-1] + "ish" if base.endswith("e") else base + base[-1] + "ish"]
    names = _english_language_names()
    return [f for f in dict.fromkeys(forms) if f in names]


@lru_cache(maxsize=1)
def _english_language_names() -> frozenset[str]:
    locale = _locale("en")
    return frozenset(str(n) for n in locale.languages.values()) if locale is not None else frozenset()


def clear_caches() -> None:
    """Forget the names loaded so far (for tests and benchmarks that change what babel provides)."""
    for cached in (name_pairs, source_language_names, month_names, translation_index, _source_stems,
                   _place_index, _english_language_names):
        cached.cache_clear()
