"""Each abstention rule alone, on a hand-built Query and hand-built evidence (qa/rules.py)."""

from dataclasses import replace

import numpy as np
import pytest

from qa.answer_types import AnswerType
from qa.evidence import AnswerPolicy, Evidence
from qa.prepare import IndexFacts, Query, Search
from qa.quantities import counted_units
from qa.rules import (AFTER_EVIDENCE, BEFORE_SEARCH, abstention_text, count_not_stated, first_reason,
                      indistinct_evidence, language_not_held, low_similarity, no_articles,
                      novel_words, unknown_name, weak_evidence)
from qa.types import Reason, Source
from vectorstore.catalog import SqliteCatalog
from vectorstore.chunking import Span

POLICY = AnswerPolicy(overlap_weight=0.5, min_evidence=0.9, confident_evidence=0.93, max_novel=0.5,
                      cross_language_credit=0.04, min_similarity=0.8)


def make_query(text="Who is the governor of the Primorye region?", **changes) -> Query:
    query = Query(text=text, search_text=text, language="en", only_language=None, top_k=5, follow_up=False,
                  searches=(Search(text, (1.0, 0.0)),), counted_units=(), policy=POLICY,
                  index=IndexFacts(passage_total=100, languages=frozenset({"en", "sq", "tl"})))
    return replace(query, **changes)


def source(language="en", text="Governor Oleg Kozhemiako welcomed Kim at the station.") -> Source:
    return Source("004.txt", text, 0, len(text), 1.0, language, "Kim in Russia", "2023-09-17")


def evidence(score=0.95, similarity=0.9, number=1, text="Governor Oleg Kozhemiako welcomed Kim at the station."):
    return Evidence(number, Span(0, len(text), text), score, score, similarity)


@pytest.fixture(scope="module")
def words(bundled_index):
    catalog = SqliteCatalog(bundled_index / "catalog.sqlite3")
    yield catalog
    catalog.close()


def test_an_empty_index_says_so():
    assert no_articles(make_query(index=IndexFacts(0, frozenset())), [], []) is Reason.NO_ARTICLES
    assert no_articles(make_query(), [], []) is None


def test_a_filter_language_no_article_is_in_is_named():
    query = make_query(only_language="de")
    assert language_not_held(query, [], []) is Reason.LANGUAGE_NOT_HELD
    text = abstention_text(Reason.LANGUAGE_NOT_HELD, query)
    assert "No indexed article is in German (de)" in text and "Albanian (sq)" in text
    assert language_not_held(make_query(only_language="sq"), [], []) is None


def test_weak_evidence_abstains_and_the_credit_for_another_language_counts():
    assert weak_evidence(make_query(), [evidence(score=0.85)], [source()]) is Reason.NOT_IN_ARTICLES
    assert weak_evidence(make_query(), [evidence(score=0.91)], [source()]) is None
    # 0.87 + the 0.04 credit for a sentence in another language than the question's reaches 0.9
    assert weak_evidence(make_query(), [evidence(score=0.87)], [source(language="sq")]) is None
    assert weak_evidence(make_query(), [], []) is Reason.NOT_IN_ARTICLES  # no sentence at all


def test_a_sentence_that_states_the_asked_count_is_credited_as_evidence():
    question = "Sa shtëpi u dëmtuan nga tajfuni?"
    words, forms = counted_units(question, "sq")
    query = make_query(question, language="sq", counted_units=tuple(words + forms + ["bahay"]))
    stated = "Ayon sa ulat, humigit-kumulang 930 bahay ang nasira."
    # 0.85 + 0.04 for another language + 0.02 for stating the count reaches 0.9; without the count it does not
    assert weak_evidence(query, [evidence(score=0.85, text=stated)], [source(language="tl", text=stated)]) is None
    other = "Ayon sa ulat, maraming bahay ang nasira."
    assert weak_evidence(query, [evidence(score=0.85, text=other)], [source(language="tl", text=other)]) \
        is Reason.NOT_IN_ARTICLES


def test_a_sentence_in_another_language_that_holds_the_asked_kind_is_credited_as_evidence():
    query = make_query(answer_type=AnswerType.PERSON)
    named = "Kryetari i rajonit, Oleg Kozhemiako, e priti Kimin në stacion."
    # 0.85 + 0.04 for another language + 0.02 for a new name, as "who" asks, reaches 0.9
    assert weak_evidence(query, [evidence(score=0.85, text=named)], [source(language="sq", text=named)]) is None
    unnamed = "Kryetari i rajonit e priti Kimin në stacion."
    assert weak_evidence(query, [evidence(score=0.85, text=unnamed)], [source(language="sq", text=unnamed)]) \
        is Reason.NOT_IN_ARTICLES
    # In the question's own language a sentence shares its words, and gets neither credit.
    english = "Governor Oleg Kozhemiako welcomed Kim at the station."
    assert weak_evidence(query, [evidence(score=0.89, text=english)], [source(text=english)]) \
        is Reason.NOT_IN_ARTICLES


def test_under_a_language_filter_the_reason_is_the_filter():
    query = make_query(only_language="tl")
    assert weak_evidence(query, [evidence(score=0.5)], [source()]) is Reason.LANGUAGE_FILTER
    assert "language you chose, Tagalog (tl), don't say" in abstention_text(Reason.LANGUAGE_FILTER, query)


