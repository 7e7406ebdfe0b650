"""One SQLite catalog file: its connection, read-only opening, snapshots and write transactions."""

from __future__ import annotations

import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Mapping
from urllib.parse import quote

from vectorstore.errors import IndexReadOnly, IndexUnusable, damaged, not_writable


def shift_counts(db: sqlite3.Connection, table: str, keys: tuple[str, ...], counts: Mapping[tuple, int],
                 sign: int) -> None:
    """Add (`sign` 1) or take away (-1) each key's count to or from its row's `passages` in `table` (whose primary
    key is `keys`), inside the caller's transaction; a row left at zero goes. The passage counts the catalog keeps
    per word, latent term and trigram."""
    columns = ", ".join(keys)
    marks = ", ".join("?" * (len(keys) + 1))
    db.executemany(f"INSERT INTO {table} ({columns}, passages) VALUES ({marks}) "
                   f"ON CONFLICT ({columns}) DO UPDATE SET passages = passages + excluded.passages",
                   [(*key, sign * count) for key, count in counts.items()])
    if sign < 0:
        matching = " AND ".join(f"{key} = ?" for key in keys)
        db.executemany(f"DELETE FROM {table} WHERE {matching} AND passages <= 0", list(counts))


def can_write(path: Path) -> bool:
    """Whether this process may change the file (or make files in the folder), by its effective ids."""
    return os.access(path, os.W_OK, effective_ids=os.access in os.supports_effective_ids)


class Database:
    """The catalog file, shared by the parts that keep its tables (`schema` is their tables, together).

    A file in a folder this process cannot write to opens read-only: every read works and a write raises
    `IndexReadOnly`. Reads inside `snapshot()` see one committed state; `transaction()` is all or nothing.
    """

    def __init__(self, path: Path, schema: str, version: int):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.version = version
        self._lock = threading.RLock()  # one connection is shared by the chat server's threads
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
                self._db.executescript("PRAGMA journal_mode = WAL;\n" + schema)
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
        if self.schema_version() < self.version:
            raise IndexReadOnly(f"the index in {self.path.parent} was made by an earlier version and must be "
                                "brought up to date once by a user who can write to its folder (any 'qa' command "
                                "does); you cannot write to it.")
        self._db.execute("SELECT COUNT(*) FROM catalog_state").fetchone()

    def schema_version(self, db: sqlite3.Connection | None = None) -> int:
        return (db or self._db).execute("PRAGMA user_version").fetchone()[0]

    def set_schema_version(self, db: sqlite3.Connection) -> None:
        db.execute(f"PRAGMA user_version = {int(self.version)}")

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

    def fetchall(self, sql: str, params=()) -> list[tuple]:
        held = getattr(self._snapshot, "db", None)
        if held is not None:
            return held.execute(sql, params).fetchall()
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    @contextmanager
    def reading(self):
        """A connection for several reads in a row: this thread's snapshot, or the shared one under its lock."""
        held = getattr(self._snapshot, "db", None)
        if held is not None:
            yield held
            return
        with self._lock:
            yield self._db

    @contextmanager
    def writable(self):
        """The shared connection, for one statement that commits on its own."""
        if self.read_only:
            raise not_writable(self.path.parent)
        with self._lock:
            yield self._db

    @contextmanager
    def transaction(self):
        """One write transaction: committed whole, or rolled back on any error (or interrupt)."""
        with self.writable() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
