"""How many passages of each language contain each word (`words_of`): the word bridge tells a language's
function words from its content words with one lookup, and spelling checks find a name's look-alikes."""

from __future__ import annotations

import sqlite3
from collections import Counter

from vectorstore.catalog.sqlite.database import Database, shift_counts
from vectorstore.text import words_of

SCHEMA = """
CREATE TABLE IF NOT EXISTS language_words (
    language TEXT NOT NULL,
    word TEXT NOT NULL,
    passages INTEGER NOT NULL,
    PRIMARY KEY (language, word)
) WITHOUT ROWID;
"""


class WordCounts:
    def __init__(self, database: Database):
        self.database = database

    def words_starting(self, prefix: str, lengths: tuple[int, int], languages: set[str], limit: int) -> list[str]:
        """Indexed words that start with `prefix` and have a length in `lengths` (inclusive), up to `limit` per
        language. One index range per language, not the corpus."""
        found: list[str] = []
        for language in sorted(languages):
            found += [word for (word,) in self.database.fetchall(
                "SELECT word FROM language_words WHERE language = ? AND word >= ? AND word < ? "
                "AND length(word) BETWEEN ? AND ? LIMIT ?",
                (language, prefix, prefix + "\U0010ffff", *lengths, limit),
            )]
        return list(dict.fromkeys(found))

    def passages_with_prefix(self, prefix: str, language: str) -> int:
        """How many passages of the language have a word that starts with `prefix`, counting a passage once per
        such word: "russia" counts "russian" too. One index range, not the corpus."""
        rows = self.database.fetchall(
            "SELECT COALESCE(SUM(passages), 0) FROM language_words WHERE language = ? AND word >= ? AND word < ?",
            (language, prefix, prefix + "\U0010ffff"),
        )
        return rows[0][0]

    # --- writing, inside the caller's transaction ----------------------------------------
    @staticmethod
    def shift(db: sqlite3.Connection, language: str, passage_texts: list[str], sign: int) -> None:
        """Count the passages' words in (`sign` 1) or out (-1)."""
        counts = Counter((language, word) for text in passage_texts for word in words_of(text))
        shift_counts(db, "language_words", ("language", "word"), counts, sign)

    @staticmethod
    def clear(db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM language_words")
