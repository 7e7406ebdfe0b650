"""When the assistant says that the articles don't say: abstention rules, in the order they are asked.

Each rule is a function `(query, evidence, sources) -> Reason | None`; the first that gives a reason decides, and
`Answer.rule` names it. `BEFORE_SEARCH` rules need no passages and are asked before any search; `AFTER_EVIDENCE`
ones weigh the retrieved passages' sentences (`qa/evidence.py`). A new rule is one function in a list.
"""

from __future__ import annotations

from typing import Callable

from qa.coverage import MIN_WORD, capitalises_nouns, novel_share, split_names, unknown_names, words
from qa.answer_types import CHECKED, TOKEN, mentioned
from qa.evidence import Evidence, answer_of_kind, best_support, in_its_words
from qa.quantities import asks_age, states_count, states_per, sums_named
from qa.prepare import Query
from qa.retrieval import language_bias_of
from qa.questions import language_label
from qa.types import Reason, Source

ABSTENTION = "The articles don't say. None of the indexed passages answers this question."
FILTERED_ABSTENTION = ("The articles in the language you chose, {language}, don't say. Ask again without the "
                       "language filter to search the articles in every language.")
LANGUAGE_NOT_HELD = ("No indexed article is in {language}. The articles are in {held}: choose one of those, or ask "
                     "without the language filter.")
NO_ARTICLES = ("The index holds no articles yet. Add some with 'qa ingest PATH...' (the bundled ones: 'qa ingest "
               "data/articles' in the project folder) or in the Documents tab of the chat page, then ask again.")

# A refusal by an `ON_TOPIC` rule quotes what the articles say closest to the question, marked as no answer: the
# passages are about its subject and lack only the kind of answer it asks for (a time, a name, a count), and the
# reader sees what they do say.
NEARBY = "{refusal} The closest sentence found, which does not appear to answer it: “{sentence}” [{number}]"

Rule = Callable[[Query, list[Evidence], list[Source]], "Reason | None"]


def not_answered(query: Query) -> Reason:
    """No passage answers: in the articles of the chosen language, or in any."""
    return Reason.LANGUAGE_FILTER if query.only_language else Reason.NOT_IN_ARTICLES


def no_articles(query: Query, evidence: list[Evidence], sources: list[Source]) -> Reason | None:
    """The index is empty."""
    return Reason.NO_ARTICLES if not query.index.passage_total else None


def language_not_held(query: Query, evidence: list[Evidence], sources: list[Source]) -> Reason | None:
    """The language filter asks for a language no article is in."""
    held = query.index.languages
    return Reason.LANGUAGE_NOT_HELD if query.only_language and held and query.only_language not in held else None


def weak_evidence(query: Query, evidence: list[Evidence], sources: list[Source]) -> Reason | None:
    """No sentence scores the policy's minimum evidence (cosine plus trigram overlap, credited across languages, and
    credited to a sentence in another language that holds the kind of answer asked for: `answering_sentences`)."""
    policy = query.policy
    if best_support(evidence, sources, query.language, policy) >= policy.min_evidence:
        return None
    answering = [e for e in answering_sentences(query, evidence, sources)
                 if sources[e.source_number - 1].language != query.language]
    if not answering or best_support(answering, sources, query.language, policy) + policy.answer_credit \
            < policy.min_evidence:
        return not_answered(query)
    return None


def answering_sentences(query: Query, evidence: list[Evidence], sources: list[Source]) -> list[Evidence]:
    """The sentences that hold the kind of answer the question asks for: for "how many", the best one stating the count
    (`count_sentence`); for a name, a date, a time or a duration, each one holding a candidate
    (`qa.evidence.answer_of_kind`); none for a question whose kind has no form to look for."""
    if query.counted_units:
        counted = count_sentence(query, evidence)
        return [] if counted is None else [counted]
    if query.answer_type in CHECKED:
        return list(filter(answer_of_kind(query, sources), evidence))
    return []


def low_similarity(query: Query, evidence: list[Evidence], sources: list[Source]) -> Reason | None:
    """No sentence is close enough in meaning, whatever it shares in spelling: a sentence sharing one rare stem
    with an unrelated question ("symbolic" for "What is the chemical symbol for gold?") passes on spelling."""
    floor = query.policy.min_similarity
    if floor is not None and max((e.similarity for e in evidence), default=float("-inf")) < floor:
        return not_answered(query)
    return None


def indistinct_evidence(query: Query, evidence: list[Evidence], sources: list[Source]) -> Reason | None:
    """A question that names nothing (no capitalised word after its first) finds no sentence close in meaning, nor
    closer to it than the question's average passage of the sentence's language by a margin
    (`Settings.distinct_evidence`): the model puts every text of a language near a question in it, and without a
    name of the articles' people or places, nothing but that closeness says the question is about them."""
    floor = query.policy.distinct_evidence
    if floor is None or not evidence or split_names(query.search_text)[0]:
        return None
    similarity, margin = floor
    bias = language_bias_of(query.index.language_means, query.vector)
    stands_out = max(e.similarity - bias.get(sources[e.source_number - 1].language or "", 0.0) for e in evidence)
    if max(e.similarity for e in evidence) < similarity and stands_out < margin:
        return not_answered(query)
    return None


