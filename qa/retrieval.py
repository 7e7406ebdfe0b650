"""Hybrid retrieval: dense vectors from Chroma plus trigram BM25, fused by reciprocal rank.

The dense scores are centred per language (see `centred_scores`), which is what lets an English
question find its answer in an Albanian article. With the multilingual model, the fused candidates
are then ordered by their standardised scores (`qa.fusion.standardised_sum`).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable

import numpy as np

from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters, VectorStoreQuery

from qa.coverage import INTERROGATIVES
from qa.fusion import RRF_K, fuse_rankings, standardised_sum
from vectorstore.latent_terms import has_latent_terms, latent_terms
from vectorstore.store import PassageIndex, unit_vectors
from vectorstore.vocabulary import BridgePolicy


LANGUAGE_WIDENING = 5


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


class HybridRetriever:
    """Rank the committed passages of an index for a question."""

    def __init__(self, index: PassageIndex, candidates: int, rrf_k: int = RRF_K, lexical_weight: float = 1.0,
                 word_bridge: tuple[float, float] | None = None, question_centring: float = 0.0,
                 latent_terms_weight: float = 0.0, score_weights: tuple[float, ...] | None = None):
        self.index = index
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.lexical_weight = lexical_weight
        self.word_bridge = word_bridge if index.vocabulary is not None else None
        self.question_centring = question_centring
        self.latent_terms_weight = latent_terms_weight if has_latent_terms(index.embedder) else 0.0
        # Weights of the dense, lexical, bridged and latent-term scores that order the fused candidates; None
        # keeps the rank fusion's order.
        self.score_weights = score_weights

    def retrieve(self, question: str, query_vector: list[float], language: str | None,
                 language_means: dict[str, np.ndarray], question_language: str | None = None,
                 counterparts: list[str] | None = None, passage_total: int | None = None) -> list[Candidate]:
        """Best first. `language_means` is `catalog.language_means()`, `counterparts` is
        `self.counterparts(question, question_language)` and `passage_total` is `catalog.passage_count()`
        (each found here when None): the caller reads them once per question, since it needs them again to
        choose the sentences to quote."""
        return self.fuse(*self.search_scores(question, query_vector, language, language_means, question_language,
                                             counterparts, passage_total))

    def fuse(self, pool: dict[str, Candidate], sides: list[dict[str, float]]) -> list[Candidate]:
        """The best candidates of `search_scores`'s pool, best first, each with the score that ordered it."""
        bridge_weight = self.word_bridge[1] if self.word_bridge else 0.0
        fused = dict(fuse_rankings([best_first(side)[: self.candidates] for side in sides], self.rrf_k,
                                   [1.0, self.lexical_weight, bridge_weight, self.latent_terms_weight]))
        chosen = [pid for pid in best_first(fused) if pid in pool][: self.candidates]
        score = fused
        if self.score_weights:
            # The rank fusion chose the candidates; their scores, standardised over the pool, order them.
            score = standardised_sum(sides, list(pool), self.score_weights)
            chosen.sort(key=score.get, reverse=True)
        return [replace(pool[pid], score=score[pid]) for pid in chosen]

    def search_scores(self, question: str, query_vector: list[float], language: str | None,
                      language_means: dict[str, np.ndarray], question_language: str | None = None,
                      counterparts: list[str] | None = None, passage_total: int | None = None
                      ) -> tuple[dict[str, Candidate], list[dict[str, float]]]:
        """(the pool of committed candidates by id, each search's scores: centred cosine, lexical BM25, bridged
        BM25, latent terms), for `fuse`. Takes the arguments of `retrieve`; `bench/fusion_grid.py` fuses them
        with other settings."""
        own_mean = language_means.get(question_language) if question_language else None
        query = language_neutral(query_vector, own_mean, self.question_centring)
        similarity = self._dense_hits(query, language)
        catalog = self.index.catalog
        lexical = dict(catalog.lexical_search(question, self.candidates, language))
        if counterparts is None:
            counterparts = self.counterparts(question, question_language)
        bridged = dict(catalog.lexical_search(" ".join(counterparts), self.candidates, language))
        pool = {c.id: c for c in self._committed([(pid, 0.0) for pid in dict.fromkeys([*similarity, *lexical,
                                                                                         *bridged])])}
        similarity.update(self._similarities(query, [pid for pid in pool if pid not in similarity]))
        dense = centred_scores(pool.values(), similarity, language_bias_of(language_means, query))
        return pool, [dense, lexical, bridged, self.latent_scores(question, list(pool), passage_total)]

    def counterparts(self, question: str, question_language: str | None) -> list[str]:
        """The question's words as the other languages of the index say them (vectorstore/vocabulary.py).

        Interrogatives and auxiliaries are left out: their nearest words ("how" -> "mënyrë", "had" ->
        "kishte") match passages on the way they are written, not on what the question asks.
        """
        if self.word_bridge is None:
            return []
        catalog = self.index.catalog
        return self.index.vocabulary.counterparts(question, question_language, catalog.passages_per_language(),
                                                  BridgePolicy(self.word_bridge[0]), catalog.passages_with_prefix,
                                                  INTERROGATIVES)

    def latent_ranking(self, question: str, pool: list[str], passage_total: int | None = None) -> list[str]:
        """The pool's passages by the latent terms they share with the question (vectorstore/latent_terms.py)."""
        return best_first(self.latent_scores(question, pool, passage_total))[: self.candidates]

    def latent_scores(self, question: str, pool: list[str], passage_total: int | None = None) -> dict[str, float]:
        """Each pooled passage's latent-term score; empty without latent terms."""
        if not self.latent_terms_weight:
            return {}
        catalog = self.index.catalog
        total = catalog.passage_count() if passage_total is None else passage_total
        return catalog.latent_term_scores(latent_terms(self.index.embedder, [question])[0], pool, total)

    def _dense_hits(self, query: np.ndarray, language: str | None) -> dict[str, float]:
        """Cosine similarity of the nearest passages: a wide search, plus each language it leaves short."""
        wide = self._vector_query(query, self.candidates * LANGUAGE_WIDENING, None)
        hits = {node.node_id: (node.metadata.get("language") or "", sim) for node, sim in wide}
        # Chroma's metadata filter scans far more than a wider unfiltered search (bench/README.md): filter
        # only for the languages the wide search left short, and only if it did not already see every passage.
        short: list[str] = []
        if len(wide) >= self.candidates * LANGUAGE_WIDENING:
            found = Counter(lang for lang, _ in hits.values())
            wanted, enough = ([language], self.candidates) if language else (
                sorted(self.index.catalog.languages()), self.candidates // 3)
            short = [lang for lang in wanted if found[lang] < enough]
        for lang in short:
            only = MetadataFilters(filters=[MetadataFilter(key="language", value=lang, operator=FilterOperator.EQ)])
            hits.update({node.node_id: (lang, sim) for node, sim in self._vector_query(query, self.candidates, only)})
        return {pid: sim for pid, (lang, sim) in hits.items() if not language or lang == language}

    def _vector_query(self, query: np.ndarray, top_k: int, filters: MetadataFilters | None):
        result = self.index.vector_store.query(
            VectorStoreQuery(query_embedding=query.tolist(), similarity_top_k=top_k, filters=filters)
        )
        # ChromaVectorStore reports exp(-cosine distance); turn it back into the cosine similarity.
        pairs = zip(result.nodes or [], result.similarities or [])
        return [(node, 1.0 + math.log(max(sim, 1e-12))) for node, sim in pairs]

    def _similarities(self, query: np.ndarray, ids: list[str]) -> dict[str, float]:
        """Cosine similarity of passages that only the lexical side found."""
        if not ids:
            return {}
        found = self.index.collection.get(ids=ids, include=["embeddings"])
        return dict(zip(found["ids"], (unit_vectors(found["embeddings"]) @ query).tolist()))

    def _committed(self, fused: list[tuple[str, float]]) -> list[Candidate]:
        """Keep passages of the article versions the catalog holds (a crash may leave other vectors behind)."""
        catalog = self.index.catalog
        records = catalog.passages([pid for pid, _ in fused])
        articles = {a.document: a for a in catalog.articles_by_name({r.document for r in records.values()})}
        texts: dict[str, str] = {}
        out = []
        for pid, score in fused:
            record = records.get(pid)
            article = articles.get(record.document) if record else None
            if article is None:
                continue
            text = texts.setdefault(article.document, catalog.article_text(article.document) or "")
            out.append(Candidate(pid, article.document, record.start, record.end, text[record.start:record.end],
                                 article.title, article.date, article.language, score))
        return out


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
