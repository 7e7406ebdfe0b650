"""How well each sentence of the retrieved passages answers the question: the evidence that the abstention rules
(`qa/rules.py`) weigh and the quoting answerer (`qa/answering.py`) quotes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Mapping

import numpy as np

from qa.answer_types import (CHECKED, NAMED, SAME_NAME_PREFIX, AnswerType, holds_answer, holds_exact_answer,
                             institutions_asked, institutions_named, named_beside, names_any, shares_a_word,
                             person_names, question_names, relations_named, topic_names)
from qa.coverage import split_names
from qa.retrieval import Candidate, language_bias_of
from qa.types import Source
from vectorstore.text import fold, query_grams, words_of
from vectorstore.catalog import PassageSentences
from vectorstore.chunking import Span, answer_sentences
from vectorstore.embedding import Embedder
from vectorstore.settings import Settings

if TYPE_CHECKING:
    from qa.prepare import Query

KEEP_RATIO = 0.8  # sentences worth quoting score at least this share of the best one,
KEEP_SIMILARITY_MARGIN = 0.05  # or are this close to the best cosine similarity (words shared need not count)
PASSAGE_ORDER_WEIGHT = 0.03  # see `quoting_order`


@dataclass(frozen=True)
class Evidence:
    source_number: int
    sentence: Span
    score: float  # how well it answers: cosine + weighted trigram overlap (what abstention reads)
    rank: float  # which sentences to quote: the score freed of language bias and of hub sentences
    similarity: float  # the cosine alone
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)  # the sentence's unit vector
    about: bool = True  # its article names what the question names (`about_question`), where that is checked
    language: str | None = None  # its source's language


@dataclass(frozen=True)
class AnswerPolicy:
    """How sentences are scored (cosine + weight * trigram overlap) and when evidence is too weak."""

    overlap_weight: float
    min_evidence: float
    confident_evidence: float  # a best sentence scoring this much is answered even with unknown words
    max_novel: float | None = 0.5  # abstain when this share of the question's words is in no passage; None: never
    rank_overlap_weight: float = 0.1
    # Weight of the overlap with the question's counterparts in other languages (the word bridge) when
    # choosing sentences: it lets "... 18 muaj luftë" answer "how many months ... at war". Tuned on the dev
    # set and eval/extra.jsonl (docs/quality.md).
    rank_bridge_weight: float = 0.2
    cross_language_credit: float = 0.0  # added to a sentence's score against min_evidence when its language
    # is not the question's (`Settings.cross_language_credit`)
    min_similarity: float | None = None  # abstain when no sentence is this close in meaning, whatever it
    # shares in spelling (`Settings.min_similarity`); None: no such floor
    distinct_evidence: tuple[float, float] | None = None  # (cosine, margin) of `Settings.distinct_evidence`
    # Weight of a sentence's cosine similarity to a follow-up's own words when choosing and ordering the
    # sentences to quote: searched with the conversation, "And when did he leave?" had opened with the
    # gifts sentence that answered the question before it (bench/followups.py).
    follow_up_weight: float = 1.0
    # Weight of a sentence's closeness to the mean of the retrieved sentences, taken off its rank: a news lead
    # ("KALUMPIT CITY, 18 October — The Stallions opened …, as Mayor … cut the ribbon …") sums up its story, is near
    # every question about it and names everyone, while an answer is a detail. 0.3 to 1.0 gave the same gains
    # (fresh answer hit +1, holdout first-sentence hit +1 to +2 of 32); docs/quality.md. Not for follow-ups.
    rank_centrality_weight: float = 0.5
    # Taken off the rank of an article's opening (its title and the sentence after it): a headline and a lead sum up
    # the story and hold a name, a date and a number for every question about it, while a question asks a detail.
    # On the eval sets 0.03, 0.06 and 0.1 gave 6, 7 and 9 answers or first sentences more, and 0, 1 and 1 fewer (a
    # first sentence on fresh, then its answer); measured again with the fourth unseen set, 0.1 against 0.06: 4 more,
    # 1 fewer, and 0.15 or 0.25 no better (docs/quality.md). Not for follow-ups: "And when did he leave?" asks the
    # story's main fact, which its lead gives ("… left Russia this Sunday, ending …"; tests/qa/test_query.py).
    rank_opening_weight: float = 0.1
    # Added to the evidence of a sentence in another language than the question's that holds the kind of answer asked
    # for: the count a "how many" question asks for ("930 bahay" for "Sa shtëpi u dëmtuan …?"), or a new name, a date
    # or a time (`qa.answer_types.CHECKED`): a translation that answers scores less than its similarity says, while a
    # sentence in the question's own language shares its words. For counts, 0.02 and 0.04 both answered one more
    # unseen3 question; for every checked kind in another language, 0.02 answered two more questions of the fifteen
    # tuning sets and refused one more off-topic question (the count credit had also been given in the question's
    # language), and nothing else moved; in any language, it answered an off-topic question (docs/quality.md).
    answer_credit: float = 0.02

    @classmethod
    def from_settings(cls, settings: Settings) -> "AnswerPolicy":
        min_evidence, confident_evidence = settings.evidence_thresholds
        return cls(settings.overlap_weight, min_evidence, confident_evidence, settings.max_novel,
                   cross_language_credit=settings.cross_language_credit, min_similarity=settings.min_similarity,
                   distinct_evidence=settings.distinct_evidence)


def term_overlap(gram_weights: dict[str, float], text: str) -> float:
    """IDF-weighted share of the question's word trigrams found in the text (names and stems cross languages)."""
    total = sum(gram_weights.values())
    if not total:
        return 0.0
    found = set(query_grams(text, limit=None))
    return sum(w for g, w in gram_weights.items() if g in found) / total


