"""Reference-free checks: each finds what it is for, stays quiet on good translations, and survives
hostile input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtreview.checks import ALL_DESCRIPTIONS, run_checks
from mtreview.checks.name_keys import found, key_buckets, skeleton, transliterate
from mtreview.checks.names import MAX_NAMES, source_names
from mtreview.checks.number_words import spelled_numbers
from mtreview.checks.numbers import cjk_numeral, extract, match_numbers, readings


def names_of(flags) -> list[str]:  # noqa: ANN001
    return [f.name for f in flags]


# -- numbers ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("8 847,6", "8847.6"), ("8 847,6", "8,847.6"), ("8.847,6", "8847.6"), ("1\u00a0000", "1000"),
    ("1'000.5", "1000.5"), ("3,14", "3.14"), ("1.000.000", "1,000,000"), ("1,50", "1.5"),
])
def test_locale_forms_of_a_number_match(a: str, b: str) -> None:
    assert readings(a) & readings(b)


def test_ambiguous_thousands_keep_both_readings() -> None:
    assert readings("1,500") == {"1500", "1.5"}
    assert readings("0,500") == {"0.5"}  # a leading zero cannot group thousands


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("Das sind 10.000 Menschen.", "That is 10 people.", "de", "en"),
    ("That is 10,000 people.", "Das sind 10 Menschen.", "en", "de"),
])
def test_a_dropped_thousand_is_flagged(source: str, mt: str, sl: str, tl: str) -> None:
    # QA: "10.000" also read as the decimal 10, which the MT's "10" matched; the same number reformatted
    # still matches
    assert readings("10.000") == readings("10,000") == {"10000"}
    assert [f.name for f in run_checks(source, mt, sl, tl)] == ["numbers"]
    assert run_checks(source, mt.replace("10", "10 000" if tl == "de" else "10,000"), sl, tl) == []


def test_range_is_two_numbers() -> None:
    assert [t for t, _ in extract("2018-2022")] == ["2018", "2022"]
    missing, extra = match_numbers("в 2018-2022 годах", "in 2018-2021")
    assert missing == ["2022"] and extra == ["2021"]


def test_space_grouping_does_not_glue_separate_numbers() -> None:
    assert [t for t, _ in extract("в 2018 15 человек")] == ["2018", "15"]


def _naive_match(source: str, mt: str) -> tuple[list[str], list[str]]:
    """The matching of numbers as a plain scan: each source token, least ambiguous first, takes the first
    unused MT token that can mean the same."""
    src, tgt = extract(source), extract(mt)
    used = [False] * len(tgt)
    missing = []
    for token, vals in sorted(src, key=lambda tv: len(tv[1])):
        k = next((k for k, (_, tv) in enumerate(tgt) if not used[k] and vals & tv), None)
        if k is None:
            missing.append(token)
        else:
            used[k] = True
    return missing, [t for (t, _), u in zip(tgt, used, strict=True) if not u]


NUMBER_TOKENS = st.sampled_from(["1", "2", "12", "1,500", "1.500", "1 500", "1,5", "1.5", "8 847,6", "8,847.6",
                                 "2018", "2018-2022", "3 million", "3.000.000", "15", "0,8", "0.8"])


@settings(max_examples=300, deadline=None)
@given(st.lists(NUMBER_TOKENS, max_size=12), st.lists(NUMBER_TOKENS, max_size=12))
def test_numbers_are_matched_as_a_plain_scan_would(src: list[str], mt: list[str]) -> None:
    source, target = " and ".join(src), " and ".join(mt)
    assert match_numbers(source, target) == _naive_match(source, target)


def test_number_check_flags_a_changed_number() -> None:
    flags = run_checks("ВВП составил 8 847,6 млрд рублей.", "GDP was 8,847.9 billion roubles.", "ru", "en")
    numbers = [f for f in flags if f.name == "numbers"]
    assert any("8 847,6" in f.detail and f.severity == 1.0 for f in numbers)
    assert any("8,847.9" in f.detail for f in numbers)


def test_number_check_accepts_a_reformatted_number() -> None:
    flags = run_checks("ВВП составил 8 847,6 млрд рублей в 2018-2022 годах.",
                       "GDP was 8,847.6 billion roubles in 2018-2022.", "ru", "en")
    assert "numbers" not in names_of(flags)


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("人口为8.5万人。", "The population is 85,000.", "zh", "en"),
    ("GDP增长了3亿美元。", "GDP grew by 300 million dollars.", "zh", "en"),
    ("The population is 85,000.", "人口为8.5万人。", "en", "zh"),
    ("Население 2,5 млрд человек.", "The population is 2.5 billion.", "ru", "en"),
    ("Il a gagné 3 milliards d'euros.", "He earned 3,000,000,000 euros.", "fr", "en"),
    ("He paid 4.2 million.", "Er zahlte 4.200.000 Euro.", "en", "de"),
])
def test_a_number_with_a_scale_word_matches_its_value(source: str, mt: str, sl: str, tl: str) -> None:
    assert "numbers" not in names_of(run_checks(source, mt, sl, tl))


def test_a_scaled_number_that_differs_is_still_flagged() -> None:
    flags = run_checks("人口为8.5万人。", "The population is 58,000.", "zh", "en")
    assert any(f.name == "numbers" and "8.5" in f.detail for f in flags)


@pytest.mark.parametrize(("run", "value"), [
    ("十五", 15), ("二十", 20), ("两百", 200), ("三千五百", 3500), ("五万三千", 53000),
    ("一百二十万", 1_200_000), ("三亿", 300_000_000), ("一亿二千万", 120_000_000), ("一九四九", 1949),
])
def test_chinese_numerals(run: str, value: int) -> None:
    assert cjk_numeral(run) == value


def test_an_endless_run_of_chinese_numerals_is_no_number() -> None:
    # 5,000 digits would exceed int()'s 4,300-digit limit: a hostile file must not stop the scoring.
    assert cjk_numeral("一" * 5000) is None
    flags = run_checks("价格是" + "一" * 5000 + "元，共5件。", "The price is 5.", "zh", "en")
    assert all(f.name != "numbers" for f in flags)


def test_a_number_in_chinese_numerals_matches_the_mts_digits() -> None:
    source = "这家公司去年的收入增长了百分之十五。"
    assert "numbers" not in names_of(run_checks(source, "Revenue grew by 15 percent last year.", "zh", "en"))
    flags = run_checks(source, "Revenue grew by 25 percent last year.", "zh", "en")
    assert any(f.name == "numbers" and "'25'" in f.detail for f in flags)


def test_an_mt_into_chinese_may_write_the_sources_digits_as_numerals() -> None:
    # QA: "3%" against "百分之三" and "15" against "十五人" were flagged as missing
    assert "numbers" not in names_of(run_checks("Prices rose 3%.", "价格上涨了百分之三。", "en", "zh"))
    assert "numbers" not in names_of(run_checks("In 2020, 15 people came.", "2020年，十五人来了。", "en", "zh"))
    assert "numbers" in names_of(run_checks("Prices rose 3%.", "价格上涨了。", "en", "zh"))
    # the 百 of 百分之 is "per cent", no hundred
    assert "numbers" in names_of(run_checks("He has 100 books.", "他有百分之三本书。", "en", "zh"))


@pytest.mark.parametrize(("source", "mt", "sl"), [
    ("2019年3月5日，习近平在北京会见了普京。", "On March 5, 2019, Xi Jinping met Putin in Beijing.", "zh"),
    ("会议于5月12日至14日举行。", "The meeting was held from May 12 to 14.", "zh"),
    ("Встреча 05.03.2019 прошла в Москве.", "The meeting on 5 March 2019 took place in Moscow.", "ru"),
])
def test_a_month_number_of_a_date_matches_the_mts_month_name(source: str, mt: str, sl: str) -> None:
    assert "numbers" not in names_of(run_checks(source, mt, sl, "en"))


def test_a_wrong_month_name_or_a_month_without_a_date_is_still_flagged() -> None:
    flags = run_checks("会议于5月12日至14日举行。", "The meeting was held from June 12 to 14.", "zh", "en")
    assert any(f.name == "numbers" and "'5'" in f.detail for f in flags)
    # No date in the source: "March" does not stand for its 3.
    flags = run_checks("У него 3 ребёнка.", "He has children since March.", "ru", "en")
    assert any(f.name == "numbers" and "'3'" in f.detail for f in flags)


def test_a_small_number_spelled_out_is_found_and_another_gets_a_mild_flag() -> None:
    source = "Er hat 3 Kinder und wohnt hier seit langer Zeit."
    assert "numbers" not in names_of(run_checks(source, "He has three children and has lived here a long time.",
                                                "de", "en"))
    flags = run_checks(source, "He has four children and has lived here for a long time.", "de", "en")
    numbers = [f for f in flags if f.name == "numbers"]
    assert len(numbers) == 1 and numbers[0].severity < 0.5 and "'3'" in numbers[0].detail


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("Each one 10 times the mass of the Sun.", "Jedes mit der zehnfachen Masse der Sonne.", "en", "de"),
    ("It gives you an output in 3D space.", "Es liefert einen Output im dreidimensionalen Raum.", "en", "de"),
    ("У него 3 ребёнка.", "He has three children.", "ru", "en"),
    ("He has 3 children.", "У него трое детей.", "en", "ru"),
    ("Il a 2 enfants.", "Er hat zwei Kinder.", "fr", "de"),
])
def test_small_numbers_written_as_words_in_the_mt(source: str, mt: str, sl: str, tl: str) -> None:
    assert "numbers" not in names_of(run_checks(source, mt, sl, tl))


def test_spelled_numbers_reads_words_and_german_compounds_only() -> None:
    assert spelled_numbers("Zehnmal drei, dann eins.", "de") == {10, 3, 1}
    assert spelled_numbers("ein Einkauf", "de") == {1}  # the article counts; Einkauf does not start a number
    assert spelled_numbers("three", "xx") == set()


def test_digits_inside_links_are_not_numbers() -> None:
    flags = run_checks("Siehe https://example.com/page2 bitte.", "See https://example.com/page2 please.", "de", "en")
    assert flags == []


# -- links -------------------------------------------------------------------------------------------------

def test_altered_url_and_missing_email_are_flagged() -> None:
    flags = run_checks("Write to press@nato.int or see https://nato.int/news?id=5 today.",
                       "Schreiben Sie an uns oder sehen Sie https://nato.int/news heute.", "en", "de")
    urls = [f for f in flags if f.name == "urls"]
    assert any("press@nato.int" in f.detail and "https://nato.int/news?id=5" in f.detail for f in urls)
    assert any("that the source does not" in f.detail for f in urls)


def test_bare_domain_kept_is_fine() -> None:
    flags = run_checks("Об этом сообщает pravda.ru со ссылкой на источники.",
                       "This is reported by pravda.ru citing sources.", "ru", "en")
    assert "urls" not in names_of(flags)


# -- length, empty, truncated ------------------------------------------------------------------------------

def test_empty_mt_is_flagged_alone() -> None:
    assert names_of(run_checks("Ein ganzer Satz mit Inhalt.", "  ", "de", "en")) == ["empty"]


def test_mt_without_source_is_flagged() -> None:
    assert names_of(run_checks("", "Subscribe to our newsletter!", "ru", "en")) == ["no_source"]
    # an unaligned line in the source's script (a title left untranslated) says so too
    assert names_of(run_checks("", "Зачем Казахстан зовет НАТО на Каспий", "ru", "en")) == [
        "no_source", "untranslated"]


def test_truncated_mt_is_flagged() -> None:
    flags = run_checks("The committee approved the budget for the next three years after a long debate.",
                       "Der Ausschuss billigte den", "en", "de")
    assert "truncated" in names_of(flags)
    assert "length_ratio" in names_of(flags)


def test_length_uses_pseudo_references_when_given() -> None:
    source = "Это предложение довольно длинное и содержит много слов для перевода."
    long_mt = "This sentence is rather long and contains many words to translate, " * 3
    refs = ["This sentence is rather long and contains many words for translation."]
    flags = run_checks(source, long_mt, "ru", "en", refs)
    detail = next(f.detail for f in flags if f.name == "length_ratio")
    assert "longer" in detail and "pseudo-references" in detail


def test_good_translation_raises_no_flags() -> None:
    assert run_checks("Der Vertrag wurde am Montag in Washington unterzeichnet.",
                      "The treaty was signed in Washington on Monday.", "de", "en") == []


# -- untranslated -------------------------------------------------------------------------------------------

def test_cyrillic_left_in_english_mt_is_flagged() -> None:
    flags = run_checks("Зачем Казахстан зовет НАТО на Каспий", "Зачем Казахстан зовет НАТО на Каспий", "ru", "en")
    untranslated = next(f for f in flags if f.name == "untranslated")
    assert untranslated.severity == 1.0 and "Cyrillic" in untranslated.detail


def test_partial_cyrillic_is_flagged_with_the_span() -> None:
    flags = run_checks("Он сказал, что флот готов.", "He said that the флот is ready.", "ru", "en")
    assert any(f.name == "untranslated" and "'флот'" in f.detail for f in flags)


@pytest.mark.parametrize(("source", "mt", "tl"), [
    ("Apple released the new iPhone 15 in September.", "苹果公司在9月发布了新款iPhone 15。", "zh"),
    ("NATO and the EU met in Brussels.", "NATO和EU在布鲁塞尔举行了会议。", "zh"),
    ("He works for Google as a software engineer.", "Он работает в Google инженером-программистом.", "ru"),
])
def test_latin_names_kept_in_another_script_are_not_untranslated(source: str, mt: str, tl: str) -> None:
    assert "untranslated" not in names_of(run_checks(source, mt, "en", tl))


def test_latin_prose_left_in_another_script_and_cyrillic_names_left_in_english_are_untranslated() -> None:
    flags = run_checks("He said the meeting was productive.", "他说the meeting was productive。", "en", "zh")
    assert any(f.name == "untranslated" and "the meeting was productive" in f.detail for f in flags)
    flags = run_checks("Он работает в Газпроме.", "He works at Газпроме.", "ru", "en")
    assert any(f.name == "untranslated" and "Газпроме" in f.detail for f in flags)


def test_copy_of_the_source_in_the_same_script_is_flagged() -> None:
    flags = run_checks("The quick brown fox jumps.", "The quick brown fox jumps.", "en", "de")
    assert any(f.name == "untranslated" and "copy" in f.detail for f in flags)


@pytest.mark.parametrize(("source", "mt"), [
    ("Nanga Parbat , Cho Oyu , Gasherbrum .", "Nanga Parbat, Cho Oyu, Gasherbrum."),  # a list of names
    ("voir p. 91/92 , 132/133 , 147-151 , 175-177 et 1957 .", "siehe S. 91/92, 132/133, 147-151, 175-177 und 1957."),
    ("Ralph Izzard , The Snowman Adventure , London , Hodder and Stoughton 1955 .",
     "Ralph Izzard, The Snowman Adventure, London, Hodder and Stoughton 1955."),  # a bibliographic reference
])
def test_names_numbers_and_references_copied_as_they_are_are_not_untranslated(source: str, mt: str) -> None:
    assert "untranslated" not in names_of(run_checks(source, mt, "fr", "de"))


def test_copied_prose_is_still_untranslated() -> None:
    source = "Le gouvernement a décidé hier de fermer toutes les écoles du pays."
    mt = "Die Regierung le gouvernement a décidé hier de fermer toutes les écoles."
    assert any(f.name == "untranslated" and "copied" in f.detail for f in run_checks(source, mt, "fr", "de"))


def test_copied_nouns_that_a_german_mt_capitalises_are_still_untranslated() -> None:
    # The source's case decides what is prose: German capitalises the English nouns it copies.
    source = "Last week I took these pictures of rock rose, helianthemum, in Dorset."
    mt = "Letzte Woche habe ich diese Bilder von Rock Rose, Helianthemum, in Dorset gemacht."
    refs = ["Letzte Woche fotografierte ich Sonnenröschen in Dorset."]
    assert "untranslated" in names_of(run_checks(source, mt, "en", "de", refs))


def test_copied_run_that_references_keep_is_not_flagged() -> None:
    source = "He quoted the film Gone with the Wind in his speech."
    mt = "Er zitierte den Film Gone with the Wind in seiner Rede."
    assert "untranslated" not in names_of(run_checks(source, mt, "en", "de", [mt]))


# -- repetition ---------------------------------------------------------------------------------------------

def test_repetition_loop_is_flagged() -> None:
    flags = run_checks("The army said that the situation was calm.",
                       "Die Armee sagte, dass die Lage die Lage die Lage die Lage ruhig war.", "en", "de")
    rep = next(f for f in flags if f.name == "repetition")
    assert "'die lage' 4 times" in rep.detail and rep.severity == 1.0


def test_repetition_the_source_has_is_tolerated() -> None:
    flags = run_checks("Very, very good, she said.", "Sehr, sehr gut, sagte sie.", "en", "de")
    assert "repetition" not in names_of(flags)


def test_cjk_character_loop_is_flagged() -> None:
    flags = run_checks("He laughed.", "他笑了哈哈哈哈哈哈哈哈", "en", "zh")
    assert "repetition" in names_of(flags)


# -- brackets ------------------------------------------------------------------------------------------------

def test_unbalanced_bracket_in_mt_is_flagged() -> None:
    flags = run_checks("He said (quietly) that it was fine.", "Er sagte (leise, dass es gut sei.", "en", "de")
    assert any(f.name == "brackets" and "unclosed '('" in f.detail for f in flags)


def test_brackets_unbalanced_in_the_source_too_are_not_flagged() -> None:
    flags = run_checks("He said (quietly that it was fine.", "Er sagte (leise, dass es gut sei.", "en", "de")
    assert "brackets" not in names_of(flags)


@pytest.mark.parametrize("mt", ["Der Begriff »Schwarzes Loch« wurde geprägt.",   # German guillemets
                                "Termen »svart hål» myntades.",                  # Swedish
                                "Le terme « trou noir » fut inventé."])
def test_guillemets_pointing_either_way_are_balanced(mt: str) -> None:
    assert "brackets" not in names_of(run_checks('The term "black hole" was coined.', mt, "en", "de"))


def test_an_odd_guillemet_is_flagged() -> None:
    flags = run_checks('The term "black hole" was coined.', "Der Begriff »Schwarzes Loch wurde geprägt.", "en", "de")
    assert any(f.name == "brackets" and "odd number of guillemets" in f.detail for f in flags)


def test_quotes_of_other_styles_count_as_balanced() -> None:
    flags = run_checks("Он назвал это «ошибкой» вчера.", "He called it a “mistake” yesterday.", "ru", "en")
    assert "brackets" not in names_of(flags)


# -- names ---------------------------------------------------------------------------------------------------

def test_transliterated_name_matches() -> None:
    assert transliterate("Мухтаров") == "mukhtarov"
    assert skeleton("Мухтаров") == skeleton("Mukhtarov")
    flags = run_checks("Об этом заявил Айдын Мухтаров в интервью.", "This was said by Aydyn Mukhtarov in an interview.",
                       "ru", "en")
    assert "names" not in names_of(flags)


def test_inflected_and_respelled_names_match() -> None:
    flags = run_checks("Как считает обозреватель Айдын Мехтиев, США помогут Мухтарову.",
                       "According to observer Aydin Mehdiyev, the US will help Mukhtarov.", "ru", "en")
    assert "names" not in names_of(flags)


@pytest.mark.parametrize(("source", "mt", "short"), [
    ("Делегацию возглавлял генерал-лейтенант Талгат Мухтаров.", "The delegation was headed by Talgat Mukhtar.",
     "'Mukhtar'"),
    ("Как считает обозреватель Айдын Мехтиев, США помогут.", "According to observer Aydin Mehdi, the US will help.",
     "'Mehdi'"),
    ("Об этом заявили Мухтаровым.", "Mukhtar was told about it.", "'Mukhtar'"),
])
def test_a_surname_cut_short_in_the_mt_is_flagged(source: str, mt: str, short: str) -> None:
    # QA: the bundled article's "Talgat Mukhtar" for Талгат Мухтаров passed the names check (its key match
    # strips -ов as a case ending), so the wrong name went unflagged.
    flags = [f for f in run_checks(source, mt, "ru", "en") if f.name == "names"]
    assert len(flags) == 1 and "cut short" in flags[0].detail and short in flags[0].detail


@pytest.mark.parametrize(("source", "mt"), [
    ("Делегацию возглавлял генерал-лейтенант Талгат Мухтаров.", "The delegation was headed by Talgat Mukhtarov."),
    ("Об этом сказал Иван Иванов.", "Ivan Ivanov said this."),
    ("Встреча прошла в Ростове и Львове.", "The meeting took place in Rostov and Lviv."),
    ("Как считает обозреватель Айдын Мехтиев, США помогут.", "According to observer Aydin Mehdiyev, the US will help."),
])
def test_a_whole_surname_or_a_city_in_ov_is_not_cut_short(source: str, mt: str) -> None:
    assert "names" not in names_of(run_checks(source, mt, "ru", "en"))


def test_a_cut_surname_is_flagged_only_if_a_pseudo_reference_writes_it_whole() -> None:
    source, mt = "Делегацию возглавлял Талгат Мухтаров.", "The delegation was headed by Talgat Mukhtar."
    assert "names" in names_of(run_checks(source, mt, "ru", "en", ["It was led by Talgat Mukhtarov."]))
    assert "names" not in names_of(run_checks(source, mt, "ru", "en", ["It was led by Talgat Mukhtar."]))


@pytest.mark.parametrize(("source", "mt", "sl", "shown"), [
    ("Об этом заявил Дональд Трамп в среду.", "This was said by Donald trump on Wednesday.", "ru", "'trump'"),
    ("Il a visité Paris hier.", "He visited paris yesterday.", "fr", "'paris'"),
])
def test_a_name_the_mt_writes_in_lower_case_is_flagged_when_the_pseudo_references_capitalise_it(
        source: str, mt: str, sl: str, shown: str) -> None:
    # Known gap of session 8: "Donald trump" passed, since names are compared letter by letter, not by case.
    refs = [mt.replace(shown.strip("'"), shown.strip("'").capitalize())]
    flags = [f for f in run_checks(source, mt, sl, "en", refs) if f.name == "names"]
    assert len(flags) == 1 and "lower case" in flags[0].detail and shown in flags[0].detail
    assert flags[0].severity == 0.3  # the name is there: a minor error, below a missing name's 0.6


@pytest.mark.parametrize(("mt", "refs"), [
    # no pseudo-reference: a target language may write the word in lower case (Интернет, американский)
    ("This was said by Donald trump on Wednesday.", []),
    # a pseudo-reference writes it in lower case too
    ("This was said by Donald trump on Wednesday.", ["Donald Trump said so.", "Donald trump said so."]),
    # the MT also has it capitalised
    ("Trump said so: this was said by Donald trump.", ["Donald Trump said so."]),
])
def test_a_lower_case_name_is_not_flagged_unless_every_pseudo_reference_capitalises_it(mt: str,
                                                                                       refs: list[str]) -> None:
    flags = run_checks("Об этом заявил Дональд Трамп в среду.", mt, "ru", "en", refs)
    assert "names" not in names_of(flags)


def test_missing_name_is_flagged() -> None:
    flags = run_checks("Об этом заявил Мухтаров в интервью.", "This was said in an interview.", "ru", "en")
    assert any(f.name == "names" and "Мухтаров" in f.detail and "Mukhtarov" in f.detail for f in flags)


def test_name_translated_by_every_pseudo_reference_is_not_flagged() -> None:
    refs = ["Moscow and Beijing signed it.", "Moscow signed it with Beijing."]
    flags = run_checks("Это подписали Москва и Пекин.", "Moscow and Beijing signed it.", "ru", "en", refs)
    assert "names" not in names_of(flags)


def names_detail(source: str, mt: str, sl: str = "ru", tl: str = "en") -> str:
    return " ".join(f.detail for f in run_checks(source, mt, sl, tl) if f.name == "names")


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("Казахские офицеры учились в Турции и Италии.", "Kazakh officers trained in Turkey and Italy.", "ru", "en"),
    ("Россия может конкурировать с Китаем.", "Russia can compete with China.", "ru", "en"),
    ("Это стратегия для стран Центральной Азии.", "This is a strategy for the countries of Central Asia.", "ru", "en"),
    ("Встреча с Соединенными Штатами и США.", "A meeting with the United States and the USA.", "ru", "en"),
    ("Il vit en Allemagne depuis 2010.", "He has lived in Germany since 2010.", "fr", "en"),
    ("He has lived in China since 2010.", "Он живёт в Китае с 2010 года.", "en", "ru"),
    # Languages and nationalities, weekdays and months: English (and French nouns of nationality) capitalise
    # them, Russian does not.
    ("He spoke English with German officials.", "Он говорил по-английски с немецкими чиновниками.", "en", "ru"),
    ("The army attacked on Monday in January.", "Армия атаковала в понедельник в январе.", "en", "ru"),
    ("Il a parlé avec les Allemands et les Anglais.", "He spoke with the Germans and the English.", "fr", "en"),
    # The compass points as parts of the world, and Russian compound names of institutions (spelt out).
    ("Киев развернулся на Запад, но помощи от Запада не получил.",
     "Kiev turned to the West but got no help from the West.", "ru", "en"),
    ("Он прилетел с Ближнего Востока.", "He flew in from the Middle East.", "ru", "en"),
    ("В Минобороны Казахстана сообщают о визите.", "The Kazakh Ministry of Defence reports a visit.", "ru", "en"),
    ("Законопроект внесли в Госдуму и Минфин.", "The bill went to the State Duma and the Finance Ministry.",
     "ru", "en"),
    ("Это не наносит ущерба Договору о коллективной безопасности.",
     "It does not harm the Collective Security Treaty.", "ru", "en"),
])
def test_translated_country_and_region_names_are_found(source: str, mt: str, sl: str, tl: str) -> None:
    # Without pseudo-references, a country the MT rightly translated is not a missing name.
    assert names_detail(source, mt, sl, tl) == ""


@pytest.mark.parametrize(("source", "mt", "sl", "tl", "missing"), [
    ("Казахские офицеры учились в Турции.", "Kazakh officers trained abroad.", "ru", "en", "Турции"),
    ("Казахские офицеры учились в Турции.", "Kazakh officers trained in Greece.", "ru", "en", "Турции"),
    ("Россия может конкурировать с Китаем.", "Russia can compete with Japan.", "ru", "en", "Китаем"),
    ("Il vit en Allemagne depuis 2010.", "He has lived in France since 2010.", "fr", "en", "Allemagne"),
    ("The army attacked on Monday.", "Армия атаковала во вторник.", "en", "ru", "Monday"),
    ("He spoke with German officials.", "Он говорил с французскими чиновниками.", "en", "ru", "German"),
    # Every word of a place's name must be there: "United" alone is not the United States.
    ("Встреча с Соединенными Штатами.", "A meeting with the United.", "ru", "en", "Соединенными"),
    ("Киев развернулся на Запад.", "Kiev turned to Europe.", "ru", "en", "Запад"),
    ("Он прилетел с Дальнего Востока.", "He flew in from the Middle East.", "ru", "en", "Дальнего"),
    # Only the listed institution stems are spelt out: a surname that starts like one is still a name.
    ("Об этом сообщил Гостев.", "This was reported by the minister.", "ru", "en", "Гостев"),
    ("Войска вошли в Судан.", "The troops entered the country.", "ru", "en", "Судан"),
])
def test_a_missing_or_wrong_country_is_still_flagged(source: str, mt: str, sl: str, tl: str, missing: str) -> None:
    assert missing in names_detail(source, mt, sl, tl)


def test_names_check_without_cldr_names_flags_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    # No babel (or a language it does not know): no name pairs, and a translated country is flagged as a
    # missing name, as the check did before it knew CLDR's names.
    import sys

    from mtreview.checks import translated_names

    monkeypatch.setitem(sys.modules, "babel", None)
    translated_names.clear_caches()
    try:
        assert translated_names.name_pairs("ru", "en") == ()
        assert "Китаем" in names_detail("Россия может конкурировать с Китаем.", "Russia can compete with China.")
    finally:
        monkeypatch.undo()
        translated_names.clear_caches()
    assert translated_names.name_pairs("xx", "en") == ()
    assert names_detail("Россия может конкурировать с Китаем.", "Russia can compete with China.") == ""


def test_sentence_initial_and_lowercased_words_are_not_names() -> None:
    assert source_names("Today Berlin is big. Big cities grow, and big money follows.") == ["Berlin"]


def test_short_quoted_titles_are_names_and_quoted_speech_is_not() -> None:
    # «Правды.ру» is a newspaper (the MT translated it: "the Truth.ru"); «Мы...» opens quoted speech.
    assert source_names("как предполагает обозреватель «Правды.ру» Айдын Мехтиев") == ["Правды", "Айдын", "Мехтиев"]
    assert "Правды" in names_detail("как пишет обозреватель «Правды.ру» Мехтиев.",
                                    "as written by the observer of “the Truth.ru” Mehdiyev.")
    assert source_names("Он сказал: «Мы подпишем. Это решено»") == []


def test_headings_in_capitals_and_title_openers_are_not_names() -> None:
    assert source_names("NOTES COMPLÉMENTAIRES SUR LES ANNÉES 1955") == []
    assert source_names("voir Les Alpes , 1956 , et The Times") == ["Alpes", "Times"]
    assert source_names("met NATO and Obama in Paris") == ["NATO", "Obama", "Paris"]  # acronyms stay


def test_english_contractions_and_possessives_are_not_names_but_elided_names_are() -> None:
    assert source_names("So then I'm sure I've seen the Sun's light, and I'd go.") == ["Sun"]
    assert source_names("au pied de l'Himalaya et d'Italie avec O'Brien") == ["Himalaya", "Italie", "Brien"]
    assert names_detail("Il a vu O'Brien en Italie.", "He saw O'Brien in Italy.", "fr", "en") == ""
    assert "Brien" in names_detail("Il a vu O'Brien en Italie.", "He saw him in Italy.", "fr", "en")


def test_english_names_after_a_determiner_are_translated_names_and_not_flagged() -> None:
    text = "(Laughter) And on the Earth, our Sun and the Big Bang, Obama met Merkel in Paris."
    assert source_names(text, "en") == ["Obama", "Merkel", "Paris"]
    assert source_names(text) == ["Earth", "Sun", "Bang", "Obama", "Merkel", "Paris"]  # other languages (Big: a title opener)
    assert names_detail("Our Sun will not collapse.", "Unsere Sonne wird nicht kollabieren.", "en", "de") == ""
    assert "Merkel" in names_detail("Obama met Merkel on the Earth.", "Obama traf sich auf der Erde.", "en", "de")


def test_everyday_country_names_and_a_country_after_the_are_checked() -> None:
    source = "He moved to the United States and then to Britain."
    assert names_detail(source, "Er zog in die USA und dann nach Großbritannien.", "en", "de") == ""
    # "the United States" is one of CLDR's names: the determiner rule does not hide it.
    assert "United" in names_detail(source, "Er zog dann nach Großbritannien.", "en", "de")


@pytest.mark.parametrize(("source", "mt", "sl", "tl"), [
    ("Apple CEO Tim Cook said so.", "Глава Apple Тим Кук так сказал.", "en", "ru"),          # oo = у
    ("Путин провёл переговоры с Си Цзиньпином.", "Putin held talks with Xi Jinping.", "ru", "en"),  # цз = j
    ("Он встретился с Чжоу Эньлаем.", "He met Zhou Enlai.", "ru", "en"),                        # чж = zh
    ("The World Health Organization declared it over.", "Die Weltgesundheitsorganisation erklärte es für beendet.",
     "en", "de"),                                                                               # a run of capitals
])
def test_more_renderings_of_names_are_found(source: str, mt: str, sl: str, tl: str) -> None:
    assert names_detail(source, mt, sl, tl) == ""


def test_a_determiner_before_punctuation_does_not_hide_the_next_name() -> None:
    assert "Obama" in names_detail("We stand on the Earth, Obama said.", "Мы стоим на Земле, сказал он.", "en", "ru")


def test_a_name_inside_a_hyphenated_mt_word_is_found() -> None:
    assert names_detail("Pik Stalin , dans l' Alaï Pamir", "Pik Stalin im Pamir-Alai", "fr", "en") == ""


@pytest.mark.parametrize(("mt", "tl"), [("昨天奥巴马在北京会见了普京。", "zh"), ("التقى أوباما بوتين في بكين أمس.", "ar"),
                                      ("কাল ওবামা বেইজিংয়ে পুতিনের সাথে দেখা করেন।", "bn")])
def test_names_are_not_checked_in_a_script_that_is_not_transliterated(mt: str, tl: str) -> None:
    # Обама can be compared with Obama; 奥巴马 cannot, and every name would be flagged.
    assert names_detail("Yesterday Obama met Putin in Beijing.", mt, "en", tl) == ""


def test_names_in_a_cyrillic_mt_are_still_checked() -> None:
    assert "Putin" in names_detail("Yesterday Obama met Putin in Paris.", "Вчера Обама встретился в Париже.", "en", "ru")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abkksvhzio", min_size=1, max_size=6),
       st.lists(st.text(alphabet="abkksvhzio", min_size=1, max_size=8), max_size=30))
def test_looking_in_one_bucket_of_keys_finds_what_looking_in_all_finds(key: str, keys: list[str]) -> None:
    assert found(key, key_buckets(keys).get(key[:1], [])) == found(key, keys)


def test_a_segment_of_thousands_of_names_is_checked_for_its_first_names_only() -> None:
    # A whole document on one line: the check looks at the first MAX_NAMES names (the flag shows 4).
    def name(i: int) -> str:  # distinct Cyrillic names: i written in base 32 with the letters а..я
        return "Им" + "".join(chr(0x430 + (i >> shift) % 32) for shift in (10, 5, 0))

    source = "Он встретил " + ", ".join(name(i) for i in range(5000)) + "."
    first = source_names(source)[:MAX_NAMES]
    flags = [f for f in run_checks(source, "He met nobody.", "ru", "en") if f.name == "names"]
    assert len(flags) == 1 and f"'{first[0]}'" in flags[0].detail
    assert len(source_names(source)) == 5000


def test_german_sources_are_not_checked_for_names() -> None:
    assert "names" not in names_of(run_checks("Der Hund und die Katze.", "The cat.", "de", "en"))


# -- every check, any input ------------------------------------------------------------------------------

HOSTILE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)


@settings(max_examples=300, deadline=None)
@given(HOSTILE, HOSTILE, st.sampled_from(["ru", "en", "de", "zh", "ar", "xx", ""]),
       st.sampled_from(["en", "de", "ja", "ru", ""]), st.lists(HOSTILE, max_size=2))
def test_checks_never_fail_and_flags_are_well_formed(source: str, mt: str, sl: str, tl: str,
                                                     refs: list[str]) -> None:
    for flag in run_checks(source, mt, sl, tl, refs):
        assert flag.name in ALL_DESCRIPTIONS or flag.name == "no_source"
        assert 0 < flag.severity <= 1
        assert flag.detail.strip()


def test_a_lower_case_word_that_only_starts_like_the_referenced_name_is_not_flagged() -> None:
    # TED en -> de: German writes adjectives made from names in lower case ('grönländischer' beside a
    # reference's noun 'Grönländisch'): 13 false alarms before only the very word counted
    source = "She speaks Greenlandic at home."
    assert "names" not in names_of(run_checks(source, "Sie spricht zu Hause grönländischer Art.", "en", "de",
                                              ["Zu Hause spricht sie Grönländisch."]))
    assert "names" in names_of(run_checks(source, "Sie spricht zu Hause grönländisch.", "en", "de",
                                          ["Zu Hause spricht sie Grönländisch."]))
