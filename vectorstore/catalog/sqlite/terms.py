"""Each passage's sparse latent terms (vectorstore/latent_terms.py), for models that have them, and how many
passages have each term (for its IDF)."""

from __future__ import annotations

import sqlite3
from collections import Counter

from vectorstore.catalog.sqlite.database import Database, shift_counts
from vectorstore.latent_terms import Terms, term_idf, term_scores, unpack

SCHEMA = """
CREATE TABLE IF NOT EXISTS passage_terms (
    passage INTEGER PRIMARY KEY,  -- passages.rowid
    terms BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS term_counts (
    term INTEGER PRIMARY KEY,
    passages INTEGER NOT NULL
);
"""


class LatentTerms:
    def __init__(self, database: Database):
        self.database = database

    def scores(self, question: Terms, pool: list[str], passage_total: int) -> dict[str, float]:
        """Each pooled passage's IDF-weighted latent-term score against the question's terms (passages stored
        without terms are left out)."""
        stored = self._passage_terms(pool)
        ids = [pid for pid in pool if pid in stored]
        idf = term_idf(self._term_counts(question[0].tolist()), passage_total)
        return dict(zip(ids, term_scores(question, [unpack(stored[pid]) for pid in ids], idf)))

    def _passage_terms(self, ids: list[str]) -> dict[str, bytes]:
        marks = ",".join("?" * len(ids))
        return dict(self.database.fetchall(
            f"SELECT p.id, t.terms FROM passages p JOIN passage_terms t ON t.passage = p.rowid WHERE p.id IN ({marks})",
            ids,
        )) if ids else {}

    def _term_counts(self, terms: list[int]) -> dict[int, int]:
        marks = ",".join("?" * len(terms))
        counts = dict(self.database.fetchall(
            f"SELECT term, passages FROM term_counts WHERE term IN ({marks})", terms)) if terms else {}
        return {term: counts.get(term, 0) for term in terms}

    @staticmethod
    def documents_without_terms() -> str:
        """An SQL condition on articles: those with a passage stored before terms were kept."""
        return ("document IN (SELECT p.document FROM passages p LEFT JOIN passage_terms t ON t.passage = p.rowid "
                "WHERE t.passage IS NULL)")

    # --- writing, inside the caller's transaction ----------------------------------------
    def add(self, db: sqlite3.Connection, rowids: list[int], terms: list[bytes]) -> None:
        db.executemany("INSERT INTO passage_terms VALUES (?, ?)", zip(rowids, terms, strict=True))
        self._shift(db, terms, 1)

    def remove(self, db: sqlite3.Connection, document: str) -> None:
        where = "passage IN (SELECT rowid FROM passages WHERE document = ?)"
        blobs = [row[0] for row in db.execute(f"SELECT terms FROM passage_terms WHERE {where}", (document,))]
        self._shift(db, blobs, -1)
        db.execute(f"DELETE FROM passage_terms WHERE {where}", (document,))

    @staticmethod
    def _shift(db: sqlite3.Connection, blobs: list[bytes], sign: int) -> None:
        counts = Counter((int(term),) for blob in blobs for term in set(unpack(blob)[0].tolist()))
        shift_counts(db, "term_counts", ("term",), counts, sign)