def sentences_of(sources: list[Candidate], stored: Mapping[str, PassageSentences],
                 embedder: Embedder) -> tuple[list[tuple[int, Span, str]], np.ndarray]:
    """The sources' answer sentences (source number, span in its article, language) and their vectors: those
    stored at ingest, and, for a passage stored without them, embedded now."""
    sentences, vectors, missing = [], [], []
    for number, source in enumerate(sources, start=1):
        kept = stored.get(source.id)
        if kept is None:
            missing += [(number, span, source.language or "") for span in answer_sentences(source.text, source.start)]
            continue
        for (start, end), vector in zip(kept.bounds.tolist(), kept.vectors):
            sentences.append((number, Span(source.start + start, source.start + end, source.text[start:end]),
                              source.language or ""))
            vectors.append(vector)
    if missing:
        sentences += missing
        vectors += list(np.asarray(embedder.get_text_embedding_batch([span.text for _, span, _ in missing])))
    order = sorted(range(len(sentences)), key=lambda i: (sentences[i][0], sentences[i][1].start))
    return [sentences[i] for i in order], np.array([vectors[i] for i in order], dtype=np.float64)


def rank_evidence(query: "Query", sources: list[Candidate], stored: Mapping[str, PassageSentences],
                  embedder: Embedder) -> list[Evidence]:
    """The sources' sentences, best answer first.

    Quoting ranks by cosine minus the question's mean similarity to the sentence's language (as
    retrieval does) and minus the sentence's own similarity to that mean: an overview sentence
    ("Kim left Russia on Sunday, ending a tour…") is close to every question and answers none.
    It takes off the sentence's closeness to the retrieved sentences' mean (a story's lead sums it up and answers
    little) and a little for an article's title and lead (`opens_article`), and adds the sentence's share of the
    question's trigrams and of its counterparts' trigrams (`Query.bridge_weights`), and for a follow-up searched with
    the conversation, its similarity to the follow-up's own words (`Query.own_vector`). `stored` holds the sentences'
    vectors computed at ingest (`sentences_of`).
    """
    policy, gram_weights, bridge_weights = query.policy, query.gram_weights, query.bridge_weights
    sentences, vectors = sentences_of(sources, stored, embedder)
    if not sentences:
        return []
    question = np.asarray(query.vector)
    similarity = vectors @ question
    means = query.index.language_means
    bias = language_bias_of(means, question)
    focus = vectors @ np.asarray(query.own_vector) if query.own_vector is not None else np.zeros(len(sentences))
    # Not for a follow-up: its passages are found with the conversation, whose subject their mean then is.
    centre = vectors.mean(axis=0)
    centrality = vectors @ (centre / (np.linalg.norm(centre) or 1.0))
    weight = 0.0 if query.follow_up else policy.rank_centrality_weight
    centrality = weight * (centrality - centrality.mean())
    # Read only where a kind of answer is looked for: it decides which sentences hold one.
    about = about_question(query, sources) if query.counted_units or query.answer_type in CHECKED \
        else [True] * len(sources)
    evidence = []
    for (number, span, language), vector, sim, on_follow_up, central in zip(sentences, vectors, similarity, focus,
                                                                             centrality):
        overlap = term_overlap(gram_weights, span.text)
        bridged = term_overlap(bridge_weights, span.text) if bridge_weights else 0.0
        typical = bias[language] + float(means[language] @ vector) if language in means else 0.0
        opening = policy.rank_opening_weight if not query.follow_up and opens_article(sources[number - 1], span) \
            else 0.0
        evidence.append(Evidence(number, span, float(sim) + policy.overlap_weight * overlap,
                                 float(sim) - typical + policy.rank_overlap_weight * overlap
                                 + policy.rank_bridge_weight * bridged + policy.follow_up_weight * float(on_follow_up)
                                 - float(central) - opening,
                                 float(sim), vector, about[number - 1], language))
    return sorted(evidence, key=lambda e: e.score, reverse=True)


