"""The journal of article writes under way (cleaned after a crash), and the index's state: whether an article
was ever stored ('filled') or an ingest begun ('ingested'); only an index with neither is filled from the
bundled articles."""

from __future__ import annotations

import sqlite3
import uuid

from vectorstore.catalog.sqlite.database import Database

SCHEMA = """
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


class Journal:
    def __init__(self, database: Database):
        self.database = database

    def pending(self) -> list[tuple[str, str]]:
        return self.database.fetchall("SELECT document, content_hash FROM pending")

    def mark_pending(self, document: str, content_hash: str) -> None:
        with self.database.writable() as db:
            db.execute("INSERT OR IGNORE INTO pending VALUES (?, ?)", (document, content_hash))

    def clear_pending(self, document: str, content_hash: str) -> None:
        with self.database.writable() as db:
            db.execute("DELETE FROM pending WHERE document = ? AND content_hash = ?", (document, content_hash))

    def mark(self, key: str) -> None:
        with self.database.writable() as db:
            self.mark_in(db, key)

    @staticmethod
    def mark_in(db: sqlite3.Connection, key: str) -> None:
        db.execute("INSERT OR IGNORE INTO catalog_state VALUES (?, '1')", (key,))

    def identity(self) -> str:
        """The catalog's id, made once (a random UUID) by the first process that may write; '' until then."""
        rows = self.database.fetchall("SELECT value FROM catalog_state WHERE key = 'catalog_id'")
        if rows or self.database.read_only:
            return rows[0][0] if rows else ""
        with self.database.writable() as db:
            db.execute("INSERT OR IGNORE INTO catalog_state VALUES ('catalog_id', ?)", (uuid.uuid4().hex,))
        return self.database.fetchall("SELECT value FROM catalog_state WHERE key = 'catalog_id'")[0][0]

    def marked(self, *keys: str) -> bool:
        marks = ",".join("?" * len(keys))
        return bool(self.database.fetchall(f"SELECT 1 FROM catalog_state WHERE key IN ({marks})", keys))

    @staticmethod
    def clear(db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM pending")