def unknown_name(query: Query, evidence: list[Evidence], sources: list[Source]) -> Reason | None:
    """The question names something ("France", "Titanic") that no indexed passage mentions (`qa.coverage`);
    in a language that capitalises its nouns, a capital marks no name. Reads the search text: a follow-up's
    words come from the conversation."""
    words = query.words
    if words is None:
        return None
    names = unknown_names(query.search_text, words.count_word_starting, words.count_containing, words.words_starting)
    if names and not capitalises_nouns(query.search_text, query.index.languages):
        return not_answered(query)
    return None


def novel_words(query: Query, evidence: list[Evidence], sources: list[Source]) -> Reason | None:
    """Too many of the question's content words are in no passage (`Settings.max_novel`), unless the evidence is
    confident. Words can only be checked against text in the question's language: when the best passage or the
    best sentence is in another one, the question's words may be answered there in other words."""
    policy, language = query.policy, query.language
    if policy.max_novel is None or query.words is None or not evidence or not sources:
        return None
    if language is None or language != sources[0].language \
            or language != sources[evidence[0].source_number - 1].language:
        return None
    same_language = [s.text for s in sources if s.language == language]
    novel = novel_share(query.search_text, same_language, query.words.count_word_starting, query.index.passage_total)
    if novel >= policy.max_novel and evidence[0].score < policy.confident_evidence:
        return not_answered(query)
    return None


def states_asked_count(query: Query, sentence: str) -> bool:
    """Whether the sentence states a number with what the question counts; an age only with a name of the person the
    question names: "Shkalla, a 51-year-old engineer" does not answer "How old is Besnik Arbana?"."""
    units = list(query.counted_units)
    if not states_count(sentence, units) or (query.per and not states_per(sentence, query.per)):
        return False
    # A sum of a kind the question names (a wage, a fine, a prize, a ticket) is stated only where that kind is named:
    # "P500 na allowance" is no nurse's wage, "at a cost of ₱940 million" no ticket's price.
    if query.sums and not query.sums & sums_named(sentence):
        return False
    if not asks_age(units):
        return True
    names = [word for name in split_names(query.text)[0] for word in words(name) if len(word) >= MIN_WORD]
    # Any capitalised word, the sentence's first too ("Villacorta, 27, averaged …").
    return not names or any(mentioned(token, names) for token in TOKEN.findall(sentence) if token[:1].isupper())


def count_sentence(query: Query, evidence: list[Evidence]) -> Evidence | None:
    """For a "how many" question, the best sentence that states a number with what was counted, and in the question's
    language repeats a word of it (`in_its_words`: "Umabot sa ₱14.6 bilyon ang kabuuang gastos ng proyekto" states a
    sum, and no relocation site's)."""
    return next((e for e in evidence if e.about and states_asked_count(query, e.sentence.text)
                 and in_its_words(query, e)), None)


def count_not_stated(query: Query, evidence: list[Evidence], sources: list[Source]) -> Reason | None:
    """A "how many" question is answered only by a number with what was counted ("18 muaj luftë" for "how many
    months … at war"); many sentences about the same events hold some other number."""
    if query.counted_units and count_sentence(query, evidence) is None:
        return not_answered(query)
    return None


def no_answer_of_type(query: Query, evidence: list[Evidence], sources: list[Source]) -> Reason | None:
    """A question that asks for a name, a date, a time or a duration is answered only by a sentence of the retrieved
    passages that holds one (`qa.answer_types`): on-topic sentences that only mention the question's subject ("the
    train left the station" for "At what time did the train leave?") do not."""
    if query.answer_type in CHECKED and not any(map(answer_of_kind(query, sources), evidence)):
        return not_answered(query)
    return None


BEFORE_SEARCH: list[Rule] = [no_articles, language_not_held]
# Passed by the evidence rules before them, these refuse passages close to the question for lacking only its kind of
# answer; the others find the passages weak or about something else, and quoting one would only mislead.
ON_TOPIC = frozenset(rule.__name__ for rule in (count_not_stated, no_answer_of_type))
AFTER_EVIDENCE: list[Rule] = [weak_evidence, low_similarity, indistinct_evidence, unknown_name, novel_words,
                               count_not_stated, no_answer_of_type]


def first_reason(rules: list[Rule], query: Query, evidence: list[Evidence],
                 sources: list[Source]) -> tuple[Reason, str] | None:
    """(the reason, the rule's name) of the first rule that abstains; None when none does."""
    for rule in rules:
        reason = rule(query, evidence, sources)
        if reason is not None:
            return reason, rule.__name__
    return None


def abstention_text(reason: Reason, query: Query) -> str:
    """What the user reads when the assistant abstains for `reason`."""
    if reason is Reason.NO_ARTICLES:
        return NO_ARTICLES
    if reason is Reason.LANGUAGE_NOT_HELD:
        return LANGUAGE_NOT_HELD.format(language=language_label(query.only_language or ""),
                                        held=", ".join(language_label(code) for code in sorted(query.index.languages)))
    if reason is Reason.LANGUAGE_FILTER:
        return FILTERED_ABSTENTION.format(language=language_label(query.only_language or ""))
    return ABSTENTION
