"""One question, prepared once: what every stage of the pipeline reads (`qa/pipeline.py`).

`Query.build` reads the index's facts, tells the question's language, embeds the question (and a follow-up's
own words) and computes its latent terms beside that pass, finds its words' counterparts in the index's other
languages and what it counts; no stage after it recomputes any of these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Protocol

import numpy as np

from qa.answer_types import NAMED_STEM, AnswerType, answer_type, asked_as, asked_stems, name_asked_of
from qa.coverage import INTERROGATIVES, WordCounter, WordLister, split_names
from qa.evidence import AnswerPolicy
from qa.history import standalone_question
from qa.quantities import asked_per, counted_units, sums_named
from vectorstore import lexicon
from vectorstore.embedding import question_passes, within_window
from vectorstore.language import detect_language
from vectorstore.latent_terms import Terms, has_latent_terms
from vectorstore.settings import Settings
from vectorstore.store import PassageIndex
from vectorstore.text import query_grams, words_of
from vectorstore.vocabulary import BridgePolicy, bridge_words


class WordIndex(Protocol):
    """The index's word and article lookups that the abstention rules and the evidence read (the catalog provides
    them)."""

    count_word_starting: WordCounter
    count_containing: WordCounter
    words_starting: WordLister

    def passages_with_prefixes(self, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], int]: ...

    def article_texts(self, documents: set[str]) -> dict[str, str]: ...


@dataclass(frozen=True)
class IndexFacts:
    """What the index holds, read once per question."""

    passage_total: int
    languages: frozenset[str]
    language_means: Mapping[str, np.ndarray] = field(default_factory=dict)  # each language's mean passage vector


@dataclass(frozen=True)
class Search:
    """One text the passages are searched with, embedded, with its words as the index's other languages say them."""

    text: str
    vector: tuple[float, ...]
    counterparts: tuple[str, ...] = ()
    weight: float = 1.0  # its weight when several searches are merged (a follow-up's)
    terms: Terms | None = None  # its latent terms, when the latent terms rank passages


@dataclass(frozen=True)
class Query:
    """A question as the pipeline reads it.

    `searches[0]` searches with `search_text` (for a follow-up, the conversation's questions and it); a follow-up
    is also searched on its own words (`searches[1]`): the conversation says whom "he" means, the follow-up what
    is asked of him.
    """

    text: str  # the user's question
    search_text: str
    language: str | None  # the question's language, among the index's
    only_language: str | None  # the language filter
    top_k: int
    follow_up: bool
    searches: tuple[Search, ...]
    counted_units: tuple[str, ...]  # what a "how many" question counts, in every language; empty if it asks none
    index: IndexFacts
    policy: AnswerPolicy
    gram_weights: Mapping[str, float] = field(default_factory=dict)  # the search text's trigrams, IDF-weighted
    bridge_weights: Mapping[str, float] = field(default_factory=dict)  # its counterparts' trigrams, likewise
    words: WordIndex | None = None
    answer_type: AnswerType = AnswerType.OPEN  # the kind of answer the user's question asks for (qa/answer_types.py)
    per: tuple[str, ...] = ()  # a count asked per unit of time: that unit's stems (`qa.quantities.asked_per`)
    sums: frozenset[int] = frozenset()  # the kinds of sum the question names (`qa.quantities.sums_named`)
    # For a "who" question, the stems of the words it asks for a person by ("director"), and of their counterparts in
    # the other languages (`qa.answer_types.asked_as`)
    asked: frozenset[str] = frozenset()
    # For a question that asks what something is called ("What is the name of the frigate …?"), the stems of the
    # thing's words and of their counterparts (`qa.answer_types.name_asked_of`)
    name_of: frozenset[str] = frozenset()

    @property
    def vector(self) -> tuple[float, ...]:
        return self.searches[0].vector

    @property
    def own_vector(self) -> tuple[float, ...] | None:
        """A follow-up's own words, embedded; None for a question that stands alone."""
        return self.searches[1].vector if self.follow_up else None

    @property
    def counterparts(self) -> tuple[str, ...]:
        return self.searches[0].counterparts

    @property
    def named(self) -> tuple[str, ...]:
        """What the question (with the conversation it follows) already names: a sentence that names only these does
        not answer "who" or "which". Not the word bridge's counterparts: they are many and loose ("nam" for "name"
        would make "Kang Sun Nam" a name the question has); names keep their spelling across languages."""
        return tuple(self.search_text.split())

    @classmethod
    def build(cls, question: str, history: Iterable | None, index: PassageIndex, settings: Settings, *,
              top_k: int = 5, language: str | None = None, search_text: str | None = None) -> "Query":
        """The prepared question; `search_text` (a language model's rewrite of a follow-up) replaces the one made
        from the history."""
        catalog = index.catalog
        facts = IndexFacts(catalog.passage_count(), frozenset(catalog.languages()), catalog.language_means())
        question_language = question_language_among(question, facts.languages)
        search_text = search_text or standalone_question(question, history)
        follow_up = search_text != question
        # Searched as far as the model reads it: the rest of a long text would cost the lexical search and the
        # word bridge a lookup a word, for nothing the dense search sees.
        search_text = within_window(index.embedder, search_text)
        own = within_window(index.embedder, question) if follow_up else None
        # The user's own question, not the search text: a follow-up need not ask the count the question before did.
        # The kind of answer and the count asked for are read in the question's own language, told among every
        # language with a lexicon too: a German question over English articles asks "Wer …?", not "Who …?".
        asked_in = question_language_among(question, facts.languages | frozenset(lexicon.lexicons()))
        counted_words, unit_forms = counted_units(question, asked_in)
        counted_text = " ".join(counted_words)
        # One model pass: the search texts and every word the bridge looks up, embedded together.
        bridged_texts = [text for text in (search_text, own, counted_text) if text] if _bridges(index, settings) else []
        words = [word for text in bridged_texts for word in bridge_words(text, INTERROGATIVES)]
        searched = [search_text, *([own] if own else [])]
        # Names are left to the model: the bridge carries a name across languages by its spelling, and one of its
        # case forms that the vocabulary holds ("vlladivostok" for "Vlladivostokut") moved which names it found.
        names = frozenset(words_of(" ".join(name for text in bridged_texts for name in split_names(text)[0])))
        embedded, terms = _embed_together(index, settings, searched, words, facts.languages, question_language,
                                          names)
        counterparts = word_counterparts(index, settings, search_text, question_language, embedded)
        searches = [Search(search_text, embedded[search_text], tuple(counterparts), terms=terms[0])]
        if own:
            searches.append(Search(own, embedded[own],
                                   tuple(word_counterparts(index, settings, own, question_language, embedded)),
                                   settings.follow_up_own_search, terms=terms[1]))
        bridged = word_counterparts(index, settings, counted_text, question_language, embedded) if counted_words else []
        kind = answer_type(question, asked_in, bool(counted_words or unit_forms))
        role = asked_as(question) if kind is AnswerType.PERSON else []
        role += word_counterparts(index, settings, " ".join(role), question_language, embedded) if role else []
        thing = name_asked_of(question, asked_in) if kind is AnswerType.NAME else []
        thing += word_counterparts(index, settings, " ".join(thing), question_language, embedded) if thing else []
        return cls(
            text=question, search_text=search_text, language=question_language, only_language=language, top_k=top_k,
            follow_up=follow_up, searches=tuple(searches), counted_units=tuple(counted_words + bridged + unit_forms),
            index=facts, policy=AnswerPolicy.from_settings(settings),
            gram_weights=catalog.gram_weights(query_grams(search_text, limit=None), facts.passage_total),
            bridge_weights=catalog.gram_weights(query_grams(" ".join(counterparts), limit=None), facts.passage_total),
            words=catalog, answer_type=kind, asked=asked_stems(role), name_of=asked_stems(thing, NAMED_STEM),
            per=asked_per(question, asked_in) if counted_words or unit_forms else (), sums=sums_named(question),
        )


