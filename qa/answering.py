"""The default answerer: quote the sentences of the sources that best answer the question, each cited.

It writes nothing of its own but the abstention line, so every sentence of an answer is in a source.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding

from qa.coverage import WordCounter, WordLister, capitalises_nouns, novel_share, unknown_names
from qa.quantities import states_count
from qa.questions import language_label
from qa.retrieval import Candidate, language_bias_of
from qa.types import Answer, Source
from vectorstore.catalog import query_grams
from vectorstore.chunking import Span, sentence_spans

ABSTENTION = "The articles don't say. None of the indexed passages answers this question."
FILTERED_ABSTENTION = ("The articles in the language you chose, {language}, don't say. Ask again without the "
                       "language filter to search the articles in every language.")
LANGUAGE_NOT_HELD = ("No indexed article is in {language}. The articles are in {held}: choose one of those, or ask "
                     "without the language filter.")
NO_ARTICLES = ("The index holds no articles yet. Add some with 'qa ingest PATH...' (the bundled ones: 'qa ingest "
               "data/articles' in the project folder) or in the Documents tab of the chat page, then ask again.")
MAX_SENTENCES = 4
KEEP_RATIO = 0.8  # further sentences must score at least this share of the best one,
KEEP_SIMILARITY_MARGIN = 0.05  # or be this close to the best cosine similarity (words shared need not count)
MIN_SENTENCE_CHARS = 15


@dataclass(frozen=True)
class Evidence:
    source_number: int
    sentence: Span
    score: float  # how well it answers: cosine + weighted trigram overlap (what abstention reads)
    rank: float  # which sentences to quote: the score freed of language bias and of hub sentences
    similarity: float  # the cosine alone


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
    # set and eval/extra.jsonl (README, "Answer quality").
    rank_bridge_weight: float = 0.2
    cross_language_credit: float = 0.0  # added to a sentence's score against min_evidence when its language
    # is not the question's (`Settings.cross_language_credit`)
    min_similarity: float | None = None  # abstain when no sentence is this close in meaning, whatever it
    # shares in spelling (`Settings.min_similarity`); None: no such floor
    # Weight of a sentence's cosine similarity to a follow-up's own words when choosing and ordering the
    # sentences to quote: searched with the conversation, "And when did he leave?" had opened with the
    # gifts sentence that answered the question before it (bench/followups.py).
    follow_up_weight: float = 1.0


def term_overlap(gram_weights: dict[str, float], text: str) -> float:
    """IDF-weighted share of the question's word trigrams found in the text (names and stems cross languages)."""
    total = sum(gram_weights.values())
    if not total:
        return 0.0
    found = set(query_grams(text, limit=None))
    return sum(w for g, w in gram_weights.items() if g in found) / total


def rank_evidence(
    question_vector: list[float],
    sources: list[Candidate],
    embedder: BaseEmbedding,
    gram_weights: dict[str, float],
    policy: AnswerPolicy,
    language_means: dict[str, np.ndarray] | None = None,
    bridge_weights: dict[str, float] | None = None,
    follow_up_vector: list[float] | None = None,
) -> list[Evidence]:
    """The sources' sentences, best answer first.

    Quoting ranks by cosine minus the question's mean similarity to the sentence's language (as
    retrieval does) and minus the sentence's own similarity to that mean: an overview sentence
    ("Kim left Russia on Sunday, ending a tour…") is close to every question and answers none.
    It adds the sentence's share of the question's trigrams and of its counterparts' trigrams
    (`bridge_weights`, from `HybridRetriever.counterparts`), and for a follow-up searched with the conversation,
    its similarity to the follow-up's own words (`follow_up_vector`).
    """
    sentences = [
        (number, span, source.language or "")
        for number, source in enumerate(sources, start=1)
        for span in sentence_spans(source.text, source.start)
        if len(span.text.strip()) >= MIN_SENTENCE_CHARS
    ]
    if not sentences:
        return []
    vectors = np.array(embedder.get_text_embedding_batch([span.text for _, span, _ in sentences]))
    question = np.asarray(question_vector)
    similarity = vectors @ question
    means = language_means or {}
    bias = language_bias_of(means, question)
    focus = vectors @ np.asarray(follow_up_vector) if follow_up_vector is not None else np.zeros(len(sentences))
    evidence = []
    for (number, span, language), vector, sim, on_follow_up in zip(sentences, vectors, similarity, focus):
        overlap = term_overlap(gram_weights, span.text)
        bridged = term_overlap(bridge_weights, span.text) if bridge_weights else 0.0
        typical = bias[language] + float(means[language] @ vector) if language in means else 0.0
        evidence.append(Evidence(number, span, float(sim) + policy.overlap_weight * overlap,
                                 float(sim) - typical + policy.rank_overlap_weight * overlap
                                 + policy.rank_bridge_weight * bridged + policy.follow_up_weight * float(on_follow_up),
                                 float(sim)))
    return sorted(evidence, key=lambda e: e.score, reverse=True)


