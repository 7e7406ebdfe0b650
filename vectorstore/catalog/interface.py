"""The catalog's interface: everything the index keeps beside the vectors, as the pipeline and the store see it.

`CatalogReader` is what answering a question reads; `Catalog` adds what storing an article writes. A backend
(`vectorstore/catalog/sqlite/`) implements `Catalog`; nothing above it knows which backend runs.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Mapping, Protocol

import numpy as np

from vectorstore.catalog.records import ArticleRecord, PassageRecord, PassageSentences
from vectorstore.latent_terms import Terms


class CatalogReader(Protocol):
    """What a question reads: articles and passages, the lexical index and the statistics of the index."""

    read_only: bool

    # articles and passages
    def articles(self) -> list[ArticleRecord]: ...
    def article(self, document: str) -> ArticleRecord | None: ...
    def articles_by_name(self, documents: set[str]) -> list[ArticleRecord]: ...
    def article_text(self, document: str) -> str | None: ...
    def article_texts(self, documents: set[str]) -> dict[str, str]:
        """The texts of those articles the catalog holds, in one read (each read is a round trip to a server)."""
    def passages(self, ids: list[str]) -> dict[str, PassageRecord]: ...
    def passage_texts(self, document: str) -> list[str]: ...
    def passage_count(self) -> int: ...
    def is_empty(self) -> bool: ...

    # the lexical index: character trigrams of the folded passage texts
    def lexical_search(self, question: str, limit: int, language: str | None = None,
                       weights: Mapping[str, float] | None = None) -> list[tuple[str, float]]:
        """(passage id, BM25 score) over character trigrams, best first; `weights`, the trigrams' `gram_weights`
        when the caller has them, may spare the search reading them again."""
    def gram_weights(self, grams: list[str], passage_total: int | None = None) -> dict[str, float]:
        """Inverse document frequency of each trigram over all passages."""
    def count_containing(self, fragment: str, limit: int) -> int:
        """How many passages (up to `limit`) contain `fragment` (at least 3 characters) anywhere in a word."""
    def count_word_starting(self, stem: str, limit: int) -> int:
        """How many passages (up to `limit`) have a word that starts with `stem` (at least 3 characters)."""

    # the statistics: languages, their mean passage vectors, their words, the latent terms; the answer sentences
    def languages(self) -> set[str]: ...
    def language_means(self) -> dict[str, np.ndarray]: ...
    def passages_per_language(self) -> dict[str, int]: ...
    def words_starting(self, prefix: str, lengths: tuple[int, int], limit: int = 500) -> list[str]: ...
    def passages_with_prefix(self, prefix: str, language: str) -> int: ...
    def passages_with_prefixes(self, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """`passages_with_prefix` of each (prefix, language), in one read."""
    def latent_term_scores(self, question: Terms, pool: list[str], passage_total: int) -> dict[str, float]: ...
    def passage_sentences(self, ids: list[str]) -> dict[str, PassageSentences]:
        """The answer sentences (offsets and vectors) of the passages that have them."""

    # consistency
    def snapshot(self) -> AbstractContextManager[None]:
        """Every read of this thread within sees one committed state of the catalog."""
    def data_version(self) -> int:
        """A number that changes whenever another process commits a change."""
    def catalog_id(self) -> str:
        """This catalog's id, which the vector collection it owns records ('' for a read-only catalog made before
        ids were kept)."""
    def never_filled(self) -> bool:
        """No article was ever stored nor an ingest begun, and this process may fill it (from the bundled articles)."""
    def close(self) -> None: ...


class Catalog(CatalogReader, Protocol):
    """A reader that the store also writes through: each change to an article is one transaction, all or
    nothing; a write to a read-only catalog raises `IndexReadOnly`."""

    def writer(self) -> AbstractContextManager[None]:
        """The index's write turn: one writer at a time across processes (and machines, for a server's catalog);
        reentrant in its holder. `IndexBusy` when another writer keeps it too long."""
    def put_article(self, record: ArticleRecord, text: str, passages: list[PassageRecord], folded: list[str],
                    vector_total: np.ndarray, terms: list[bytes] | None = None,
                    sentences: list[PassageSentences] | None = None) -> None: ...
    def delete_article(self, document: str) -> None: ...
    def clear(self) -> None: ...

    # the journal of writes under way, and whether the index was ever filled
    def pending(self) -> list[tuple[str, str]]: ...
    def mark_pending(self, document: str, content_hash: str) -> None: ...
    def clear_pending(self, document: str, content_hash: str) -> None: ...
    def mark_ingest_started(self) -> None: ...

    # what an index written by an earlier version lacks
    def articles_without_vectors(self) -> list[ArticleRecord]: ...
    def put_article_vectors(self, document: str, language: str | None, passages: int,
                            vector_total: np.ndarray) -> None: ...
    def articles_without_terms(self) -> list[ArticleRecord]: ...
    def put_article_terms(self, document: str, terms: list[bytes]) -> None: ...
    def articles_without_sentences(self) -> list[ArticleRecord]: ...
    def put_article_sentences(self, document: str, sentences: list[PassageSentences]) -> None: ...
