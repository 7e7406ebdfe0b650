"""Hybrid retrieval: named rankers (`qa/rankers.py`: dense vectors from Chroma, trigram BM25, BM25 of the question's
words in the index's other languages, latent terms), fused by reciprocal rank.

The dense scores are centred per language (see `centred_scores`), which is what lets an English
question find its answer in an Albanian article. With the multilingual model, the fused candidates
are then ordered by their standardised scores (`qa.fusion.standardised_sum`).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Iterable, Mapping, Protocol

import numpy as np

from qa.fusion import RRF_K, fuse_rankings, standardised_sum
from qa.types import Source
from vectorstore.store import PassageIndex
from vectorstore.vectors import unit_vectors

if TYPE_CHECKING:
    from qa.prepare import Query, Search


@dataclass(frozen=True)
class Candidate:
    """A retrieved passage with everything needed to cite it."""

    id: str
    document: str
    start: int
    end: int
    text: str
    title: str
    date: str | None
    language: str | None
    score: float

    def source(self) -> Source:
        """The passage as an answer cites it."""
        return Source(self.document, self.text, self.start, self.end, round(self.score, 6), self.language,
                      self.title, self.date)


class Ranker(Protocol):
    """One way of ranking passages for a search; `qa/rankers.py` has the dense, lexical, bridged and latent ones.

    `find` returns the passages it finds by itself (they join the candidate pool), `scores` its scores for the
    fusion, over the pool or of what it found. The retriever weighs it by its `name` (`Settings.ranker_weights`).
    """

    name: str

    def find(self, query: Query, search: Search, limit: int) -> dict[str, float]: ...

    def scores(self, query: Query, search: Search, pool: dict[str, Candidate],
               found: dict[str, float]) -> dict[str, float]: ...


class HybridRetriever:
    """Rank the committed passages of an index for a question, fusing its rankers by name.

    The rankers' rankings are fused by reciprocal rank with `weights`; with `score_weights`, the candidates that the
    fusion chose are then ordered by the weighted sum of their standardised scores (`qa.fusion.standardised_sum`).
    """

    def __init__(self, index: PassageIndex, rankers: list[Ranker], weights: Mapping[str, float], *,
                 candidates: int = 30, rrf_k: int = RRF_K, score_weights: Mapping[str, float] | None = None,
                 article_share: float = 1.0):
        self.index = index
        self.rankers = list(rankers)
        self.weights = dict(weights)
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.score_weights = dict(score_weights) if score_weights else None
        self.article_share = article_share

    def retrieve(self, query: Query) -> list[Candidate]:
        """The query's top_k passages, best first: its searches merged by reciprocal rank (a follow-up's two), no
        article taking more than its share of them while others have passages found (`spread_over_articles`)."""
        found = [self.search(query, search) for search in query.searches]
        if len(found) > 1:
            found = [merge_searches(found, [search.weight for search in query.searches], self.rrf_k)]
        return spread_over_articles(found[0], query.top_k, self.article_share)

    def search(self, query: Query, search: Search) -> list[Candidate]:
        """One search's candidates, best first, each with the score that ordered it."""
        return self.fuse(*self.search_scores(query, search), self.limit(query))

    def limit(self, query: Query) -> int:
        return max(self.candidates, query.top_k)

    def search_scores(self, query: Query, search: Search) -> tuple[dict[str, Candidate], dict[str, dict[str, float]]]:
        """(the pool of committed candidates by id, each ranker's scores by its name), for `fuse`;
        `bench/fusion_grid.py` fuses them with other weights."""
        limit = self.limit(query)
        found = {ranker.name: ranker.find(query, search, limit) for ranker in self.rankers}
        pool = {c.id: c for c in self._committed(list(dict.fromkeys(pid for hits in found.values() for pid in hits)))}
        return pool, {ranker.name: ranker.scores(query, search, pool, found[ranker.name]) for ranker in self.rankers}

    def fuse(self, pool: dict[str, Candidate], sides: dict[str, dict[str, float]], limit: int) -> list[Candidate]:
        """The best candidates of `search_scores`'s pool, best first, each with the score that ordered it."""
        names = list(sides)
        fused = dict(fuse_rankings([best_first(sides[name])[:limit] for name in names], self.rrf_k,
                                   [self.weights.get(name, 0.0) for name in names]))
        chosen = [pid for pid in best_first(fused) if pid in pool][:limit]
        score = fused
        if self.score_weights:
            # The rank fusion chose the candidates; their scores, standardised over the pool, order them.
            score = standardised_sum([sides[name] for name in names], list(pool),
                                     [self.score_weights.get(name, 0.0) for name in names])
            chosen.sort(key=score.get, reverse=True)
        return [replace(pool[pid], score=score[pid]) for pid in chosen]

    def _committed(self, ids: list[str]) -> list[Candidate]:
        """Keep passages of the article versions the catalog holds (a crash may leave other vectors behind)."""
        catalog = self.index.catalog
        records = catalog.passages(ids)
        articles = {a.document: a for a in catalog.articles_by_name({r.document for r in records.values()})}
        texts = catalog.article_texts(set(articles))  # one read for all, not one an article
        out = []
        for pid in ids:
            record = records.get(pid)
            article = articles.get(record.document) if record else None
            if article is None:
                continue
            text = texts.get(article.document, "")
            out.append(Candidate(pid, article.document, record.start, record.end, text[record.start:record.end],
                                 article.title, article.date, article.language, 0.0))
        return out


