"""The articles' exact texts and their passages' offsets."""

from __future__ import annotations

import sqlite3

from vectorstore.catalog.records import ArticleRecord, PassageRecord
from vectorstore.catalog.sqlite.database import Database

SCHEMA = """
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
"""
ARTICLE_COLUMNS = "document, path, content_hash, title, date, language, passage_count"


class Articles:
    def __init__(self, database: Database):
        self.database = database

    def select(self, where: str = "", params=()) -> list[ArticleRecord]:
        """The articles that `where` (an SQL condition) keeps, by name."""
        sql = f"SELECT {ARTICLE_COLUMNS} FROM articles {'WHERE ' + where if where else ''} ORDER BY document"
        return [ArticleRecord(*row) for row in self.database.fetchall(sql, params)]

    def by_name(self, documents: set[str]) -> list[ArticleRecord]:
        if not documents:
            return []
        return self.select(f"document IN ({','.join('?' * len(documents))})", tuple(documents))

    def text(self, document: str) -> str | None:
        return self.texts({document}).get(document)

    def texts(self, documents: set[str]) -> dict[str, str]:
        if not documents:
            return {}
        return dict(self.database.fetchall(
            f"SELECT document, text FROM articles WHERE document IN ({','.join('?' * len(documents))})",
            tuple(documents)))

    def languages(self) -> set[str]:
        return {row[0] for row in self.database.fetchall("SELECT DISTINCT language FROM articles") if row[0]}

    def is_empty(self) -> bool:
        return not self.database.fetchall("SELECT 1 FROM articles LIMIT 1")

    def passage_count(self) -> int:
        return self.database.fetchall("SELECT COUNT(*) FROM passages")[0][0]

    def passages(self, ids: list[str]) -> dict[str, PassageRecord]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.database.fetchall(f"SELECT id, document, ordinal, start, end FROM passages WHERE id IN ({marks})",
                                      ids)
        return {row[0]: PassageRecord(*row) for row in rows}

    def passage_texts(self, document: str) -> list[str]:
        """The article's passage texts, in order."""
        with self.database.reading() as db:
            return passage_texts(db, document)

    # --- writing, inside the caller's transaction ----------------------------------------
    @staticmethod
    def add(db: sqlite3.Connection, record: ArticleRecord, text: str, passages: list[PassageRecord]) -> list[int]:
        """Store the article and its passages; returns the passages' row ids, in order."""
        db.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   (record.document, record.path, record.content_hash, record.title, record.date, record.language,
                    text, record.passage_count))
        return [db.execute("INSERT INTO passages (id, document, ordinal, start, end) VALUES (?, ?, ?, ?, ?)",
                           (p.id, p.document, p.ordinal, p.start, p.end)).lastrowid for p in passages]

    @staticmethod
    def remove(db: sqlite3.Connection, document: str) -> None:
        db.execute("DELETE FROM passages WHERE document = ?", (document,))
        db.execute("DELETE FROM articles WHERE document = ?", (document,))

    @staticmethod
    def passage_rowids(db: sqlite3.Connection, document: str) -> list[int]:
        return [row[0] for row in db.execute(
            "SELECT rowid FROM passages WHERE document = ? ORDER BY ordinal", (document,)).fetchall()]

    @staticmethod
    def language(db: sqlite3.Connection, document: str) -> str | None:
        """The stored article's language ('' if it has none), None if it is not stored."""
        row = db.execute("SELECT language FROM articles WHERE document = ?", (document,)).fetchone()
        return None if row is None else row[0] or ""


def passage_texts(db: sqlite3.Connection, document: str) -> list[str]:
    row = db.execute("SELECT text FROM articles WHERE document = ?", (document,)).fetchone()
    if row is None:
        return []
    spans = db.execute("SELECT start, end FROM passages WHERE document = ? ORDER BY ordinal", (document,)).fetchall()
    return [row[0][start:end] for start, end in spans]
