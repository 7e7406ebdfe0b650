"""Citation parsing and the cross-language support check, with the real embedding model."""

import pytest

import qa
from qa.citation_check import name_overlap, parse_citations, verify_answer
from qa.types import Source


def _source(text, language="en"):
    return Source("x.txt", text, 0, len(text), 1.0, language, "title", None)


SOURCES = [
    _source("The governor of Primorye, Oleg Kozhemiako, gave Kim five explosive drones and a bulletproof vest."),
    _source("Kim Jong-Un falënderoi Putinin për dërgimin e delegacionit ushtarak të udhëhequr nga Shoigu.", "sq"),
]


@pytest.fixture(scope="module")
def embedder(bundled_index):
    return qa.open_index(bundled_index).embedder


def test_numbers_that_name_no_source_are_removed_and_counted():
    text, sentences, removed = parse_citations("Kim got drones [1][3]. Shoigu led it [2, 9]. Nothing else [0].", 2)
    assert removed == 3
    assert text == "Kim got drones [1]. Shoigu led it [2]. Nothing else."
    assert [s.citations for s in sentences] == [[1], [2], []]


def test_markers_after_the_full_stop_stay_with_their_sentence():
    _, sentences, _ = parse_citations("Kim left on Sunday. [1] He got a vest. [1][2]\n[2]", 2)
    assert [(s.claim, s.citations) for s in sentences] == [
        ("Kim left on Sunday.", [1]), ("He got a vest.", [1, 2]),
    ]


def test_sources_come_in_the_order_the_answer_cites_them(embedder):
    third = _source("Kim left Vladivostok by train on Sunday.")
    text, sources, checks, _ = verify_answer("Kim left by train [3]. Shoigu led it [2][3]. Drones [9].",
                                             SOURCES + [third], embedder)
    assert text == "Kim left by train [1]. Shoigu led it [2][1]. Drones."
    assert sources == [third, SOURCES[1], SOURCES[0]]  # the uncited one last
    assert [c.citations for c in checks] == [[1], [2, 1], []]
    assert checks[0].supported  # scored against the passage its new number names


def test_uncited_sentences_are_marked_unsupported(embedder):
    _, _, checks, removed = verify_answer("Kim got five drones [1]. The weather was fine.", SOURCES, embedder)
    assert removed == 0
    assert checks[1].citations == [] and checks[1].supported is False and checks[1].support == 0.0


def test_support_separates_what_the_passage_says_from_what_it_does_not(embedder):
    _, _, checks, _ = verify_answer(
        "Oleg Kozhemiako gave Kim five explosive drones [1]. Bananas grow in Ecuador [1].", SOURCES, embedder)
    assert checks[0].supported and checks[0].support > 0.7
    assert not checks[1].supported and checks[1].support < 0.3


def test_support_crosses_languages_through_names(embedder):
    _, _, checks, _ = verify_answer("Kim thanked Putin for the delegation led by Shoigu [2].", SOURCES, embedder)
    assert checks[0].supported
    _, _, checks, _ = verify_answer("Kim thanked Biden for the tanks sent by Macron [2].", SOURCES, embedder)
    assert not checks[0].supported


def test_names_match_across_spellings_and_numbers_exactly():
    assert name_overlap("The governor is Kojemiako, in Rusia.", "governor Kozhemiako of Russia") == 1.0
    assert name_overlap("It had 18 cars and met Putin.", "It had 19 cars and met Putin.") == 0.5
    assert name_overlap("it was sunny.", "anything") is None


def test_extractive_answers_carry_their_checks(bundled_index):
    answer = qa.query("Who is the governor of the Primorye region?", index_dir=bundled_index)
    assert answer.mode == "extractive" and answer.notice == "" and answer.invalid_citations == 0
    assert answer.sentences and all(s.supported and s.citations for s in answer.sentences)
    assert answer.to_dict()["sentences"][0]["supported"] is True


def test_a_sentence_quoted_from_its_passage_is_supported_and_the_same_sentence_cited_elsewhere_is_not(embedder):
    quoted = SOURCES[0].text
    _, _, checks, _ = verify_answer(f"{quoted} [1] {quoted} [2]", SOURCES, embedder)
    assert checks[0].supported and checks[0].support == 1.0
    assert not checks[1].supported  # word for word, but from the other passage than the one it cites


def test_a_corroboration_note_between_two_quotes_stays_with_the_first_and_both_are_quoted_word_for_word(embedder):
    third = _source("As part of his stay in Vladivostok, Kim also visited the Mariinsky Theater.")
    sources = SOURCES + [third]
    text = f"{SOURCES[0].text} [1] (also reported in [2] Albanian) {third.text} [3]"
    _, _, checks, _ = verify_answer(text, sources, embedder)
    assert [(c.text, c.citations) for c in checks] == [
        (f"{SOURCES[0].text} [1] (also reported in [2] Albanian)", [1, 2]), (f"{third.text} [3]", [3]),
    ]
    assert [c.support for c in checks] == [1.0, 1.0]  # each found word for word in its passage, not embedded again
