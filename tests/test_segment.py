"""Sentence segmentation with paragraphs."""

from __future__ import annotations

import pytest

from mtreview.segment import presegmented, segment_text, split_paragraphs


def test_paragraphs_and_sentences_ru() -> None:
    sents = segment_text("Первое. Второе?\n\n— Третье, сказал г. Иванов. Четвертое!\n", "ru")
    assert [(s.index, s.paragraph, s.text) for s in sents] == [
        (0, 0, "Первое."), (1, 0, "Второе?"), (2, 1, "— Третье, сказал г. Иванов."), (3, 1, "Четвертое!")]


def test_english_abbreviations_not_split() -> None:
    sents = segment_text("Kazakhstan and the U.S. signed a plan. Mr. Smith agreed.", "en")
    assert [s.text for s in sents] == ["Kazakhstan and the U.S. signed a plan.", "Mr. Smith agreed."]


def test_quoted_paragraph_is_split_into_sentences() -> None:
    text = '"As for training officers, it is bad. But it is not a reason to doubt. They train abroad."'
    assert [s.text for s in segment_text(text, "en")] == [
        '"As for training officers, it is bad.', "But it is not a reason to doubt.", 'They train abroad."']
    text = "the newspaper \u201cPravda.ru\u201d, sources say. Next one."
    assert [s.text for s in segment_text(text, "en")] == [
        "the newspaper \u201cPravda.ru\u201d, sources say.", "Next one."]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    assert split_paragraphs("one line\nwrapped here\n\nsecond para\n") == ["one line wrapped here", "second para"]
    wrapped = ("Recently Kazakhstan and the U.S. signed another five-year plan of\n"
               "Military cooperation for the years 2018-2022, as the Ministry said\nin Astana.\n\nNext.\n")
    assert [s.text for s in segment_text(wrapped, "en")] == [
        "Recently Kazakhstan and the U.S. signed another five-year plan of Military cooperation for the years "
        "2018-2022, as the Ministry said in Astana.", "Next."]
    # without blank lines, each line is a paragraph
    assert split_paragraphs("a\nb\n") == ["a", "b"]


def test_headline_byline_and_list_lines_are_not_glued_onto_sentences() -> None:
    # QA: with a blank line anywhere, every single line break was joined, so a headline and a byline became
    # the start of the first sentence, and list items ran together ("Open the file 2.").
    text = ("Why Kazakhstan is calling NATO\nBy John Smith\nShare on Facebook\nRecently a plan was signed.\n\n"
            "Steps:\n1. Open the file\n2. Save it\n- milk\n\nDone.\n")
    sents = segment_text(text, "en")
    assert [s.text for s in sents] == ["Why Kazakhstan is calling NATO", "By John Smith", "Share on Facebook",
                                       "Recently a plan was signed.", "Steps:", "1. Open the file", "2. Save it",
                                       "- milk", "Done."]
    assert [s.paragraph for s in sents] == [0, 0, 0, 0, 1, 1, 1, 1, 2]  # paragraphs are still blank-line blocks


def test_quotation_marks_stay_with_the_sentence_they_open() -> None:
    # QA: an opening quote was cut off onto the sentence before, and a quoted question from its speaker.
    cases = [("en", 'He left. "Stop." Then she came.', ['He left.', '"Stop."', 'Then she came.']),
             ("en", 'Then he left. "Will you come?" she asked.', ['Then he left.', '"Will you come?" she asked.']),
             ("en", "He waited. \u201cNo!\u201d he replied.", ["He waited.", "\u201cNo!\u201d he replied."]),
             ("de", "Er ging. \u201eKommst du?\u201c fragte sie.", ["Er ging.", "\u201eKommst du?\u201c fragte sie."]),
             ("fr", "Il part. \u00ab Tu viens ? \u00bb dit-elle.", ["Il part.", "\u00ab Tu viens ? \u00bb dit-elle."]),
             ("ru", "Он ушёл. \u00abСтой!\u00bb \u2014 крикнула она.", ["Он ушёл.", "\u00abСтой!\u00bb \u2014 крикнула она."])]
    for lang, text, want in cases:
        assert [s.text for s in segment_text(text, lang)] == want, (lang, text)


def test_empty_and_blank() -> None:
    assert segment_text("", "en") == [] and segment_text(" \n\n \n", "ru") == []


def test_presegmented_keeps_line_numbers() -> None:
    sents = presegmented(["a", "", "c"])
    assert [(s.index, s.text) for s in sents] == [(0, "a"), (1, ""), (2, "c")]