def credited_score(e: Evidence, sources: list[Source], language: str | None, policy: AnswerPolicy) -> float:
    """The sentence's score, plus the cross-language credit if it is not in the question's language."""
    other_language = language and sources[e.source_number - 1].language != language
    return e.score + (policy.cross_language_credit if other_language else 0.0)


def best_support(evidence: list[Evidence], sources: list[Source], language: str | None, policy: AnswerPolicy) -> float:
    """The best sentence's credited score."""
    return max((credited_score(e, sources, language, policy) for e in evidence), default=float("-inf"))


def evidence_is_weak(question: str, context: "QuestionContext", sources: list[Source], evidence: list[Evidence],
                     policy: AnswerPolicy) -> bool:
    if best_support(evidence, sources, context.language, policy) < policy.min_evidence:
        return True
    if policy.min_similarity is not None and max(e.similarity for e in evidence) < policy.min_similarity:
        return True
    names = unknown_names(question, context.count_word, context.count_containing, context.words_starting)
    if names and not capitalises_nouns(question, context.index_languages):
        return True
    if policy.max_novel is None:
        return False
    language = context.language
    # Words can only be checked against text in the question's language: when the best passage or the
    # best sentence is in another one, the question's words may be answered there in other words.
    if language is None or language != sources[0].language \
            or language != sources[evidence[0].source_number - 1].language:
        return False
    same_language = [s.text for s in sources if s.language == language]
    novel = novel_share(question, same_language, context.count_word, context.passage_total)
    return novel >= policy.max_novel and evidence[0].score < policy.confident_evidence


@dataclass(frozen=True)
class QuestionContext:
    """What the answerer knows of the question beyond its text."""

    language: str | None
    count_word: WordCounter
    passage_total: int
    count_containing: WordCounter | None = None  # passages containing a fragment anywhere in a word
    words_starting: WordLister | None = None  # indexed words by prefix and length
    # What a "how many" question counts, in its words and their counterparts in the index's other
    # languages (qa/quantities.py); empty when it asks no count.
    counted_units: tuple[str, ...] = ()
    only_language: str | None = None  # the language filter the sources were searched with, if any
    index_languages: frozenset[str] = frozenset()  # the languages of the indexed articles
    follow_up: bool = False  # searched with the conversation: quote what answers the follow-up first

    def abstention(self) -> str:
        if not self.only_language:
            return ABSTENTION
        return FILTERED_ABSTENTION.format(language=language_label(self.only_language))


def compose_answer(question: str, context: QuestionContext, sources: list[Source], evidence: list[Evidence],
                   policy: AnswerPolicy) -> Answer:
    if not context.passage_total:
        return Answer(text=NO_ARTICLES, sources=[], abstained=True, question=question)
    if evidence_is_weak(question, context, sources, evidence, policy):
        return Answer(text=context.abstention(), sources=[], abstained=True, question=question)
    # Credited as for abstention: a sentence in another language shares fewer of the question's trigrams, and an
    # overview sentence in the question's own language must not push out the one that answers.
    # A sentence as close in meaning as the best one stays too, though it repeats fewer of the question's words:
    # "Its winner, the glassblower …" answers "Who won the Zorblat Festival of Glass?" less in spelling than "The
    # Zorblat Festival of Glass was held in …" does.
    best = best_support(evidence, sources, context.language, policy)
    closest = max(e.similarity for e in evidence)
    kept = (e for e in evidence if credited_score(e, sources, context.language, policy) >= KEEP_RATIO * best
            or e.similarity >= closest - KEEP_SIMILARITY_MARGIN)
    relevant = sorted(kept, key=lambda e: e.rank, reverse=True)
    counted = None
    if context.counted_units:
        # Only a number with what was counted answers "how many": quote the sources' best sentence that
        # has one (evidence is best first), or abstain.
        counted = next((e for e in evidence if states_count(e.sentence.text, context.counted_units)), None)
        if counted is None:
            return Answer(text=context.abstention(), sources=[], abstained=True, question=question)
        relevant = [counted] + [e for e in relevant if e is not counted]
    chosen = relevant[:MAX_SENTENCES]
    if not context.follow_up:  # a follow-up's answer keeps its quoting order: what answers the follow-up first
        chosen.sort(key=lambda e: (e is not counted, e.source_number, e.sentence.start))  # the count first
    text = " ".join(f"{e.sentence.text.strip()} [{e.source_number}]" for e in chosen)
    return Answer(text=text, sources=sources, abstained=False, question=question)
