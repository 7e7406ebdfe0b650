"""The index folder: making it, whether this process may write to it, and its write lock."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from vectorstore.catalog import can_write
from vectorstore.errors import IndexBusy, IndexUnusable
from vectorstore.settings import Settings

WRITE_WAIT_SECONDS = 120  # a writer holds the lock for one article at a time
WAIT_NOTICE_SECONDS = 2  # a wait for the lock longer than this is announced


def make_index_dir(path: Path) -> None:
    """Create the index folder, or say why it cannot be and what to do."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise IndexUnusable(f"the index folder {path} cannot be made: a file has that name (or a part of that "
                            "path). Point QA_INDEX_DIR or --index-dir at a folder.") from None
    except OSError as error:
        raise IndexUnusable(f"the index folder {path} cannot be made ({error.strerror or error}). Point "
                            "QA_INDEX_DIR or --index-dir at a folder you can write to.") from None


def index_writable(settings: Settings) -> bool:
    """Whether this process may change the index: its folder, catalog and (embedded) vector store."""
    chroma = settings.index_dir / "chroma"
    return can_write(settings.index_dir) and all(
        can_write(path) for path in (settings.catalog_path, chroma, chroma / "chroma.sqlite3") if path.exists())


def write_lock(settings: Settings) -> FileLock:
    """The index's write lock (one writer at a time, across processes); one object per holder, since a FileLock
    is reentrant only through itself."""
    return FileLock(settings.index_dir / "write.lock", timeout=WRITE_WAIT_SECONDS)


@contextmanager
def write_turn(lock: FileLock, index_dir):
    """Hold the index's write lock; a wait past its limit is `IndexBusy` (not whatever runs while it is held).

    A wait of more than a moment says on stderr what it waits for: opening the index takes the lock too, so a
    question asked while another process stores a long article would otherwise sit without a word.
    """
    notice_after = min(WAIT_NOTICE_SECONDS, lock.timeout)
    try:
        try:
            lock.acquire(timeout=notice_after)
        except Timeout:
            print(f"Waiting for another process to finish writing to the index in {index_dir} (an ingest?)…",
                  file=sys.stderr, flush=True)
            lock.acquire(timeout=lock.timeout - notice_after)
    except Timeout as error:
        raise IndexBusy(
            f"another process kept the index in {index_dir} busy for {WRITE_WAIT_SECONDS} s; "
            "try again once its ingest is done"
        ) from error
    try:
        yield
    finally:
        lock.release()
