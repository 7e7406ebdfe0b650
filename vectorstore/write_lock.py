"""One writer at a time: the wait for the write turn, announced when it is long, and `IndexBusy` when it is too long.

The embedded catalog's turn is a lock file in the index folder (embedded Chroma is not safe for concurrent
writers); a catalog on a server serialises its writers itself (vectorstore/catalog/postgres.py).
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from vectorstore.errors import IndexBusy

WRITE_WAIT_SECONDS = 120  # a writer holds the turn for one article at a time
WAIT_NOTICE_SECONDS = 2  # a wait for the turn longer than this is announced


def file_lock(folder: Path) -> FileLock:
    """The index folder's write lock; one object per holder, since a FileLock is reentrant only through itself."""
    return FileLock(folder / "write.lock", timeout=WRITE_WAIT_SECONDS)


def waiting_notice(where: str) -> None:
    print(f"Waiting for another process to finish writing to {where} (an ingest?)…", file=sys.stderr, flush=True)


def busy(where: str) -> IndexBusy:
    return IndexBusy(f"another process kept {where} busy for {WRITE_WAIT_SECONDS} s; try again once its ingest is done")


@contextmanager
def write_turn(lock: FileLock, index_dir):
    """Hold the index's write lock; a wait past its limit is `IndexBusy` (not whatever runs while it is held).

    A wait of more than a moment says on stderr what it waits for: opening the index takes the lock too, so a
    question asked while another process stores a long article would otherwise sit without a word.
    """
    where = f"the index in {index_dir}"
    notice_after = min(WAIT_NOTICE_SECONDS, lock.timeout)
    try:
        try:
            lock.acquire(timeout=notice_after)
        except Timeout:
            waiting_notice(where)
            lock.acquire(timeout=lock.timeout - notice_after)
    except Timeout as error:
        raise busy(where) from error
    try:
        yield
    finally:
        lock.release()
