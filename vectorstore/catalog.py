"""The SQLite catalog beside Chroma: article texts and hashes, and the lexical (trigram BM25) index.

SQLite's FTS5 trigram index is the lexical side: it is persisted, updated in the same transaction
as the article it belongs to, and matches shared stems and names across languages.
"""

from __future__ import annotations

import math
import os
import sqlite3
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import numpy as np

from vectorstore.errors import IndexReadOnly, IndexUnusable, damaged, not_writable
from vectorstore.latent_terms import Terms, term_idf, term_scores, unpack
from vectorstore.text import fold, query_grams, words_of

SCHEMA = """
PRAGMA journal_mode = WAL;
CREATE TABLE IF NOT EXISTS articles (
    document TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    language TEXT,
    text TEXT NOT NULL,
    passage_count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS passages (
    rowid INTEGER PRIMARY KEY,
    id TEXT UNIQUE NOT NULL,
    document TEXT NOT NULL REFERENCES articles(document) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_by_document ON passages(document);
CREATE INDEX IF NOT EXISTS articles_by_language ON articles(language);
CREATE VIRTUAL TABLE IF NOT EXISTS passage_grams USING fts5(folded, tokenize = 'trigram');
CREATE VIRTUAL TABLE IF NOT EXISTS passage_gram_counts USING fts5vocab(passage_grams, 'row');
-- Sums of each article's unit passage vectors, and their totals per language: the mean passage of a
-- language, which dense retrieval subtracts so that scores compare across languages.
CREATE TABLE IF NOT EXISTS article_vectors (
    document TEXT PRIMARY KEY,
    language TEXT NOT NULL,
    passages INTEGER NOT NULL,
    total BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS language_vectors (
    language TEXT PRIMARY KEY,
    passages INTEGER NOT NULL,
    total BLOB NOT NULL
);
-- How many passages of each language contain each word (`words_of`): the word bridge tells a language's
-- function words from its content words with one lookup.
CREATE TABLE IF NOT EXISTS language_words (
    language TEXT NOT NULL,
    word TEXT NOT NULL,
    passages INTEGER NOT NULL,
    PRIMARY KEY (language, word)
) WITHOUT ROWID;
-- Each passage's sparse latent terms (vectorstore/latent_terms.py), for models that have them, and how many
-- passages have each term (for its IDF).
CREATE TABLE IF NOT EXISTS passage_terms (
    passage INTEGER PRIMARY KEY,  -- passages.rowid
    terms BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS term_counts (
    term INTEGER PRIMARY KEY,
    passages INTEGER NOT NULL
);
-- 'filled' once any article was stored, 'ingested' once an ingest began: only an index with neither is filled
-- from the bundled articles.
CREATE TABLE IF NOT EXISTS catalog_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pending (
    document TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    PRIMARY KEY (document, content_hash)
);
"""
MIN_PASSAGES_FOR_MEAN = 10
SCHEMA_VERSION = 1  # 1: language_words


@dataclass(frozen=True)
class ArticleRecord:
    document: str
    path: str
    content_hash: str
    title: str
    date: str | None
    language: str | None
    passage_count: int


@dataclass(frozen=True)
class PassageRecord:
    id: str
    document: str
    ordinal: int
    start: int
    end: int


def can_write(path: Path) -> bool:
    """Whether this process may change the file (or make files in the folder), by its effective ids."""
    return os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids)


