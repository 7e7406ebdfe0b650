"""A small Chroma collection's vectors, held in memory and searched exactly.

Chroma keeps a collection under its sync threshold unsaved as a graph and builds it anew in each process
(`SEARCHED_WHOLE_BELOW`), so such a collection is searched whole for the true nearest items. Asking Chroma for every
item and distance costs about 11 ms for 441 words; the same ranking from vectors read once is a matrix product of a
fraction of a millisecond. Our own module because Chroma has no exact search of a collection. `Kept` keeps such a
read, and any other read of the index (a language's passage ids), until the index changes; within one question's
reads (`checked_once`) whether it changed is asked once, not at every read.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Generic, Hashable, Iterable, TypeVar

import numpy as np

from vectorstore.vectors import similarity_matrix, unit_vectors


T = TypeVar("T")

_checks = threading.local()  # this thread's versions read within `checked_once`


@contextmanager
def checked_once():
    """Within, each version that a `Kept` or a `HeldVectors` is checked by (the catalog's `data_version`, a server
    collection's count) is read once by this thread: the reads of one question see one state of the index (its
    snapshot, `PassageIndex.reading`), and on a server each check is a round trip (6 a question were 10 ms).
    Nested, the outer one holds."""
    if getattr(_checks, "versions", None) is not None:
        yield
        return
    _checks.versions = {}
    try:
        yield
    finally:
        _checks.versions = None


def current(version: Callable[[], Hashable]) -> Hashable:
    """`version()`, read once within `checked_once` (keyed by the callable: one catalog's bound `data_version` is
    the same key wherever it was taken)."""
    versions = getattr(_checks, "versions", None)
    if versions is None:
        return version()
    if version not in versions:
        versions[version] = version()
    return versions[version]


class Kept(Generic[T]):
    """What `read()` gives, kept until `version()` changes (the catalog's `data_version`, which another process's
    commit changes) or `forget()` is called (by this process's own writes, which leave that version as it was)."""

    def __init__(self, read: Callable[[], T], version: Callable[[], Hashable]):
        self._read = read
        self._version = version
        self._kept: tuple[Hashable, T] | None = None
        self._forgotten = 0  # how many times `forget` was called: a read begun before one is not kept
        self._lock = threading.Lock()

    def forget(self) -> None:
        with self._lock:
            self._kept = None
            self._forgotten += 1

    def get(self) -> T:
        version = current(self._version)
        kept = self._kept
        if kept is not None and kept[0] == version:
            return kept[1]
        forgotten = self._forgotten
        value = self._read()
        with self._lock:
            if self._forgotten == forgotten:
                self._kept = (version, value)
        return value


@dataclass(frozen=True)
class _Held:
    large: bool  # at or over `held_below` items: not held, Chroma searches its saved graph
    ids: list[str] = field(default_factory=list)
    vectors: list = field(default_factory=list)  # as Chroma returns them
    units: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))  # the same, scaled to unit length
    rows: dict[str, int] = field(default_factory=dict)


class HeldVectors:
    """One collection's vectors, read from Chroma once and again after a change, while it holds fewer than
    `held_below` items; a larger one is not held (`nearest` and `vectors` give None) and Chroma searches it.

    `version()` changes when another process commits (the catalog's `data_version`); `forget()` is called by this
    process's own writes. A held collection on a Chroma server is also checked by `counted()`, a count that changes
    with it (its own, or for collections written only with the passages, the passages'), once a question
    (`checked_once`): a user may change it, and a server that is gone is then told as a search would tell it,
    rather than answered from memory. A collection too large to hold is not counted: Chroma searches it anyway.
    """

    def __init__(self, collection, version: Callable[[], int], held_below: int,
                 counted: Callable[[], int] | None = None):
        self._collection = collection
        self._held_below = held_below
        self._catalog_version = version
        self._counted = counted
        self._large = False  # the last read found the collection too large to hold
        self._kept = Kept(self._read, self._version)

    def _version(self) -> Hashable:
        version = current(self._catalog_version)
        return (version, current(self._counted)) if self._counted and not self._large else version

    def forget(self) -> None:
        self._kept.forget()

    def _read(self) -> _Held:
        self._large = self._collection.count() >= self._held_below
        if self._large:
            return _Held(large=True)
        stored = self._collection.get(include=["embeddings"])
        ids = list(stored["ids"])
        vectors = list(stored["embeddings"]) if ids else []
        return _Held(False, ids, vectors, unit_vectors(vectors) if ids else np.zeros((0, 0)),
                     {item: row for row, item in enumerate(ids)})

    def nearest(self, vectors: Iterable, top_k: int | None = None) -> list[list[tuple[str, float]]] | None:
        """For each vector, the `top_k` nearest items (all without it) as (id, cosine similarity), nearest first,
        equal similarities in the collection's order; None for a collection too large to hold."""
        held = self._kept.get()
        if held.large:
            return None
        queries = unit_vectors(list(vectors))
        if not held.ids:
            return [[] for _ in queries]
        similarity = similarity_matrix(held.units, queries)
        found = []
        for column in range(similarity.shape[1]):
            order = np.argsort(-similarity[:, column], kind="stable")[:top_k]
            found.append([(held.ids[row], float(similarity[row, column])) for row in order])
        return found

    def vectors(self, ids: Iterable[str]) -> dict[str, list[float]] | None:
        """The vectors of those ids that the collection has, as Chroma returns them; None for a collection too large
        to hold."""
        held = self._kept.get()
        if held.large:
            return None
        return {item: list(held.vectors[held.rows[item]]) for item in dict.fromkeys(ids) if item in held.rows}
