"""Sums of each article's unit passage vectors, and their totals per language: the mean passage of a language,
which dense retrieval subtracts so that scores compare across languages."""

from __future__ import annotations

import sqlite3

import numpy as np

from vectorstore.catalog.sqlite.database import Database
from vectorstore.vectors import language_means

SCHEMA = """
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
"""


class VectorSums:
    def __init__(self, database: Database):
        self.database = database

    def language_means(self) -> dict[str, np.ndarray]:
        """The mean unit passage vector of each language (articles without a language under '')."""
        return language_means([(language, passages, np.frombuffer(total, dtype=np.float64)) for language, passages, total
                               in self.database.fetchall("SELECT language, passages, total FROM language_vectors")])

    def passages_per_language(self) -> dict[str, int]:
        return dict(self.database.fetchall("SELECT language, passages FROM language_vectors"))

    def documents_without_sums(self) -> str:
        """An SQL condition on articles: those stored before the sums were kept."""
        return "document NOT IN (SELECT document FROM article_vectors)"

    # --- writing, inside the caller's transaction ----------------------------------------
    def add(self, db: sqlite3.Connection, document: str, language: str, passages: int,
            vector_total: np.ndarray) -> None:
        total = np.asarray(vector_total, dtype=np.float64)
        db.execute("INSERT INTO article_vectors VALUES (?, ?, ?, ?)", (document, language, passages, total.tobytes()))
        self._shift_language(db, language, passages, total)

    def remove(self, db: sqlite3.Connection, document: str) -> None:
        row = db.execute("SELECT language, passages, total FROM article_vectors WHERE document = ?",
                         (document,)).fetchone()
        if row is None:
            return
        language, passages, total = row
        self._shift_language(db, language, -passages, -np.frombuffer(total, dtype=np.float64))
        db.execute("DELETE FROM article_vectors WHERE document = ?", (document,))

    @staticmethod
    def _shift_language(db: sqlite3.Connection, language: str, passages: int, total: np.ndarray) -> None:
        if total.size == 0:
            return
        row = db.execute("SELECT passages, total FROM language_vectors WHERE language = ?", (language,)).fetchone()
        if row is not None:
            passages += row[0]
            total = total + np.frombuffer(row[1], dtype=np.float64)
        db.execute("INSERT OR REPLACE INTO language_vectors VALUES (?, ?, ?)", (language, passages, total.tobytes()))
