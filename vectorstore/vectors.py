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