def question_language_among(question: str, languages: frozenset[str]) -> str | None:
    """The question's language, told from its words without the capitalised ones after the first: names
    belong to no language ("How old is Kim Jong Un?" reads as Tagalog with them, English without)."""
    return detect_language(" ".join(split_names(question)[1]), among=languages)


def word_counterparts(index: PassageIndex, settings: Settings, text: str, language: str | None,
                      embedded: Mapping[str, tuple[float, ...]] | None = None) -> list[str]:
    """The text's words as the other languages of the index say them (vectorstore/vocabulary.py).

    Interrogatives and auxiliaries are left out: their nearest words ("how" -> "mënyrë", "had" ->
    "kishte") match passages on the way they are written, not on what the question asks.
    """
    if not _bridges(index, settings):
        return []
    catalog = index.catalog
    return index.vocabulary.counterparts(text, language, catalog.passages_per_language(),
                                         BridgePolicy(settings.word_bridge), catalog.passages_with_prefixes,
                                         INTERROGATIVES, embedded)


def _bridges(index: PassageIndex, settings: Settings) -> bool:
    return settings.word_bridge is not None and index.vocabulary is not None


def _embed_together(index: PassageIndex, settings: Settings, texts: list[str], words: list[str],
                    languages: Iterable[str], language: str | None = None, names: frozenset[str] = frozenset()
                    ) -> tuple[dict[str, tuple[float, ...]], list[Terms | None]]:
    """Each text's and word's query vector, and each text's latent terms (None without them): the words the index's
    vocabulary holds as stored at ingest, and an inflection of such a word of the question's `language` as that word
    (`Vocabulary.inflection_vectors`; not for `names`); the rest from the question's model passes (`question_passes`:
    the vector pass and the sparse pass, which runs beside it on the other core instead of after it in the ranker),
    and a word those passes made for an earlier question as they made it (`Vocabulary.asked`)."""
    vectors = {word: tuple(vector) for word, vector in
               (index.vocabulary.stored_vectors(words, languages).items() if words else ())}
    unknown = [word for word in dict.fromkeys(words) if word not in vectors and word not in names]
    if unknown:
        vectors.update((word, tuple(vector)) for word, vector in
                       index.vocabulary.inflection_vectors(unknown, language, index.catalog.words_starting).items())
    if words:
        vectors.update(index.vocabulary.asked.get(word for word in words if word not in vectors))
    with_terms = settings.searches_latent_terms and has_latent_terms(index.embedder)
    embedded = list(dict.fromkeys(word for word in words if word not in vectors))
    passes = question_passes(index.embedder, texts, embedded, with_terms)
    if embedded:
        index.vocabulary.asked.put({word: passes.vectors[word] for word in embedded})
    vectors.update(passes.vectors)
    return vectors, passes.terms