def test_low_similarity_abstains_whatever_the_spelling_shares():
    assert low_similarity(make_query(), [evidence(score=1.2, similarity=0.75)], [source()]) is Reason.NOT_IN_ARTICLES
    assert low_similarity(make_query(), [evidence(similarity=0.85)], [source()]) is None
    assert low_similarity(make_query(policy=replace(POLICY, min_similarity=None)), [evidence(similarity=0.1)],
                          [source()]) is None


def test_indistinct_evidence_abstains_when_no_sentence_is_close_or_stands_out_of_its_language():
    # The question's mean cosine to the Tagalog passages is 0.79: a Tagalog sentence at 0.81 is no closer than most.
    means = {"tl": np.array([0.79, 0.0, 0.0]), "en": np.array([0.70, 0.0, 0.0])}
    query = make_query("Kailan naimbento ang eroplano?", index=IndexFacts(100, frozenset({"en", "tl"}), means),
                       searches=(Search("q", (1.0, 0.0, 0.0)),), policy=replace(POLICY, distinct_evidence=(0.82, 0.04)))
    tagalog = [source("tl")]
    assert indistinct_evidence(query, [evidence(similarity=0.81)], tagalog) is Reason.NOT_IN_ARTICLES
    assert indistinct_evidence(query, [evidence(similarity=0.81)], [source("en")]) is None  # 0.11 over English's
    assert indistinct_evidence(query, [evidence(similarity=0.825)], tagalog) is None  # close enough in itself
    assert indistinct_evidence(replace(query, policy=POLICY), [evidence(similarity=0.81)], tagalog) is None
    # A question that names the articles' people or places is left to the other rules.
    named = replace(query, search_text="Kailan dumating si Kim sa Vladivostok?")
    assert indistinct_evidence(named, [evidence(similarity=0.81)], tagalog) is None


def test_a_name_no_article_mentions_abstains(words):
    assert unknown_name(make_query("Who is the president of France?", words=words), [], []) is Reason.NOT_IN_ARTICLES
    assert unknown_name(make_query("Who welcomed Kim in Vladivostok?", words=words), [], []) is None
    # German capitalises its nouns: "Gouverneur" is no name
    assert unknown_name(make_query("Wer ist der Gouverneur der Region Primorje?", words=words), [], []) is None


def test_novel_words_abstain_only_in_the_question_s_language(words):
    query = make_query("Who cooked the breakfast pancakes?", words=words)
    assert novel_words(query, [evidence(score=0.91)], [source()]) is Reason.NOT_IN_ARTICLES
    assert novel_words(query, [evidence(score=0.95)], [source()]) is None  # confident evidence
    assert novel_words(query, [evidence(score=0.91)], [source(language="sq")]) is None  # answered in other words
    assert novel_words(replace(query, policy=replace(POLICY, max_novel=None)), [evidence(score=0.91)],
                       [source()]) is None


def test_a_count_is_answered_only_by_a_number_with_what_was_counted():
    query = make_query("How many months had Russia been at war?", counted_units=("months", "muaj", "buwan"))
    stated = evidence(text="Rusia ka 18 muaj luftë në Ukrainë.")
    unstated = evidence(text="The two countries signed an agreement.")
    assert count_not_stated(query, [unstated], [source()]) is Reason.NOT_IN_ARTICLES
    assert count_not_stated(query, [unstated, stated], [source()]) is None
    assert count_not_stated(make_query(), [unstated], [source()]) is None  # asks no count


def test_rules_are_asked_in_order_and_the_first_names_itself():
    query = make_query(index=IndexFacts(0, frozenset()), only_language="de")
    assert first_reason(BEFORE_SEARCH, query, [], []) == (Reason.NO_ARTICLES, "no_articles")
    assert first_reason(AFTER_EVIDENCE, make_query(), [evidence(score=0.5, similarity=0.5)], [source()]) \
        == (Reason.NOT_IN_ARTICLES, "weak_evidence")
    assert first_reason(AFTER_EVIDENCE, make_query(), [evidence()], [source()]) is None


@pytest.mark.parametrize("question, language, sentence, states", [
    # An age is the person's the question names: another person's age in a sentence about the same story is none.
    ("How old is Besnik Arbana?", "en", "Shkalla, a 51-year-old hydraulic engineer, took the oath.", False),
    ("How old is Ermira Shkalla?", "en", "Shkalla, a 51-year-old hydraulic engineer, took the oath.", True),
    ("Ilang taon na si Rafael Villacorta?", "tl", "Villacorta, 27, averaged 19 points a game.", True),
    ("Sa vjeç është gjyqtarja Elona Brahimaj?", "sq", "Shkalla, a 51-year-old engineer, took the oath.", False),
    # Other counts need no name: "five drones" answers how many Kim was given, though the sentence says "him".
    ("How many drones was Kim given?", "en", "He was given five explosive drones.", True),
])
def test_an_age_is_stated_only_with_the_name_of_the_person_asked_about(question, language, sentence, states):
    words_, forms = counted_units(question, language)
    query = make_query(question, counted_units=tuple(words_ + forms))
    assert count_not_stated(query, [evidence(text=sentence)], [source(text=sentence)]) is (None if states else
                                                                                          Reason.NOT_IN_ARTICLES)
