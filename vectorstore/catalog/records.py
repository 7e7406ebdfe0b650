"""What the catalog stores of an article and of a passage, and the ids both sides of the index share."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ArticleRecord:
    document: str
    path: str
    content_hash: str
    title: str
    date: str | None
    language: str | None
    passage_count: int


@dataclass(frozen=True)
class PassageRecord:
    id: str
    document: str
    ordinal: int
    start: int
    end: int


def version_id(document: str, content_hash: str) -> str:
    """The id of one version of an article: its passages' vectors are deleted by it."""
    return f"{document}@{content_hash}"


def passage_id(document: str, content_hash: str, ordinal: int) -> str:
    return f"{document}@{content_hash[:16]}#{ordinal}"


@dataclass(frozen=True)
class PassageSentences:
    """The sentences of a passage that the answerer weighs (`vectorstore.chunking.answer_sentences`): their
    offsets within the passage and their unit vectors, one row each, computed once at ingest."""

    bounds: np.ndarray  # int32, (n, 2): start and end within the passage text
    vectors: np.ndarray  # float32, (n, dimension)

    def pack(self) -> tuple[bytes, bytes]:
        return (np.asarray(self.bounds, dtype=np.int32).tobytes(), np.asarray(self.vectors, dtype=np.float32).tobytes())

    @classmethod
    def unpack(cls, bounds: bytes, vectors: bytes) -> "PassageSentences":
        spans = np.frombuffer(bounds, dtype=np.int32).reshape(-1, 2)
        rows = np.frombuffer(vectors, dtype=np.float32)
        return cls(spans, rows.reshape(len(spans), -1) if len(spans) else rows.reshape(0, 0))
