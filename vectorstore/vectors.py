"""Vector maths on embeddings: unit length, so that dot products are cosine similarities."""

from __future__ import annotations

import threading
from functools import lru_cache

import numpy as np

_one_blas_thread = threading.Lock()  # two threads limiting at once would each put back the other's limit


def unit_vectors(vectors) -> np.ndarray:
    """The vectors (rows) scaled to unit length, so dot products are cosine similarities."""
    matrix = np.atleast_2d(np.asarray(vectors, dtype=np.float64))
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


@lru_cache(maxsize=1)
def _blas():
    from threadpoolctl import ThreadpoolController  # at the first question: it reads every loaded library

    return ThreadpoolController()


def similarity_matrix(units: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """`units @ queries.T` (rows of unit vectors against unit queries: cosine similarities) on one BLAS thread.
    A product this size is over BLAS's threading threshold, and its second thread then spins for a while after
    it, on the core the embedding passes of the same and the next questions need (issue 25: whole questions 10 to
    20 ms slower with a 441-word product on two threads)."""
    with _one_blas_thread, _blas().limit(limits=1, user_api="blas"):
        return units @ queries.T


def unit_sum(vectors) -> np.ndarray:
    """Sum of the vectors scaled to unit length (so a language's mean gives mean cosine similarities)."""
    if len(vectors) == 0:
        return np.zeros(0)
    return unit_vectors(vectors).sum(axis=0)


MIN_PASSAGES_FOR_MEAN = 10


def language_means(totals: list[tuple[str, int, np.ndarray]]) -> dict[str, np.ndarray]:
    """Each language's mean unit passage vector from (language, passages, sum of their unit vectors). A language with
    a handful of passages has no meaningful mean of its own (with one, the mean is that passage): it gets the mean of
    all passages instead."""
    totals = [(language, passages, total) for language, passages, total in totals if passages > 0]
    if not totals:
        return {}
    overall = sum(total for _, _, total in totals) / sum(passages for _, passages, _ in totals)
    return {language: total / passages if passages >= MIN_PASSAGES_FOR_MEAN else overall
            for language, passages, total in totals}
