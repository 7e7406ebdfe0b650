"""The embedded catalog: one SQLite file in the index folder, its tables kept by one part each."""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

import numpy as np

from vectorstore.catalog.records import ArticleRecord, PassageRecord, PassageSentences
from vectorstore.catalog.sqlite import articles, journal, lexical, sentences, terms, vector_sums, words
from vectorstore.catalog.sqlite.articles import Articles, passage_texts
from vectorstore.catalog.sqlite.database import Database, can_write
from vectorstore.catalog.sqlite.journal import Journal
from vectorstore.catalog.sqlite.lexical import LexicalIndex
from vectorstore.catalog.sqlite.sentences import Sentences
from vectorstore.catalog.sqlite.terms import LatentTerms
from vectorstore.catalog.sqlite.vector_sums import VectorSums
from vectorstore.catalog.sqlite.words import WordCounts
from vectorstore.latent_terms import Terms
from vectorstore.write_lock import file_lock, write_turn

SCHEMA = "".join(part.SCHEMA for part in (articles, lexical, vector_sums, words, terms, sentences, journal))
SCHEMA_VERSION = 2  # 1: language_words; 2: gram_passages

__all__ = ["SqliteCatalog", "can_write"]


class SqliteCatalog:
    """The `Catalog` in one SQLite file; every change to an article is one transaction.

    A catalog in a folder this process cannot write to opens read-only: it answers every read, and a write
    raises `IndexReadOnly`.
    """

    def __init__(self, path: Path):
        self.path = path
        self.database = Database(path, SCHEMA, SCHEMA_VERSION)
        self.read_only = self.database.read_only
        self._articles = Articles(self.database)
        self._lexical = LexicalIndex(self.database)
        self._sums = VectorSums(self.database)
        self._words = WordCounts(self.database)
        self._terms = LatentTerms(self.database)
        self._sentences = Sentences(self.database)
        self._journal = Journal(self.database)
        self._file_lock = None
        if not self.read_only:
            self._upgrade()

    def _upgrade(self) -> None:
        """Fill what a catalog written by an earlier version lacks, once, in one transaction."""
        if self.database.schema_version() >= SCHEMA_VERSION:
            return
        with self.database.transaction() as db:
            version = self.database.schema_version(db)
            if version >= SCHEMA_VERSION:
                return  # another process upgraded it while this one waited for the lock
            if version < 1:
                self._words.clear(db)
                for document, language in db.execute("SELECT document, language FROM articles").fetchall():
                    self._words.shift(db, language or "", passage_texts(db, document), 1)
            if version < 2:
                self._lexical.count_all(db)
            self.database.set_schema_version(db)

    def close(self) -> None:
        self.database.close()

    def data_version(self) -> int:
        return self.database.data_version()

    def snapshot(self):
        return self.database.snapshot()

    # --- reading -------------------------------------------------------------------------
    def articles(self) -> list[ArticleRecord]:
        return self._articles.select()

    def article(self, document: str) -> ArticleRecord | None:
        found = self._articles.by_name({document})
        return found[0] if found else None

    def articles_by_name(self, documents: set[str]) -> list[ArticleRecord]:
        return self._articles.by_name(documents)

    def article_text(self, document: str) -> str | None:
        return self._articles.text(document)

    def article_texts(self, documents: set[str]) -> dict[str, str]:
        return self._articles.texts(documents)

    def passages(self, ids: list[str]) -> dict[str, PassageRecord]:
        return self._articles.passages(ids)

    def passage_texts(self, document: str) -> list[str]:
        return self._articles.passage_texts(document)

    def passage_count(self) -> int:
        return self._articles.passage_count()

    def is_empty(self) -> bool:
        return self._articles.is_empty()

    def languages(self) -> set[str]:
        return self._articles.languages()

    def lexical_search(self, question: str, limit: int, language: str | None = None,
                       weights: Mapping[str, float] | None = None) -> list[tuple[str, float]]:
        return self._lexical.search(question, limit, language, weights)

    def gram_weights(self, grams: list[str], passage_total: int | None = None) -> dict[str, float]:
        return self._lexical.gram_weights(grams, self.passage_count() if passage_total is None else passage_total)

    def count_containing(self, fragment: str, limit: int) -> int:
        return self._lexical.count_containing(fragment, limit)

    def count_word_starting(self, stem: str, limit: int) -> int:
        return self.count_containing(" " + stem, limit)  # `lexical_form` leads every word with a space

    def language_means(self) -> dict[str, np.ndarray]:
        return self._sums.language_means()

    def passages_per_language(self) -> dict[str, int]:
        return self._sums.passages_per_language()

    def words_starting(self, prefix: str, lengths: tuple[int, int], limit: int = 500) -> list[str]:
        return self._words.words_starting(prefix, lengths, self.languages(), limit)

    def passages_with_prefix(self, prefix: str, language: str) -> int:
        return self._words.passages_with_prefix(prefix, language)

    def passages_with_prefixes(self, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        # In-process, one index range a pair costs what it did one call at a time.
        with self.database.reading():
            return {(prefix, language): self._words.passages_with_prefix(prefix, language)
                    for prefix, language in dict.fromkeys(pairs)}

    def latent_term_scores(self, question: Terms, pool: list[str], passage_total: int) -> dict[str, float]:
        return self._terms.scores(question, pool, passage_total)

    def passage_sentences(self, ids: list[str]) -> dict[str, PassageSentences]:
        return self._sentences.of(ids)

    # --- writing -------------------------------------------------------------------------
    def writer(self):
        """A lock file beside the catalog file, held across processes."""
        if self._file_lock is None:
            self._file_lock = file_lock(self.path.parent)
        return write_turn(self._file_lock, self.path.parent)

    def put_article(self, record: ArticleRecord, text: str, passages: list[PassageRecord], folded: list[str],
                    vector_total: np.ndarray, terms: list[bytes] | None = None,
                    sentences: list[PassageSentences] | None = None) -> None:
        """Replace an article and its passages in one transaction: all of it is stored, or none.

        `vector_total` is the sum of the article's unit passage vectors; `terms` are the passages' packed
        latent terms, if the model has them; `sentences` their answer sentences with vectors.
        """
        with self.database.transaction() as db:
            self._journal.mark_in(db, "filled")
            self._remove(db, record.document)
            language = record.language or ""
            self._sums.add(db, record.document, language, len(passages), vector_total)
            rowids = self._articles.add(db, record, text, passages)
            self._lexical.add(db, rowids, folded)
            if terms is not None:
                self._terms.add(db, rowids, terms)
            if sentences is not None:
                self._sentences.add(db, rowids, sentences)
            self._words.shift(db, language, [text[p.start:p.end] for p in passages], 1)

    def delete_article(self, document: str) -> None:
        with self.database.transaction() as db:
            self._remove(db, document)

    def _remove(self, db, document: str) -> None:
        self._sums.remove(db, document)
        language = self._articles.language(db, document)
        if language is not None:
            self._words.shift(db, language, passage_texts(db, document), -1)
        self._terms.remove(db, document)
        self._sentences.remove(db, document)
        self._lexical.remove(db, document)
        self._articles.remove(db, document)

    def clear(self) -> None:
        """Forget every article, in one transaction: other processes see the change (`data_version`), where
        a deleted catalog file would stay open, unchanged, in each of them."""
        with self.database.transaction() as db:
            for table in ("passage_terms", "term_counts", "passage_sentences", "passage_grams", "gram_passages",
                          "passages", "articles", "article_vectors", "language_vectors"):
                db.execute(f"DELETE FROM {table}")
            self._words.clear(db)
            self._journal.clear(db)

    def catalog_id(self) -> str:
        return self._journal.identity()

    def pending(self) -> list[tuple[str, str]]:
        return self._journal.pending()

    def mark_pending(self, document: str, content_hash: str) -> None:
        self._journal.mark_pending(document, content_hash)

    def clear_pending(self, document: str, content_hash: str) -> None:
        self._journal.clear_pending(document, content_hash)

    def mark_ingest_started(self) -> None:
        """An ingest began: from now on the index is its user's, and never filled from the bundled articles."""
        self._journal.mark("ingested")

    def never_filled(self) -> bool:
        """No article was ever stored, nor an ingest begun, and this process may fill it."""
        return not self.read_only and self.is_empty() and not self._journal.marked("filled", "ingested")

    def articles_without_vectors(self) -> list[ArticleRecord]:
        return self._articles.select(self._sums.documents_without_sums())

    def put_article_vectors(self, document: str, language: str | None, passages: int,
                            vector_total: np.ndarray) -> None:
        """Record the vector sum of an article stored before sums were kept."""
        with self.database.transaction() as db:
            self._sums.remove(db, document)
            self._sums.add(db, document, language or "", passages, vector_total)

    def articles_without_terms(self) -> list[ArticleRecord]:
        return self._articles.select(self._terms.documents_without_terms())

    def put_article_terms(self, document: str, terms: list[bytes]) -> None:
        """Record the latent terms of an article stored before terms were kept (one per passage, in order)."""
        with self.database.transaction() as db:
            self._terms.remove(db, document)
            self._terms.add(db, self._articles.passage_rowids(db, document), terms)

    def articles_without_sentences(self) -> list[ArticleRecord]:
        return self._articles.select(self._sentences.documents_without_sentences())

    def put_article_sentences(self, document: str, sentences: list[PassageSentences]) -> None:
        """Record the answer sentences of an article stored before they were kept (one item per passage, in order)."""
        with self.database.transaction() as db:
            self._sentences.remove(db, document)
            self._sentences.add(db, self._articles.passage_rowids(db, document), sentences)
