"""Each passage's answer sentences: their offsets and vectors, embedded once at ingest so that a question costs
one model pass, not one per retrieved sentence."""

from __future__ import annotations

import sqlite3

from vectorstore.catalog.records import PassageSentences
from vectorstore.catalog.sqlite.database import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS passage_sentences (
    passage INTEGER PRIMARY KEY,  -- passages.rowid
    bounds BLOB NOT NULL,         -- int32 (start, end) pairs within the passage
    vectors BLOB NOT NULL         -- float32 rows, one per sentence
);
"""


class Sentences:
    def __init__(self, database: Database):
        self.database = database

    def of(self, ids: list[str]) -> dict[str, PassageSentences]:
        """The stored sentences of the passages that have them."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.database.fetchall(
            "SELECT p.id, s.bounds, s.vectors FROM passages p JOIN passage_sentences s ON s.passage = p.rowid "
            f"WHERE p.id IN ({marks})", ids)
        return {pid: PassageSentences.unpack(bounds, vectors) for pid, bounds, vectors in rows}

    @staticmethod
    def documents_without_sentences() -> str:
        """An SQL condition on articles: those with a passage stored before sentences were kept."""
        return ("document IN (SELECT p.document FROM passages p LEFT JOIN passage_sentences s ON s.passage = p.rowid "
                "WHERE s.passage IS NULL)")

    # --- writing, inside the caller's transaction ----------------------------------------
    @staticmethod
    def add(db: sqlite3.Connection, rowids: list[int], sentences: list[PassageSentences]) -> None:
        db.executemany("INSERT INTO passage_sentences VALUES (?, ?, ?)",
                       [(rowid, *item.pack()) for rowid, item in zip(rowids, sentences, strict=True)])

    @staticmethod
    def remove(db: sqlite3.Connection, document: str) -> None:
        db.execute("DELETE FROM passage_sentences WHERE passage IN (SELECT rowid FROM passages WHERE document = ?)",
                   (document,))
