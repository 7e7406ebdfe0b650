"""Reciprocal rank fusion of several rankings of passage ids.

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
