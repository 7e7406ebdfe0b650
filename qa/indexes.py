"""The indexes this process has opened, one per folder, and the bundled articles that fill a new one."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from vectorstore.settings import Settings
from vectorstore.store import PassageIndex, explain_server_errors

_indexes: dict[Path, PassageIndex] = {}
_lock = threading.Lock()


def open_index(settings: Settings, *, build_default: bool = True) -> PassageIndex:
    """The index of `settings.index_dir`, opened once per process.

    An index that never held an article is first filled from the bundled articles, with progress on stderr.
    A Chroma server that does not answer raises `StoreUnavailable`, which says what to do.
    """
    key = settings.index_dir.resolve()
    with explain_server_errors(settings), _lock:
        index = _indexes.get(key)
        if index is None:
            index = PassageIndex(settings)
            _indexes[key] = index
        else:
            index.refresh()  # another process may have ingested since
        # Not an index that held articles once: one its user emptied (or a rebuild did) stays as it was left.
        if build_default and index.catalog.never_filled() and settings.default_corpus.is_dir():
            from vectorstore.ingest import ingest_paths  # with its readers, only when the index is built

            print(f"Building the index in {settings.index_dir} from the bundled articles…", file=sys.stderr)
            report = ingest_paths(index, [settings.default_corpus], show_progress=True)
            print(report.summary(), file=sys.stderr)
    return index


def close_indexes() -> None:
    """Forget opened indexes (tests and long-running apps that switch folders)."""
    with _lock:
        for index in _indexes.values():
            index.close()
        _indexes.clear()