def spread_over_articles(ranked: list[Candidate], k: int, share: float) -> list[Candidate]:
    """The first k of the ranked candidates, taking at most `share` of k (rounded up) from one article while other
    articles' candidates can fill the rest; the passages an article was refused come last if the others run out.
    Five passages of one article about a question's story crowd out the article, often in another language, that
    holds the detail asked about (`Settings.max_article_share`)."""
    most = max(1, math.ceil(round(share * k, 9)))  # 0.7 * 10 is 7.000000000000001 in floating point
    taken: list[Candidate] = []
    refused: list[Candidate] = []
    per_article: Counter = Counter()
    for candidate in ranked:
        if len(taken) == k:
            break
        if per_article[candidate.document] < most:
            per_article[candidate.document] += 1
            taken.append(candidate)
        else:
            refused.append(candidate)
    return taken + refused[: k - len(taken)]


def merge_searches(searches: list[list[Candidate]], weights: list[float], k: int) -> list[Candidate]:
    """Several searches' candidates in one list, by reciprocal rank fusion, each with its fused score.

    A follow-up is searched with the conversation and alone (`qa.api`): the conversation says who "he" is,
    the follow-up alone what is asked of him ("What did they exchange?" finds the rifles only alone).
    """
    found = {c.id: c for search in reversed(searches) for c in search}
    fused = fuse_rankings([[c.id for c in search] for search in searches], k, weights)
    return [replace(found[pid], score=score) for pid, score in fused]


def language_neutral(query_vector, language_mean: np.ndarray | None, share: float) -> np.ndarray:
    """The unit question vector with `share` of its language's mean passage taken off.

    Subtracting a language's mean vector removes much of what marks text as that language in a
    multilingual model's space (Libovický et al., 2020, "On the language neutrality of pre-trained
    multilingual representations"); the passages get the same correction in `centred_scores`.
    """
    query = unit_vectors(query_vector)[0]
    if language_mean is None or not share:
        return query
    return unit_vectors(query - share * language_mean)[0]


def language_bias_of(language_means: dict[str, np.ndarray], query_vector) -> dict[str, float]:
    """How close the question is to an average passage of each language (its mean cosine similarity)."""
    query = unit_vectors(query_vector)[0]
    return {language: float(mean @ query) for language, mean in language_means.items()}


def best_first(scores: dict[str, float]) -> list[str]:
    return sorted(scores, key=scores.get, reverse=True)


def centred_scores(pool: Iterable[Candidate], similarity: dict[str, float], bias: dict[str, float]) -> dict[str, float]:
    """Each passage's cosine similarity minus its language's bias.

    A multilingual model scores every passage in the question's language higher, related or not;
    subtracting the question's mean similarity to each language lets an answer that only another
    language's article holds outrank passages that merely share the question's language.
    """
    return {c.id: similarity[c.id] - bias.get(c.language or "", 0.0) for c in pool if c.id in similarity}
