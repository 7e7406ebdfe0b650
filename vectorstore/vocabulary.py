"""The index's words, each embedded once, for finding a question word's counterparts in other languages.

A multilingual model puts "months" near Albanian "muaj" and "war" near "luftë" even as single words.
Searching the lexical index for those counterparts finds a passage that the question's own words, in
another language, never match. Our own module because no library keeps such a word index; Chroma holds
the vectors, next to the passages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Mapping


from vectorstore.chroma_client import SEARCHED_WHOLE_BELOW
from vectorstore.text import fold, words_of
from vectorstore.embedding import Embedder, query_embeddings

ADD_BATCH = 2000  # under Chroma's largest batch
NEIGHBOURS = 10  # nearest words of a language looked at per question word, before frequent ones are dropped


@dataclass(frozen=True)
class BridgePolicy:
    """Which neighbours of a question word count as its counterpart in another language."""

    min_similarity: float  # cosine similarity of the two single-word embeddings
    max_share: float = 0.3  # a word in more of its language's passages than this is a function word


# (word, language) -> passages of that language with a word starting with it (`Catalog.passages_with_prefix`)
PassageCounter = Callable[[str, str], int]


class Vocabulary:
    """One Chroma collection of words per language, named `{prefix}{language}`.

    Separate collections, not one with a language field: a question word's own language holds most of
    its near neighbours (its other forms), and Chroma's metadata filter scans the whole collection.
    """

    def __init__(self, client, prefix: str, embedder: Embedder):
        self.client = client
        self.prefix = prefix
        self.embedder = embedder
        self._collections: dict[str, object] = {}
        self._sizes: dict[str, int] = {}  # words per language, counted once; `add` keeps them

    def collection(self, language: str | None):
        language = language or "none"
        if language not in self._collections:
            self._collections[language] = self.client.get_or_create_collection(
                f"{self.prefix}{language}", embedding_function=None, metadata={"hnsw:space": "cosine"}
            )
        return self._collections[language]

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
        if added and (language or "none") in self._sizes:
            self._sizes[language or "none"] += added
        return added

    def _searched(self, language: str) -> int:
        """How many of a language's nearest words to ask Chroma for: all of a vocabulary that Chroma keeps unsaved
        (`SEARCHED_WHOLE_BELOW`: a search of 10 could miss the nearest word after one restart and not the next), else
        `NEIGHBOURS`."""
        if language not in self._sizes:
            self._sizes[language] = self.collection(language).count()
        size = self._sizes[language]
        return size if NEIGHBOURS < size < SEARCHED_WHOLE_BELOW else NEIGHBOURS

    def stored_vectors(self, words: list[str], languages: Iterable[str]) -> dict[str, list[float]]:
        """The vectors the vocabulary already holds for these words, from the languages' collections: each was
        embedded as a query when an article with it was stored, as `query_embeddings` would embed it now."""
        found: dict[str, list[float]] = {}
        remaining = list(dict.fromkeys(words))
        for language in sorted(set(languages)):
            if not remaining:
                break
            held = self.collection(language).get(ids=remaining, include=["embeddings"])
            found.update((word, list(vector)) for word, vector in zip(held["ids"], held["embeddings"]))
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
        counterparts: list[str] = []
        for language in targets:
            # Chroma gives fewer neighbours, or none, when the collection holds fewer words.
            found = self.collection(language).query(query_embeddings=vectors, n_results=self._searched(language),
                                                    include=["distances"])
            limit = int(policy.max_share * passages_of.get(language, 0))
            for word, neighbours, distances in zip(question_words, found["ids"], found["distances"]):
                for neighbour, distance in zip(neighbours[:NEIGHBOURS], distances[:NEIGHBOURS]):
                    if 1.0 - distance < policy.min_similarity:
                        break
                    # None of the language's passages has it (its article was removed), or too many do.
                    if neighbour != word and 0 < passages_with(neighbour, language) <= limit:
                        counterparts.append(neighbour)
                        break
        return list(dict.fromkeys(counterparts))


def bridge_words(question: str, ignore: frozenset[str] = frozenset()) -> list[str]:
    """The question's words that the bridge looks up: all but those in `ignore` (folded words)."""
    return [word for word in words_of(question) if fold(word) not in ignore]
