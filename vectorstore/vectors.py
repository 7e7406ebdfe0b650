"""Vector maths on embeddings: unit length, so that dot products are cosine similarities."""

from __future__ import annotations

import numpy as np


def unit_vectors(vectors) -> np.ndarray:
    """The vectors (rows) scaled to unit length, so dot products are cosine similarities."""
    matrix = np.atleast_2d(np.asarray(vectors, dtype=np.float64))
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


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
