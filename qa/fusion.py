"""Fusing several rankings of passage ids: by reciprocal rank, and by standardised scores.

Written here because llama-index's QueryFusionRetriever insists on an LLM object even when it
generates no extra queries, and the assistant must run with no LLM at all.
"""

from __future__ import annotations

RRF_K = 60


def fuse_rankings(
    rankings: list[list[str]], k: int = RRF_K, weights: list[float] | None = None
) -> list[tuple[str, float]]:
    """(id, fused score) best first; an id ranked r in a list of weight w earns w / (k + r)."""
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights or [1.0] * len(rankings)):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: pair[1], reverse=True)


def standardised_sum(
    score_maps: list[dict[str, float]], ids: list[str], weights: list[float]
) -> dict[str, float]:
    """Each id's weighted sum of its scores, each map standardised (z-scores) over `ids`; a missing score is 0.

    Rank fusion keeps only the order of each ranking; this keeps its margins: a passage far ahead on one
    side is worth more than one just ahead. Standardising over the same pool puts a cosine similarity, a
    BM25 score and a latent-term score on one scale (as llama-index's distribution-based score fusion
    does, but over the whole pool: there, a passage one ranking did not return gets nothing from it).
    """
    total = dict.fromkeys(ids, 0.0)
    if not ids:
        return total
    for scores, weight in zip(score_maps, weights):
        if not weight or not scores:
            continue
        values = [scores.get(i, 0.0) for i in ids]
        mean = sum(values) / len(values)
        spread = (sum((v - mean) ** 2 for v in values) / len(values)) ** 0.5
        if spread:
            for i, value in zip(ids, values):
                total[i] += weight * (value - mean) / spread
    return total
