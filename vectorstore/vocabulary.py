"""The index's words, each embedded once, for finding a question word's counterparts in other languages.

A multilingual model puts "months" near Albanian "muaj" and "war" near "luftë" even as single words.
Searching the lexical index for those counterparts finds a passage that the question's own words, in
another language, never match. Our own module because no library keeps such a word index; Chroma holds
the vectors, next to the passages.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

import numpy as np

from vectorstore.chroma_client import SEARCHED_WHOLE_BELOW
from vectorstore.embedding import Embedder, query_embeddings
from vectorstore.held_vectors import HeldVectors
from vectorstore.text import fold, words_of

ADD_BATCH = 2000  # under Chroma's largest batch
NEIGHBOURS = 10  # nearest words of a language looked at per question word, before frequent ones are dropped
# An inflection of a stored word (`Vocabulary.inflection_vectors`): the two share their letters from the start but for
# at most this many at the end of either, and at least MIN_STEM: an ending of two letters ("-s", "-ën", "-ed") and no
# more, since three already join other words ("receive" and "recent" share "rece"). Measured on every eval set
# (docs/quality.md): one answer more, one first sentence lost and one gained; follow-ups one answer more; a warm
# question 2.5 ms (6%) faster (bench/README.md). Names keep a pass of their own (`qa.prepare`).
INFLECTION_LETTERS = 2
MIN_STEM = 4
# Question words the vocabulary lacks whose query vectors a process keeps (`AskedWords`), the most recently asked: 3 kB
# each, 12 MB in all.
ASKED_WORDS = 4096
# (prefix, (least, most) length) -> the index's words of every language that start with the prefix
WordLister = Callable[[str, tuple[int, int]], list[str]]


@dataclass(frozen=True)
class BridgePolicy:
    """Which neighbours of a question word count as its counterpart in another language."""

    min_similarity: float  # cosine similarity of the two single-word embeddings
    max_share: float = 0.3  # a word in more of its language's passages than this is a function word


# [(word, language), …] -> for each, the passages of that language with a word starting with it, in one read
# (`Catalog.passages_with_prefixes`)
PassageCounter = Callable[[list[tuple[str, str]]], dict[tuple[str, str], int]]


class AskedWords:
    """The query vectors that this process's question passes made for words the vocabulary lacks ("leaving",
    "ibinigay"), the `size` most recently asked. Each such word is a sequence of its own in a question's pass, 5 to 7
    ms of a warm question's 30 on two cores (bench/README.md), and the same word gets the same vector every time.
    Held apart from the stored vocabulary: it is no word of an article, and the bridge must not find it."""

    def __init__(self, size: int = ASKED_WORDS):
        self.size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()  # questions are prepared on several threads at once

    def get(self, words: Iterable[str]) -> dict[str, tuple[float, ...]]:
        found = {}
        with self._lock:
            for word in words:
                vector = self._vectors.get(word)
                if vector is not None:
                    self._vectors.move_to_end(word)
                    found[word] = vector
        return {word: tuple(vector.tolist()) for word, vector in found.items()}  # float64: exactly as embedded

    def put(self, vectors: Mapping[str, tuple[float, ...]]) -> None:
        with self._lock:
            for word, vector in vectors.items():
                self._vectors[word] = np.asarray(vector, dtype=np.float64)
                self._vectors.move_to_end(word)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)


class Vocabulary:
    """One Chroma collection of words per language, named `{prefix}{language}`.

    Separate collections, not one with a language field: a question word's own language holds most of
    its near neighbours (its other forms), and Chroma's metadata filter scans the whole collection.
    """

    def __init__(self, client, prefix: str, embedder: Embedder, version: Callable[[], int] = lambda: 0,
                 counted: Callable[[], int] | None = None):
        self.client = client
        self.prefix = prefix
        self.embedder = embedder
        self._version = version  # changes when another process commits (the catalog's `data_version`)
        # On a Chroma server, a count that changes with the words: the passages', which they are written with
        # (`HeldVectors`: one count a question for every held collection of the index, not one each).
        self._counted = counted
        self._collections: dict[str, object] = {}
        self._held: dict[str, HeldVectors] = {}
        self.asked = AskedWords()

    def collection(self, language: str | None):
        language = language or "none"
        if language not in self._collections:
            self._collections[language] = self.client.get_or_create_collection(
                f"{self.prefix}{language}", embedding_function=None, metadata={"hnsw:space": "cosine"}
            )
        return self._collections[language]

    def held(self, language: str | None) -> HeldVectors:
        """A language's words held in memory and searched whole while Chroma keeps them unsaved as a graph
        (`SEARCHED_WHOLE_BELOW`: a search of 10 could miss the nearest word after one restart and not the next)."""
        language = language or "none"
        if language not in self._held:
            self._held[language] = HeldVectors(self.collection(language), self._version, SEARCHED_WHOLE_BELOW,
                                               self._counted)
        return self._held[language]

    def add(self, language: str | None, text: str) -> int:
        """Embed the text's words that the vocabulary lacks for that language; how many were new."""
        collection = self.collection(language)
        words = words_of(text)
        added = 0
        for start in range(0, len(words), ADD_BATCH):
            batch = words[start : start + ADD_BATCH]
            known = set(collection.get(ids=batch, include=[])["ids"])
            new = [word for word in batch if word not in known]
            if new:
                collection.add(ids=new, embeddings=query_embeddings(self.embedder, new))
                added += len(new)
        if added:
            self.held(language).forget()
        return added

    def nearest(self, language: str, vectors: list[list[float]]) -> list[list[tuple[str, float]]]:
        """Each vector's `NEIGHBOURS` nearest words of a language as (word, cosine similarity), nearest first: exact
        from the held words of a small vocabulary, else from Chroma's saved graph."""
        held = self.held(language).nearest(vectors, NEIGHBOURS)
        if held is not None:
            return held
        # Chroma gives fewer neighbours, or none, when the collection holds fewer words.
        found = self.collection(language).query(query_embeddings=vectors, n_results=NEIGHBOURS, include=["distances"])
        return [[(word, 1.0 - distance) for word, distance in zip(words, distances)]  # cosine space
                for words, distances in zip(found["ids"], found["distances"])]

    def inflection_vectors(self, words: list[str], language: str | None,
                           words_starting: WordLister) -> dict[str, list[float]]:
        """For words this vocabulary lacks, the stored vector of a word of the same language that differs from it
        only in its last letters ("gifts" ~ "gift", "ekspozitën" ~ "ekspozitë", "mbërriti" ~ "mbërritur"): a model
        pass reads a question's unknown words one sequence each, as long as the question's own, while the model puts a
        word's inflections beside it. Of several such words, the one sharing the most letters, then the closest in
        length. Words with no such neighbour are left to the model."""
        if language is None:
            return {}
        candidates: dict[str, list[str]] = {}
        for word in words:
            least = max(MIN_STEM, len(word) - INFLECTION_LETTERS)
            if len(word) < MIN_STEM:
                continue
            found = words_starting(word[:least], (least, len(word) + INFLECTION_LETTERS))
            candidates[word] = [other for other in found if other != word
                                and shared_prefix(word, other) >= max(least, len(other) - INFLECTION_LETTERS)]
        stored = self.stored_vectors([other for found in candidates.values() for other in found], [language])
        vectors = {}
        for word, found in candidates.items():
            found = sorted((other for other in found if other in stored),
                           key=lambda other: (-shared_prefix(word, other), abs(len(other) - len(word)), other))
            if found:
                vectors[word] = stored[found[0]]
        return vectors

    def stored_vectors(self, words: list[str], languages: Iterable[str]) -> dict[str, list[float]]:
        """The vectors the vocabulary already holds for these words, from the languages' collections: each was
        embedded as a query when an article with it was stored, as `query_embeddings` would embed it now."""
        found: dict[str, list[float]] = {}
        remaining = list(dict.fromkeys(words))
        for language in sorted(set(languages)):
            if not remaining:
                break
            held = self.held(language).vectors(remaining)
            if held is None:
                stored = self.collection(language).get(ids=remaining, include=["embeddings"])
                held = {word: list(vector) for word, vector in zip(stored["ids"], stored["embeddings"])}
            found.update(held)
            remaining = [word for word in remaining if word not in found]
        return found

    def counterparts(self, question: str, question_language: str | None, passages_of: dict[str, int],
                     policy: BridgePolicy, passages_with: PassageCounter,
                     ignore: frozenset[str] = frozenset(), embedded: Mapping[str, list[float]] | None = None) -> list[str]:
        """For each word of the question not in `ignore` (folded words), its nearest word in each other
        language of `passages_of` (the number of passages of each indexed language), if near enough.

        Words that many passages of their language contain ("dhe", "ang") are skipped: they carry
        no meaning of the question into the lexical search. `embedded` holds the words' query vectors when the
        caller embedded them with the question, in the same model pass.
        """
        targets = sorted(set(passages_of) - {question_language or "", ""})
        question_words = bridge_words(question, ignore)
        if not targets or not question_words:
            return []
        if embedded is not None and all(word in embedded for word in question_words):
            vectors = [list(embedded[word]) for word in question_words]
        else:
            vectors = query_embeddings(self.embedder, question_words)
        nearest = {language: [[(neighbour, similarity) for neighbour, similarity in neighbours
                               if similarity >= policy.min_similarity and neighbour != word]
                              for word, neighbours in zip(question_words, self.nearest(language, vectors))]
                   for language in targets}
        # Every near neighbour's passages in one read (a round trip each was 10 a question on PostgreSQL).
        passages = passages_with([(neighbour, language) for language, found in nearest.items()
                                  for neighbours in found for neighbour, _ in neighbours])
        counterparts: list[str] = []
        for language in targets:
            limit = int(policy.max_share * passages_of.get(language, 0))
            for neighbours in nearest[language]:
                # The nearest that some of the language's passages have (not if its article was removed), and not
                # too many.
                counterparts += [neighbour for neighbour, _ in neighbours
                                 if 0 < passages[(neighbour, language)] <= limit][:1]
        return list(dict.fromkeys(counterparts))


def shared_prefix(a: str, b: str) -> int:
    """How many letters the two words share from their start."""
    return len(os.path.commonprefix((a, b)))


def bridge_words(question: str, ignore: frozenset[str] = frozenset()) -> list[str]:
    """The question's words that the bridge looks up: all but those in `ignore` (folded words)."""
    return [word for word in words_of(question) if fold(word) not in ignore]