def opens_article(source: Candidate, sentence: Span) -> bool:
    """Whether the sentence is its article's title or the one after it (the lead): it starts within the title's
    length (an untitled article's title is its first sentence, cut with "…")."""
    return sentence.start <= len(source.title.rstrip("…").strip()) + 2


def credited_score(e: Evidence, sources: list[Source], language: str | None, policy: AnswerPolicy) -> float:
    """The sentence's score, plus the cross-language credit if it is not in the question's language."""
    other_language = language and sources[e.source_number - 1].language != language
    return e.score + (policy.cross_language_credit if other_language else 0.0)


def best_support(evidence: list[Evidence], sources: list[Source], language: str | None, policy: AnswerPolicy) -> float:
    """The best sentence's credited score."""
    return max((credited_score(e, sources, language, policy) for e in evidence), default=float("-inf"))


def answer_of_kind(query: "Query", sources: list[Source], topic: list[str] | None = None,
                   full_names: frozenset[str] | None = None) -> Callable[[Evidence], bool]:
    """Whether a sentence of these sources holds an answer of the kind the question asks for (`holds_answer`); where
    the kind is this module's to check, one that repeats nothing of the question does not (`in_its_words`)."""
    holds = text_of_kind(query, sources, topic, full_names)
    checked = query.answer_type in CHECKED
    return lambda e: e.about and holds(e.sentence.text, e.language) and (not checked or in_its_words(query, e))


def in_its_words(query: "Query", evidence: Evidence) -> bool:
    """Whether a sentence in the question's language repeats a word of it (`shares_a_word`; a follow-up's words with
    the conversation's questions). A sentence in another language says the words otherwise and is not checked."""
    return evidence.language != query.language or shares_a_word(evidence.sentence.text, query.search_text)


NAME_ENDING = 2  # letters a name may change at its end in another case ("Portëbardhë", "Portëbardhës")


def about_question(query: "Query", sources: list[Candidate]) -> list[bool]:
    """For each source, whether its article names something the question names (`question_names`), of the names
    that articles in the source's language spell: a name that language writes otherwise ("Pyongyang", Albanian
    "Phenian") checks nothing. True where nothing is checked: a question that names nothing, or only such names.

    A sentence of an article about another story holds a candidate of every kind ("at 6 a.m.", "8,000 euros") and
    answers nothing the question asks about ("When did the prize ceremony in Portëbardhë begin?")."""
    names = question_names(query.named)
    if not names or query.words is None:
        return [True] * len(sources)
    # The catalog's words keep their diacritics ("portëbardhë"): looked up as the question writes them.
    spelled = {fold(word): word for word in words_of(" ".join(split_names(" ".join(query.named))[0]))}
    stems = {name: spelled.get(name, name)[:max(SAME_NAME_PREFIX, len(name) - NAME_ENDING)] for name in names}
    languages = {source.language or "" for source in sources}
    held = query.words.passages_with_prefixes([(stem, language) for stem in stems.values() for language in languages])
    texts = query.words.article_texts({source.document for source in sources})
    about = []
    for source in sources:
        checked = [name for name in names if held.get((stems[name], source.language or ""), 0)]
        about.append(not checked or names_any(texts.get(source.document, source.text), checked))
    return about