def test_a_number_or_lower_case_word_after_an_abbreviation_stays_in_its_sentence() -> None:
    # razdel and sentencex cut after these abbreviations; a sentence does not open with the number after them
    cases = [
        ("ru", "Данные приведены в табл. 2 ниже. Дальше.", ["Данные приведены в табл. 2 ниже.", "Дальше."]),
        ("ru", "Бюджет составил 5 млн долл. США в прошлом году.", ["Бюджет составил 5 млн долл. США в прошлом году."]),
        ("en", "It took approx. 20 minutes. Then it ended.", ["It took approx. 20 minutes.", "Then it ended."]),
        ("en", "See Sec. 4.2 and Eq. 3.", ["See Sec. 4.2 and Eq. 3."]),
        ("en", "It weighs 5 lbs. and more.", ["It weighs 5 lbs. and more."]),
    ]
    for lang, text, expected in cases:
        assert [s.text for s in segment_text(text, lang)] == expected, (lang, text)


def test_an_abbreviation_still_ends_a_sentence_before_a_capitalised_one() -> None:
    assert [s.text for s in segment_text("Это стоит 5 тыс. руб. Он согласился.", "ru")] == [
        "Это стоит 5 тыс. руб.", "Он согласился."]
    assert [s.text for s in segment_text("It rose 5 ft. The wall held.", "en")] == ["It rose 5 ft.", "The wall held."]
    assert [s.text for s in segment_text("He lives in the U.S. He likes it.", "en")] == [
        "He lives in the U.S.", "He likes it."]


def test_hard_wrapped_text_without_blank_lines_is_not_cut_at_every_line() -> None:
    # QA: a document without blank lines was a paragraph per line, so an e-mail's wrapped sentences were cut
    # mid-sentence ("...the bilateral consultations" / "on defence."), and so were narrow newspaper columns
    mt = ("The document was signed in Washington during the bilateral consultations\n"
          "on defence. The delegation was headed by Deputy Minister of Defence of\nKazakhstan Talgat Mukhtarov.\n")
    assert [s.text for s in segment_text(mt, "en")] == [
        "The document was signed in Washington during the bilateral consultations on defence.",
        "The delegation was headed by Deputy Minister of Defence of Kazakhstan Talgat Mukhtarov."]
    column = ("Kazakhstan and NATO\n\nThe document was signed in\nWashington during the talks\n"
              "between Kazakhstan and the\nUnited States. It was a\nsuccess.\n")
    assert [s.text for s in segment_text(column, "en")] == [
        "Kazakhstan and NATO", "The document was signed in Washington during the talks between Kazakhstan and the "
        "United States.", "It was a success."]


def test_lines_that_are_not_wrapped_stay_apart_whatever_their_length() -> None:
    # QA: four headlines of 60-75 characters, one per line, passed the old length test and became one segment
    headlines = ("Главные новости дня\n\n"
                 "Казахстан и США подписали новый пятилетний план военного сотрудничества\n"
                 "В Астане прошли переговоры министров обороны двух стран региона\n"
                 "Россия провела учения Каспийской флотилии у побережья Дагестана\n"
                 "НАТО расширяет программу партнерства с государствами Центральной Азии\n")
    assert len(segment_text(headlines, "ru")) == 5
    lead = ("Kazakhstan and the US sign a new five-year military plan for 2018-2022\n"
            "By Ivan Petrov, staff correspondent, Almaty, 12 March 2018\n"
            "Kazakhstan and the United States have signed a new plan of military cooperation.\n"
            "The document was signed in Washington.\n\nNext paragraph.\n")
    assert [s.text for s in segment_text(lead, "en")][:2] == [
        "Kazakhstan and the US sign a new five-year military plan for 2018-2022",
        "By Ivan Petrov, staff correspondent, Almaty, 12 March 2018"]
    one_per_line = ("He left the house early.\nThe weather was cold and windy, so he took a coat.\nShe stayed.\n"
                    "They met again at noon in the small cafe near the station.\n")
    assert split_paragraphs(one_per_line) == one_per_line.strip().split("\n")


def test_french_titles_and_abbreviations_do_not_end_a_sentence() -> None:
    # QA: "M. Macron a reçu M. | Scholz", "l'art. | 49", "le Pr. | Durand", "en janv. | 2023"
    cases = ["M. Macron a reçu M. Scholz hier.", "Selon l'art. 49 de la loi, c'est possible.",
             "Le Pr. Durand est venu.", "Il est parti en janv. 2023."]
    for text in cases:
        assert [s.text for s in segment_text(text, "fr")] == [text]
    assert [s.text for s in segment_text("Il a vu M. Dupont. Puis il est parti.", "fr")] == [
        "Il a vu M. Dupont.", "Puis il est parti."]