class Catalog:
    """One SQLite file; every change to an article is one transaction.

    A catalog in a folder this process cannot write to opens read-only: it answers every read, and a write
    raises `IndexReadOnly`.
    """

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._snapshot = threading.local()
        new = not path.exists()
        self.read_only = not can_write(path.parent) or (not new and not can_write(path))
        try:
            if self.read_only and new:
                raise sqlite3.OperationalError("the folder is not writable")
            self._db = self._connect(self.read_only)
            if self.read_only:
                self._check_readable()
            else:
                self._db.execute("PRAGMA foreign_keys = ON")
                self._db.executescript(SCHEMA)
                self._upgrade()
        except sqlite3.DatabaseError as error:
            if new:  # nothing was there to be damaged: the folder does not take a new file
                raise IndexUnusable(f"the index catalog cannot be made in {path.parent} ({error}). Point "
                                    "QA_INDEX_DIR or --index-dir at a folder you can write to.") from error
            raise damaged(f"the index catalog {path}", error) from error

    def _connect(self, read_only: bool) -> sqlite3.Connection:
        if not read_only:
            return sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        # SQLite reads a WAL catalog read-only if it may make its shared-memory file beside it; in a folder that
        # takes no file, a catalog with no write under way (no journal beside it) is read as an unchanging file.
        journal = self.path.with_name(self.path.name + "-wal")
        unchanging = "&immutable=1" if not journal.exists() and not can_write(self.path.parent) else ""
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro{unchanging}"
        return sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)

    def _check_readable(self) -> None:
        """A read-only catalog must already be complete: it cannot be made or brought up to date."""
        if self._db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            raise IndexReadOnly(f"the index in {self.path.parent} was made by an earlier version and must be "
                                "brought up to date once by a user who can write to its folder (any 'qa' command "
                                "does); you cannot write to it.")
        self._db.execute("SELECT COUNT(*) FROM catalog_state").fetchone()

    def _upgrade(self) -> None:
        """Fill what a catalog written by an earlier version lacks, once, in one transaction."""
        if self._db.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
            return
        with self._transaction() as db:
            if db.execute("PRAGMA user_version").fetchone()[0] >= SCHEMA_VERSION:
                return  # another process upgraded it while this one waited for the lock
            db.execute("DELETE FROM language_words")
            for document, language in db.execute("SELECT document, language FROM articles").fetchall():
                self._shift_words(language or "", self._passage_texts(document), 1)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    def data_version(self) -> int:
        """A number that changes whenever another connection (another process) commits (SQLite's data_version)."""
        with self._lock:
            return self._db.execute("PRAGMA data_version").fetchone()[0]

    @contextmanager
    def snapshot(self):
        """Every read of this thread within sees one committed state of the catalog (one read transaction on a
        connection of its own), whatever other processes commit meanwhile. Nested, the outer one holds."""
        if getattr(self._snapshot, "db", None) is not None:
            yield
            return
        db = self._connect(self.read_only)
        try:
            db.execute("BEGIN")
            db.execute("SELECT COUNT(*) FROM catalog_state").fetchone()  # the first read fixes the state
            self._snapshot.db = db
            yield
        finally:
            self._snapshot.db = None
            db.close()  # a read transaction: nothing to commit

    def _fetchall(self, sql: str, params=()) -> list[tuple]:
        held = getattr(self._snapshot, "db", None)
        if held is not None:
            return held.execute(sql, params).fetchall()
        with self._lock:  # one connection is shared by the chat server's threads
            return self._db.execute(sql, params).fetchall()

    # --- reading -------------------------------------------------------------------------
    def articles(self) -> list[ArticleRecord]:
        rows = self._fetchall(
            "SELECT document, path, content_hash, title, date, language, passage_count "
            "FROM articles ORDER BY document"
        )
        return [ArticleRecord(*row) for row in rows]

    def article(self, document: str) -> ArticleRecord | None:
        found = self.articles_by_name({document})
        return found[0] if found else None

    def is_empty(self) -> bool:
        return not self._fetchall("SELECT 1 FROM articles LIMIT 1")

    def never_filled(self) -> bool:
        """No article was ever stored, nor an ingest begun (an index emptied by its user, or for a rebuild, or
        one whose first ingest was cut short, was used), and this process may fill it."""
        return not self.read_only and self.is_empty() and not self._fetchall(
            "SELECT 1 FROM catalog_state WHERE key IN ('filled', 'ingested')")

    def articles_by_name(self, documents: set[str]) -> list[ArticleRecord]:
        if not documents:
            return []
        marks = ",".join("?" * len(documents))
        rows = self._fetchall(
            "SELECT document, path, content_hash, title, date, language, passage_count "
            f"FROM articles WHERE document IN ({marks})",
            tuple(documents),
        )
        return [ArticleRecord(*row) for row in rows]

    def article_text(self, document: str) -> str | None:
        rows = self._fetchall("SELECT text FROM articles WHERE document = ?", (document,))
        return rows[0][0] if rows else None

    def passage_count(self) -> int:
        return self._fetchall("SELECT COUNT(*) FROM passages")[0][0]

    def passages(self, ids: list[str]) -> dict[str, PassageRecord]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._fetchall(f"SELECT id, document, ordinal, start, end FROM passages WHERE id IN ({marks})", ids)
        return {row[0]: PassageRecord(*row) for row in rows}

    def lexical_search(self, question: str, limit: int, language: str | None = None) -> list[tuple[str, float]]:
        """(passage id, BM25 score) over character trigrams, best first."""
        grams = query_grams(question)
        if not grams:
            return []
        match = " OR ".join('"' + g.replace('"', '""') + '"' for g in grams)
        sql = (
            "SELECT p.id, -bm25(passage_grams) AS score FROM passage_grams "
            "JOIN passages p ON p.rowid = passage_grams.rowid "
        )
        params: list = [match]
        if language:
            sql += "JOIN articles a ON a.document = p.document WHERE passage_grams MATCH ? AND a.language = ? "
            params.append(language)
        else:
            sql += "WHERE passage_grams MATCH ? "
        sql += "ORDER BY bm25(passage_grams) LIMIT ?"
        params.append(limit)
        return [(row[0], row[1]) for row in self._fetchall(sql, params)]

    def gram_weights(self, grams: list[str], passage_total: int | None = None) -> dict[str, float]:
        """Inverse document frequency of each trigram over all passages (rare grams weigh more);
        `passage_total` is `passage_count()`, counted here when not given."""
        total = max(self.passage_count() if passage_total is None else passage_total, 1)
        marks = ",".join("?" * len(grams))
        counts = dict(self._fetchall(
            f"SELECT term, doc FROM passage_gram_counts WHERE term IN ({marks})", grams
        )) if grams else {}
        return {g: math.log(1 + (total - counts.get(g, 0) + 0.5) / (counts.get(g, 0) + 0.5)) for g in grams}

    def languages(self) -> set[str]:
        return {row[0] for row in self._fetchall("SELECT DISTINCT language FROM articles") if row[0]}

    def language_means(self) -> dict[str, np.ndarray]:
        """The mean unit passage vector of each language (articles without a language under '')."""
        rows = [(language, passages, np.frombuffer(total, dtype=np.float64)) for language, passages, total
                in self._fetchall("SELECT language, passages, total FROM language_vectors WHERE passages > 0")]
        if not rows:
            return {}
        # A language with a handful of passages has no meaningful mean of its own (with one, the mean is that
        # passage): it gets the mean of all passages instead.
        overall = sum(total for _, _, total in rows) / sum(passages for _, passages, _ in rows)
        return {language: total / passages if passages >= MIN_PASSAGES_FOR_MEAN else overall
                for language, passages, total in rows}

    def articles_without_vectors(self) -> list[ArticleRecord]:
        rows = self._fetchall(
            "SELECT document, path, content_hash, title, date, language, passage_count FROM articles "
            "WHERE document NOT IN (SELECT document FROM article_vectors) ORDER BY document"
        )
        return [ArticleRecord(*row) for row in rows]

    def count_word_starting(self, stem: str, limit: int) -> int:
        """How many passages (up to `limit`) have a word that starts with `stem` (at least 3 characters)."""
        return self.count_containing(" " + stem, limit)  # `lexical_form` leads every word with a space

    def count_containing(self, fragment: str, limit: int) -> int:
        """How many passages (up to `limit`) contain `fragment` (at least 3 characters) anywhere in a word."""
        phrase = '"' + fold(fragment).replace('"', '""') + '"'
        sql = "SELECT COUNT(*) FROM (SELECT 1 FROM passage_grams WHERE passage_grams MATCH ? LIMIT ?)"
        return self._fetchall(sql, (phrase, limit))[0][0]

    def words_starting(self, prefix: str, lengths: tuple[int, int], limit: int = 500) -> list[str]:
        """Indexed words (as `words_of` spells them) that start with `prefix` and have a length in `lengths`
        (inclusive), up to `limit` per language. One index range per language, not the corpus."""
        found: list[str] = []
        for language in sorted(self.languages()):
            found += [word for (word,) in self._fetchall(
                "SELECT word FROM language_words WHERE language = ? AND word >= ? AND word < ? "
                "AND length(word) BETWEEN ? AND ? LIMIT ?",
                (language, prefix, prefix + "\U0010ffff", *lengths, limit),
            )]
        return list(dict.fromkeys(found))

    def passages_with_prefix(self, prefix: str, language: str) -> int:
        """How many passages of the language have a word (as `words_of` spells it) that starts with `prefix`,
        counting a passage once per such word: "russia" counts "russian" too. One index range, not the corpus."""
        rows = self._fetchall(
            "SELECT COALESCE(SUM(passages), 0) FROM language_words WHERE language = ? AND word >= ? AND word < ?",
            (language, prefix, prefix + "\U0010ffff"),
        )
        return rows[0][0]

    def passage_terms(self, ids: list[str]) -> dict[str, bytes]:
        """The packed latent terms of the passages that have them."""
        marks = ",".join("?" * len(ids))
        return dict(self._fetchall(
            f"SELECT p.id, t.terms FROM passages p JOIN passage_terms t ON t.passage = p.rowid WHERE p.id IN ({marks})",
            ids,
        )) if ids else {}

    def latent_term_scores(self, question: Terms, pool: list[str], passage_total: int) -> dict[str, float]:
        """Each pooled passage's IDF-weighted latent-term score against the question's terms (passages
        stored without terms are left out); `passage_total` is `passage_count()`."""
        stored = self.passage_terms(pool)
        ids = [pid for pid in pool if pid in stored]
        idf = term_idf(self.term_counts(question[0].tolist()), passage_total)
        return dict(zip(ids, term_scores(question, [unpack(stored[pid]) for pid in ids], idf)))

    def term_counts(self, terms: list[int]) -> dict[int, int]:
        """How many passages have each of the latent terms."""
        marks = ",".join("?" * len(terms))
        counts = dict(self._fetchall(f"SELECT term, passages FROM term_counts WHERE term IN ({marks})", terms)) \
            if terms else {}
        return {term: counts.get(term, 0) for term in terms}

    def articles_without_terms(self) -> list[ArticleRecord]:
        """Articles with a passage that has no latent terms (stored before terms were kept)."""
        rows = self._fetchall(
            "SELECT document, path, content_hash, title, date, language, passage_count FROM articles WHERE document IN "
            "(SELECT p.document FROM passages p LEFT JOIN passage_terms t ON t.passage = p.rowid WHERE t.passage IS NULL) "
            "ORDER BY document"
        )
        return [ArticleRecord(*row) for row in rows]

    def passage_texts(self, document: str) -> list[str]:
        """The article's passage texts, in order."""
        held = getattr(self._snapshot, "db", None)
        if held is not None:
            return self._passage_texts(document, held)
        with self._lock:
            return self._passage_texts(document)

    def passages_per_language(self) -> dict[str, int]:
        return dict(self._fetchall("SELECT language, passages FROM language_vectors"))

    def pending(self) -> list[tuple[str, str]]:
        return self._fetchall("SELECT document, content_hash FROM pending")

    # --- writing -------------------------------------------------------------------------
    def mark_ingest_started(self) -> None:
        """An ingest began: from now on the index is its user's, and never filled from the bundled articles."""
        with self._writable_lock():
            self._db.execute("INSERT OR IGNORE INTO catalog_state VALUES ('ingested', '1')")

    def mark_pending(self, document: str, content_hash: str) -> None:
        with self._writable_lock():
            self._db.execute("INSERT OR IGNORE INTO pending VALUES (?, ?)", (document, content_hash))

    def clear_pending(self, document: str, content_hash: str) -> None:
        with self._writable_lock():
            self._db.execute(
                "DELETE FROM pending WHERE document = ? AND content_hash = ?", (document, content_hash)
            )

    @contextmanager
    def _writable_lock(self):
        if self.read_only:
            raise not_writable(self.path.parent)
        with self._lock:
            yield

    def put_article(self, record: ArticleRecord, text: str, passages: list[PassageRecord], folded: list[str],
                    vector_total: np.ndarray, terms: list[bytes] | None = None) -> None:
        """Replace an article and its passages in one transaction: all of it is stored, or none.

        `vector_total` is the sum of the article's unit passage vectors; `terms` are the passages' packed
        latent terms, if the model has them.
        """
        with self._transaction() as db:
            db.execute("INSERT OR IGNORE INTO catalog_state VALUES ('filled', '1')")
            self._delete_rows(record.document)
            self._add_vectors(record.document, record.language or "", len(passages), vector_total)
            db.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (record.document, record.path, record.content_hash, record.title, record.date,
                 record.language, text, record.passage_count),
            )
            for passage, folded_text in zip(passages, folded):
                cursor = db.execute(
                    "INSERT INTO passages (id, document, ordinal, start, end) VALUES (?, ?, ?, ?, ?)",
                    (passage.id, passage.document, passage.ordinal, passage.start, passage.end),
                )
                db.execute(
                    "INSERT INTO passage_grams (rowid, folded) VALUES (?, ?)", (cursor.lastrowid, folded_text)
                )
            if terms is not None:
                self._add_terms(record.document, terms)
            self._shift_words(record.language or "", [text[p.start:p.end] for p in passages], 1)

    def put_article_vectors(self, document: str, language: str | None, passages: int,
                            vector_total: np.ndarray) -> None:
        """Record the vector sum of an article stored before sums were kept."""
        with self._transaction():
            self._remove_vectors(document)
            self._add_vectors(document, language or "", passages, vector_total)

    def put_article_terms(self, document: str, terms: list[bytes]) -> None:
        """Record the latent terms of an article stored before terms were kept (one per passage, in order)."""
        with self._transaction():
            self._remove_terms(document)
            self._add_terms(document, terms)

    def _add_terms(self, document: str, terms: list[bytes]) -> None:
        rowids = [row[0] for row in self._db.execute(
            "SELECT rowid FROM passages WHERE document = ? ORDER BY ordinal", (document,)).fetchall()]
        self._db.executemany("INSERT INTO passage_terms VALUES (?, ?)", zip(rowids, terms, strict=True))
        self._shift_terms(terms, 1)

    def _remove_terms(self, document: str) -> None:
        where = "passage IN (SELECT rowid FROM passages WHERE document = ?)"
        blobs = [row[0] for row in self._db.execute(f"SELECT terms FROM passage_terms WHERE {where}", (document,))]
        self._shift_terms(blobs, -1)
        self._db.execute(f"DELETE FROM passage_terms WHERE {where}", (document,))

    def _shift_terms(self, blobs: list[bytes], sign: int) -> None:
        counts = Counter(int(term) for blob in blobs for term in set(unpack(blob)[0].tolist()))
        self._db.executemany(
            "INSERT INTO term_counts VALUES (?, ?) "
            "ON CONFLICT (term) DO UPDATE SET passages = passages + excluded.passages",
            [(term, sign * count) for term, count in counts.items()],
        )
        if sign < 0:
            self._db.executemany("DELETE FROM term_counts WHERE term = ? AND passages <= 0",
                                 [(term,) for term in counts])

    def _add_vectors(self, document: str, language: str, passages: int, vector_total: np.ndarray) -> None:
        total = np.asarray(vector_total, dtype=np.float64)
        self._db.execute("INSERT INTO article_vectors VALUES (?, ?, ?, ?)",
                         (document, language, passages, total.tobytes()))
        self._shift_language(language, passages, total)

    def _remove_vectors(self, document: str) -> None:
        row = self._db.execute(
            "SELECT language, passages, total FROM article_vectors WHERE document = ?", (document,)
        ).fetchone()
        if row is None:
            return
        language, passages, total = row
        self._shift_language(language, -passages, -np.frombuffer(total, dtype=np.float64))
        self._db.execute("DELETE FROM article_vectors WHERE document = ?", (document,))

    def _shift_language(self, language: str, passages: int, total: np.ndarray) -> None:
        if total.size == 0:
            return
        row = self._db.execute(
            "SELECT passages, total FROM language_vectors WHERE language = ?", (language,)
        ).fetchone()
        if row is not None:
            passages += row[0]
            total = total + np.frombuffer(row[1], dtype=np.float64)
        self._db.execute("INSERT OR REPLACE INTO language_vectors VALUES (?, ?, ?)",
                         (language, passages, total.tobytes()))

    def _passage_texts(self, document: str, db: sqlite3.Connection | None = None) -> list[str]:
        db = db or self._db
        row = db.execute("SELECT text FROM articles WHERE document = ?", (document,)).fetchone()
        if row is None:
            return []
        spans = db.execute("SELECT start, end FROM passages WHERE document = ? ORDER BY ordinal",
                           (document,)).fetchall()
        return [row[0][start:end] for start, end in spans]

    def _shift_words(self, language: str, passage_texts: list[str], sign: int) -> None:
        counts = Counter(word for text in passage_texts for word in words_of(text))
        self._db.executemany(
            "INSERT INTO language_words VALUES (?, ?, ?) "
            "ON CONFLICT (language, word) DO UPDATE SET passages = passages + excluded.passages",
            [(language, word, sign * count) for word, count in counts.items()],
        )
        if sign < 0:
            self._db.executemany("DELETE FROM language_words WHERE language = ? AND word = ? AND passages <= 0",
                                 [(language, word) for word in counts])

    def delete_article(self, document: str) -> None:
        with self._transaction():
            self._delete_rows(document)

    @contextmanager
    def _transaction(self):
        """One write transaction: committed whole, or rolled back on any error (or interrupt)."""
        with self._writable_lock():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def clear(self) -> None:
        """Forget every article, in one transaction: other processes see the change (`data_version`), where
        a deleted catalog file would stay open, unchanged, in each of them."""
        with self._transaction() as db:
            for table in ("passage_terms", "term_counts", "passage_grams", "passages", "articles", "article_vectors",
                          "language_vectors", "language_words", "pending"):
                db.execute(f"DELETE FROM {table}")

    def _delete_rows(self, document: str) -> None:
        self._remove_vectors(document)
        row = self._db.execute("SELECT language FROM articles WHERE document = ?", (document,)).fetchone()
        if row is not None:
            self._shift_words(row[0] or "", self._passage_texts(document), -1)
        self._remove_terms(document)
        self._db.execute(
            "DELETE FROM passage_grams WHERE rowid IN (SELECT rowid FROM passages WHERE document = ?)", (document,)
        )
        self._db.execute("DELETE FROM passages WHERE document = ?", (document,))
        self._db.execute("DELETE FROM articles WHERE document = ?", (document,))