def topic_of(query: "Query", sources: list[Source]) -> list[str]:
    """The names the sources are all about (`topic_names`), for a question that asks for a name."""
    # Passages repeated word for word (an article ingested twice, syndicated copies) are one voice, not a topic.
    return topic_names(list(dict.fromkeys(" ".join(s.text.split()) for s in sources))) \
        if query.answer_type in NAMED else []


def names_of_people(query: "Query", sources: list[Source]) -> frozenset[str]:
    """For a "who" question, the words of the sources' names of people (`person_names`)."""
    return person_names(s.text for s in sources) if query.answer_type is AnswerType.PERSON else frozenset()


def text_of_kind(query: "Query", sources: list[Source], topic: list[str] | None = None,
                 full_names: frozenset[str] | None = None) -> Callable[[str, str | None], bool]:
    """Whether a text (a sentence, or a passage) of these sources, in its language, holds an answer of the kind the
    question asks for (`holds_answer`); `topic` and `full_names`: the sources' `topic_of` and `names_of_people`, when
    the caller has them."""
    full_names = names_of_people(query, sources) if full_names is None else full_names
    topic = topic_of(query, sources) if topic is None else topic
    # A relative ("Arben Kolaj's wife") is named only by a sentence that names that relation ("his wife, …").
    relatives = relations_named(query.text)
    # An institution asked for by its kind ("Which hotel …?") is named only where that kind is ("the Hotel Rozafa"):
    # such names say what they are, and a sentence naming only a company or a town does not answer.
    institutions = institutions_asked(query.text)
    return lambda text, language: holds_answer(query.answer_type, text, query.named, full_names, topic, query.asked,
                                               language) \
        and (not relatives or bool(relatives & relations_named(text))) \
        and (not institutions or bool(institutions & institutions_named(text))) \
        and (not query.name_of or named_beside(query.answer_type, text, query.named, query.name_of, topic=topic))


def worth_quoting(query: "Query", sources: list[Source], evidence: list[Evidence]) -> list[Evidence]:
    """The sentences that hold an answer of the kind the question asks for (`qa.answer_types`) and answer nearly as
    well as the best of those, best first (`quoting_order`).

    Credited as for abstention: a sentence in another language shares fewer of the question's trigrams, and an
    overview sentence in the question's own language must not push out the one that answers. A sentence as close in
    meaning as the best one stays too, though it repeats fewer of the question's words: "Its winner, the glassblower
    …" answers "Who won the Zorblat Festival of Glass?" less in spelling than "The Zorblat Festival of Glass was held
    in …" does.
    """
    if not evidence:
        return []
    policy = query.policy
    topic = topic_of(query, sources)
    full_names = names_of_people(query, sources)
    typed = list(filter(answer_of_kind(query, sources, topic, full_names), evidence))
    if not typed:
        return []
    # A clock time, where some sentence has one, before a part of the day; a person named in full before a surname.
    typed = [e for e in typed if holds_exact_answer(query.answer_type, e.sentence.text, query.named, topic,
                                                    query.asked)] or typed
    # A person named beside the words the question asks for them by ("the director of …") before one named elsewhere.
    if query.asked:
        typed = [e for e in typed if named_beside(query.answer_type, e.sentence.text, query.named, query.asked,
                                                  full_names, topic)] or typed
    # Weighed against the best sentence of the kind asked for: a title that repeats the question's names ("The
    # Lighthouse of Vrellë Reopens") outscores on shared words the sentence that names who led the restoration.
    best = best_support(typed, sources, query.language, policy)
    closest = max(e.similarity for e in typed)
    kept = [e for e in typed if credited_score(e, sources, query.language, policy) >= KEEP_RATIO * best
            or e.similarity >= closest - KEEP_SIMILARITY_MARGIN]
    return sorted(kept, key=lambda e: quoting_order(query, e), reverse=True)


def quoting_order(query: "Query", e: Evidence) -> float:
    """The sentence's rank, less a little for each passage ranked above its own: the passage search weighs the
    whole passage with both rankers, and a sentence of a better passage is likelier to be the answer (the first
    sentence held the answer for 82 of the tuning sets' 117 answerable questions, against 72 by rank alone). Not
    for a follow-up: its passages are ranked for the conversation, its sentences for the follow-up's own words
    (bench/followups.py)."""
    return e.rank - (0.0 if query.follow_up else PASSAGE_ORDER_WEIGHT * (e.source_number - 1))
