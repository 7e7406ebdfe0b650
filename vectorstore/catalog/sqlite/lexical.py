"""The lexical index: SQLite's FTS5 trigram index over the folded passage texts, searched with BM25.

It is persisted, updated in the same transaction as the article it belongs to, and matches shared stems and
names across languages.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from typing import Mapping

from vectorstore.catalog.sqlite.database import Database, shift_counts
from vectorstore.text import fold, query_grams

# `gram_passages` keeps how many passages hold each trigram, as `passage_gram_counts` (FTS5's own vocabulary) tells
# too: that one counts by reading each trigram's whole list of passages, 55 ms a question's trigrams at 100k passages.
SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS passage_grams USING fts5(folded, tokenize = 'trigram');
CREATE VIRTUAL TABLE IF NOT EXISTS passage_gram_counts USING fts5vocab(passage_grams, 'row');
CREATE TABLE IF NOT EXISTS gram_passages (
    gram TEXT PRIMARY KEY,
    passages INTEGER NOT NULL
) WITHOUT ROWID;
"""


# `gram_weights` of a trigram that half the passages or more hold: log(1 + (N - n + 0.5) / (n + 0.5)) <= log 2 exactly
# when FTS5's own IDF, log((N - n + 0.5) / (n + 0.5)), is 0 or less, which its bm25() then counts as 1e-6.
COMMON_WEIGHT = math.log(2)


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class LexicalIndex:
    def __init__(self, database: Database):
        self.database = database

    def search(self, question: str, limit: int, language: str | None = None,
               weights: Mapping[str, float] | None = None) -> list[tuple[str, float]]:
        """(passage id, BM25 score) over character trigrams, best first. `weights`, the trigrams' `gram_weights` when
        the caller has them, let the search leave out the trigrams that half the passages or more hold: FTS5's BM25
        gives those an IDF of 1e-6, yet scores every passage that holds one (nearly all of 100k passages; without them
        the search took about a third less there, with the same first 30). Searched with all when the others find
        fewer than `limit` passages."""
        grams = query_grams(question)
        if not grams:
            return []
        if weights:
            telling = [g for g in grams if weights.get(g, math.inf) > COMMON_WEIGHT]
            if telling and len(telling) < len(grams):
                found = self._search(telling, limit, language)
                if len(found) >= limit:
                    return found
        return self._search(grams, limit, language)

    def _search(self, grams: list[str], limit: int, language: str | None) -> list[tuple[str, float]]:
        sql = ("SELECT p.id, -bm25(passage_grams) AS score FROM passage_grams "
               "JOIN passages p ON p.rowid = passage_grams.rowid ")
        params: list = [" OR ".join(_phrase(g) for g in grams)]
        if language:
            sql += "JOIN articles a ON a.document = p.document WHERE passage_grams MATCH ? AND a.language = ? "
            params.append(language)
        else:
            sql += "WHERE passage_grams MATCH ? "
        sql += "ORDER BY bm25(passage_grams) LIMIT ?"
        params.append(limit)
        return [(row[0], row[1]) for row in self.database.fetchall(sql, params)]

    def gram_weights(self, grams: list[str], passage_total: int) -> dict[str, float]:
        """Inverse document frequency of each trigram over all passages (rare grams weigh more)."""
        total = max(passage_total, 1)
        marks = ",".join("?" * len(grams))
        counts = dict(self.database.fetchall(
            f"SELECT gram, passages FROM gram_passages WHERE gram IN ({marks})", grams)) if grams else {}
        return {g: math.log(1 + (total - counts.get(g, 0) + 0.5) / (counts.get(g, 0) + 0.5)) for g in grams}

    def count_containing(self, fragment: str, limit: int) -> int:
        """How many passages (up to `limit`) contain `fragment` (at least 3 characters) anywhere in a word."""
        sql = "SELECT COUNT(*) FROM (SELECT 1 FROM passage_grams WHERE passage_grams MATCH ? LIMIT ?)"
        return self.database.fetchall(sql, (_phrase(fold(fragment)), limit))[0][0]

    # --- writing, inside the caller's transaction ----------------------------------------
    @staticmethod
    def add(db: sqlite3.Connection, rowids: list[int], folded: list[str]) -> None:
        db.executemany("INSERT INTO passage_grams (rowid, folded) VALUES (?, ?)", zip(rowids, folded, strict=True))
        _shift_grams(db, folded, 1)

    @staticmethod
    def remove(db: sqlite3.Connection, document: str) -> None:
        chosen = "rowid IN (SELECT rowid FROM passages WHERE document = ?)"
        folded = [row[0] for row in db.execute(f"SELECT folded FROM passage_grams WHERE {chosen}", (document,))]
        _shift_grams(db, folded, -1)
        db.execute(f"DELETE FROM passage_grams WHERE {chosen}", (document,))

    @staticmethod
    def count_all(db: sqlite3.Connection) -> None:
        """`gram_passages` counted anew from FTS5's own vocabulary (for a catalog written before it was kept)."""
        db.execute("DELETE FROM gram_passages")
        db.execute("INSERT INTO gram_passages (gram, passages) SELECT term, doc FROM passage_gram_counts")


def _shift_grams(db: sqlite3.Connection, folded: list[str], sign: int) -> None:
    """Add (`sign` 1) or take away (-1) the passages `folded` to or from each trigram's count. FTS5's trigram
    tokenizer makes a token of every three characters in a row, spaces included, as this does."""
    counts = Counter((gram,) for text in folded for gram in {text[i:i + 3] for i in range(len(text) - 2)})
    shift_counts(db, "gram_passages", ("gram",), counts, sign)