def test_japanese_quoted_speech_stays_with_its_verb() -> None:
    # QA: 「…。」 | と言った。 was two sentences, and the aligner then left "と言った。" without a counterpart
    assert [s.text for s in segment_text("彼は「いいですね。続けましょう。」と言った。次の日、雨が降った。", "ja")] == [
        "彼は「いいですね。続けましょう。」と言った。", "次の日、雨が降った。"]
    # ところで ("by the way") opens a sentence of its own, though it starts with と
    assert [s.text for s in segment_text("「はい。」ところで、天気は？", "ja")] == ["「はい。」", "ところで、天気は？"]


@pytest.mark.parametrize("lines", [
    # QA (second pass): lines of similar length looked cut at every line end and were glued together
    ["Kazakhstan and the United States sign a new defence cooperation plan",
     "Russia holds naval exercises of the Caspian flotilla near Dagestan",
     "NATO expands its partnership programme with Central Asian states",
     "China opens a new railway line across the Kazakh steppe to Europe",
     "The European Union announces new sanctions against three companies"],
    ["[10:02] bob: Yes I will be there at noon, see you at the station then",
     "[10:03] ann: Great, bring the tickets please, I forgot mine at home today",
     "[10:04] bob: Sure thing, I will also bring the map we need for the trip",
     "[10:05] ann: Thanks a lot, see you there and do not be late this time ok"],
    ["The woods are lovely dark and deep", "But I have promises to keep", "And miles to go before I sleep"],
    ["John Smith", "123 Main Street", "Springfield, IL 62701", "USA"],
    ["第一章 概述", "北京是中国的首都。", "上海是中国最大的城市。", "第二章 历史", "北京有三千多年的历史。"],
])
def test_lines_of_records_headlines_and_verse_stay_apart(lines: list[str]) -> None:
    lang = "zh" if lines[0].startswith("第") else "en"
    assert [s.text for s in segment_text("\n".join(lines) + "\n", lang)] == lines


def test_wrapped_chinese_is_joined_without_a_space() -> None:
    # QA: the next line's "first word" was the whole line, so every line end looked cut, and the join added
    # a space that the MT never had ("...建城史和八百 多年的建都史。")
    text = ("北京是中国的首都，也是全国的政治和文化中心，拥有三千多年的建城史和八百\n"
            "多年的建都史。上海是中国最大的城市，经济十分发达，是重要的国际金融中心\n和航运中心。\n")
    assert [s.text for s in segment_text(text, "zh")] == [
        "北京是中国的首都，也是全国的政治和文化中心，拥有三千多年的建城史和八百多年的建都史。",
        "上海是中国最大的城市，经济十分发达，是重要的国际金融中心和航运中心。"]


def test_nothing_goes_between_after_a_chinese_sentence() -> None:
    from mtreview.segment import join_sentences

    # QA: a closing quote, a digit or a Latin letter at the join still got a space
    assert join_sentences(["他说：“你好。”", "我走了。"]) == "他说：“你好。”我走了。"
    assert join_sentences(["北京是首都。", "2008年奥运会在北京举行。"]) == "北京是首都。2008年奥运会在北京举行。"
    assert join_sentences(["He said “hi.”", "Then he left."]) == "He said “hi.” Then he left."


def test_words_and_units_that_end_sentences_before_a_number_are_not_abbreviations() -> None:
    # QA (second pass): "I lost 5 lbs. 3 weeks later", "his ex. 3 days later", "Ils étaient sept. 3 sont
    # partis" were glued into one sentence by the abbreviation rule
    for lang, first, second in [("en", "I lost 5 lbs.", "3 weeks later I was fine."),
                                ("en", "He met his ex.", "3 days later they married."),
                                ("fr", "Ils étaient sept.", "3 sont partis.")]:
        assert [s.text for s in segment_text(f"{first} {second}", lang)] == [first, second]


def test_no_double_space_after_a_sentence_that_ends_in_one() -> None:
    from mtreview.segment import join_sentences

    # QA: a merge after an MT that ended in a space exported "space.  Price"
    assert join_sentences(["Text with trailing space. ", "Price 100 roubles."]) == (
        "Text with trailing space. Price 100 roubles.")


def test_german_ordinals_and_spanish_clock_times_stay_in_their_sentence() -> None:
    # sentencex cut after "der 2." and "a. m." when a capitalised (German noun) or any word followed
    cases = [
        ("de", "Der 1. FC Köln hat gewonnen. Das war gut.", ["Der 1. FC Köln hat gewonnen.", "Das war gut."]),
        ("de", "Es war der 2. Weltkrieg. Ja.", ["Es war der 2. Weltkrieg.", "Ja."]),
        ("de", "Zum 50. Mal feiern wir.", ["Zum 50. Mal feiern wir."]),
        ("es", "La reunión es a las 10 a. m. en Madrid. Luego comemos.",
         ["La reunión es a las 10 a. m. en Madrid.", "Luego comemos."]),
        ("pt", "A reunião é às 10 a.m. em Lisboa.", ["A reunião é às 10 a.m. em Lisboa."]),
        # QA: for Portuguese sentencex cuts inside "a. m." too ("às 10 a." + "m. em Lisboa.")
        ("pt", "A reunião é às 10 a. m. em Lisboa. Depois vamos.",
         ["A reunião é às 10 a. m. em Lisboa.", "Depois vamos."]),
    ]
    for lang, text, expected in cases:
        assert [s.text for s in segment_text(text, lang)] == expected, (lang, text)


