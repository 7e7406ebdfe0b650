from hypothesis import given, settings
from hypothesis import strategies as st

from vectorstore.chunking import sentence_spans, split_passages
from vectorstore.cleaning import content_blocks

WORDS = st.sampled_from(["Kim", "dronë", "Putin", "imbitasyon", "the", "në", "“quoted”", "ng", "2023", "Rusia"])
SENTENCE = st.lists(WORDS, min_size=1, max_size=40).map(lambda ws: " ".join(ws)) .flatmap(
    lambda body: st.sampled_from([".", "!", "?", "", "…"]).map(lambda end: body + end))
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=6).map(" ".join)
SEPARATOR = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", "\n\nLexo më shumë  teaser\n\n"])
ARTICLE = st.tuples(st.sampled_from(["", " date 2023-07 ", "date 2023-09-17\n", "Bota\n\n"]),
                    st.lists(PARAGRAPH, min_size=1, max_size=8), SEPARATOR).map(
    lambda parts: parts[0] + parts[2].join(parts[1]))


@settings(max_examples=150, deadline=None)
@given(ARTICLE, st.sampled_from([64, 96, 160]))
def test_passage_offsets_point_into_the_article_text(text, tokens):
    passages = split_passages(text, content_blocks(text), tokens)
    for passage in passages:
        assert text[passage.start:passage.end] == passage.text
        assert passage.text.strip()
        for sentence in sentence_spans(passage.text, passage.start):
            assert text[sentence.start:sentence.end] == sentence.text
            assert passage.start <= sentence.start < sentence.end <= passage.end
    starts = [p.start for p in passages]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(passages, passages[1:]))


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=600))
def test_any_text_keeps_offsets(text):
    for passage in split_passages(text, content_blocks(text), 64):
        assert text[passage.start:passage.end] == passage.text


def test_a_piece_after_a_stray_full_stop_stays_with_its_sentence():
    # As in the bundled English article: the full stop before "and said that" is in the source text.
    text = ("North Korea’s official KCNA news agency described the atmosphere as “fervent and warm.” and said that "
            "“a new era of friendship opens”. The train left on Sunday.")
    sentences = sentence_spans(text, 100)
    assert [s.text for s in sentences] == [text[: text.index(" The train")], "The train left on Sunday."]
    assert sentences[0].start == 100 and sentences[1].end == 100 + len(text)


def test_a_quotation_stays_whole_with_its_speaker():
    # As in the bundled Albanian article 001: Peskov's quotation runs over two sentences.
    text = ("Zëdhënësi i Kremlinit, Dmitry Peskov, zbuloi disa detaje: “Do të jetë një vizitë e plotë. Do të ketë "
            "negociata mes dy delegacioneve.” Kremlini nuk tha më shumë.")
    assert [s.text for s in sentence_spans(text)] == [text[: text.index(" Kremlini nuk")], "Kremlini nuk tha më shumë."]


def test_a_sentence_that_is_only_a_quotation_stays_with_the_one_that_names_its_speaker():
    # As in the bundled Tagalog article 002.
    text = ("“Ipinakita namin ang isang planta ng eroplano,” sabi ni Denis Manturov. “Nakikita namin ang potensyal "
            "para sa pakikipagtulungan.” Umalis si Kim noong Linggo.")
    assert [s.text for s in sentence_spans(text)] == [text[: text.index(" Umalis")], "Umalis si Kim noong Linggo."]


def test_sentences_do_not_end_at_abbreviations_or_initials_in_any_language():
    text = ("The church was built in 1870, St. Martin's parish said, and the Rev. John Howard Johnson led it. "
            "Gen. Smith met John F. Kennedy in the U.S. capital. "
            "Z. Kim u takua me Putin në Vladivostok. "
            "Dumating si Gng. Santos sa Maynila. He said no. Then he left.")
    sentences = sentence_spans(text, 7)
    assert [s.text for s in sentences] == [
        "The church was built in 1870, St. Martin's parish said, and the Rev. John Howard Johnson led it.",
        "Gen. Smith met John F. Kennedy in the U.S. capital.",
        "Z. Kim u takua me Putin në Vladivostok.",
        "Dumating si Gng. Santos sa Maynila.",
        "He said no.",
        "Then he left.",
    ]
    assert all(text[s.start - 7:s.end - 7] == s.text for s in sentences)


def test_a_number_announced_by_an_abbreviation_stays_in_its_sentence():
    # As in a Tagalog typhoon report: the piece "4 sa buong lalawigan …" had been quoted alone.
    text = ("Itinaas ang Signal No. 4 sa buong lalawigan. Ligji nr. 12 hyri në fuqi. He was born in 1990. "
            "2023 was a good year.")
    assert [s.text for s in sentence_spans(text)] == [
        "Itinaas ang Signal No. 4 sa buong lalawigan.", "Ligji nr. 12 hyri në fuqi.", "He was born in 1990.",
        "2023 was a good year."]


def test_an_albanian_quotation_opened_low_and_closed_high_stays_with_its_speaker():
    text = ("„Largësia nuk është më pengesë. Një studente mund të mësojë në anën tjetër të botës\", tha Prof. Meksi. "
            "Pastaj u nënshkrua marrëveshja.")
    assert [s.text for s in sentence_spans(text)] == [text[: text.index(" Pastaj")], "Pastaj u nënshkrua marrëveshja."]


def test_philippine_titles_do_not_end_a_sentence():
    text = "CASELCO spokesperson Engr. Ma. Liza Manalastas spoke. Si Atty. Reyes ang abogado."
    assert [s.text for s in sentence_spans(text)] == ["CASELCO spokesperson Engr. Ma. Liza Manalastas spoke.",
                                                     "Si Atty. Reyes ang abogado."]