def test_a_number_or_clock_time_that_ends_a_sentence_still_ends_it() -> None:
    # after a verb, or before a word that opens German sentences, "3." ends the sentence; so does "p. m."
    # before a capitalised word
    assert [s.text for s in segment_text("Wir haben 3. Danach kam nichts.", "de")] == [
        "Wir haben 3.", "Danach kam nichts."]
    assert [s.text for s in segment_text("Er wurde der 3. Danach ging er.", "de")] == [
        "Er wurde der 3.", "Danach ging er."]
    assert [s.text for s in segment_text("Llegó a las 10 p. m. Luego comió.", "es")] == [
        "Llegó a las 10 p. m.", "Luego comió."]
    assert [s.text for s in segment_text("Termina às 5 p. m. Depois saiu.", "pt")] == [
        "Termina às 5 p. m.", "Depois saiu."]
    assert [s.text for s in segment_text("Vi a letra a. Depois saí.", "pt")] == ["Vi a letra a.", "Depois saí."]


@pytest.mark.parametrize("lang, text, expected", [
    # QA: sentencex cut before the bracket, and the next sentence began with it (") Then he slept.")
    ("en", "He came home.) Then he slept.", ["He came home.)", "Then he slept."]),
    ("fr", "Il est venu.] Puis il dormit.", ["Il est venu.]", "Puis il dormit."]),
    ("zh", "他来了。）然后他睡了。", ["他来了。）", "然后他睡了。"]),
    # QA: a sentence ended inside brackets ran on into the next one
    ("en", "(This is a full sentence.) Next one.", ["(This is a full sentence.)", "Next one."]),
    ("de", "Er kam spät (es regnete!) Dann schlief er.", ["Er kam spät (es regnete!)", "Dann schlief er."]),
    ("en", "See the map (Fig. 3.) It shows the border.", ["See the map (Fig. 3.)", "It shows the border."]),
])
def test_a_closing_bracket_stays_with_the_sentence_it_ends(lang: str, text: str, expected: list[str]) -> None:
    assert [s.text for s in segment_text(text, lang)] == expected


def test_an_abbreviation_or_a_lower_case_word_after_a_bracket_does_not_end_a_sentence() -> None:
    for text in ("Smith (Ed.) The History of Rome is long.", "He paid (approx.) Ten dollars.",
                 "She asked (why?) and left.", "It was (sic.) fine."):
        assert [s.text for s in segment_text(text, "en")] == [text]


def test_unicode_line_and_paragraph_separators_break_as_line_ends_do() -> None:
    # QA: U+2028 (a manual line break from a word processor), U+2029 and NEL stayed inside a sentence: a
    # heading ran into the text under it, and the one-sentence-per-line output held a line separator
    text = "Heading without stop\u2028The text starts here. Second one.\u2029Next paragraph.\x85Its last line."
    sents = segment_text(text, "en")
    assert [(s.paragraph, s.text) for s in sents] == [
        (0, "Heading without stop"), (0, "The text starts here."), (0, "Second one."),
        (1, "Next paragraph."), (1, "Its last line.")]
    assert [s.text for s in segment_text("Заголовок без точки\u2028Текст начинается здесь.", "ru")] == [
        "Заголовок без точки", "Текст начинается здесь."]
    assert split_paragraphs("Один.\u2029Два.") == ["Один.", "Два."]


@pytest.mark.parametrize("lang, text, expected", [
    # QA: "IV." was a sentence of its own, cut off the heading it numbers
    ("en", "IV. Chapter four begins. II. Methods are here.", ["IV. Chapter four begins.", "II. Methods are here."]),
    ("fr", "XII. Le chapitre. ii) Le point.", ["XII. Le chapitre.", "ii) Le point."]),
    # a Roman numeral that ends a sentence still ends it
    ("en", "He was Henry VIII. He ruled.", ["He was Henry VIII.", "He ruled."]),
])
def test_a_roman_numeral_stays_with_the_heading_or_item_it_numbers(lang: str, text: str,
                                                                   expected: list[str]) -> None:
    assert [s.text for s in segment_text(text, lang)] == expected
