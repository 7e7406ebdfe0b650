"""Hybrid retrieval: dense vectors from Chroma plus trigram BM25, fused by reciprocal rank."""

from __future__ import annotations

from dataclasses import dataclass, replace

from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters, VectorStoreQuery

from qa.fusion import fuse_rankings
from vectorstore.store import PassageIndex


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

    def __init__(self, index: PassageIndex, candidates: int, balance: bool = True):
        self.index = index
        self.candidates = candidates
        self.balance = balance

    def retrieve(self, question: str, query_vector: list[float], language: str | None = None) -> list[Candidate]:
        dense = self._dense_ids(query_vector, language)
        lexical = [pid for pid, _ in self.index.catalog.lexical_search(question, self.candidates, language)]
        fused = self._committed(fuse_rankings([dense, lexical]))
        if language or not self.balance:
            return fused
        by_id = {c.id: c for c in fused}
        balanced = fuse_rankings([[c.id for c in fused], interleave_languages(fused)])
        return [replace(by_id[pid], score=score) for pid, score in balanced]

    def _dense_ids(self, query_vector: list[float], language: str | None) -> list[str]:
        if language:
            # Chroma's metadata filter scans far more than a wider unfiltered search (bench/README.md):
            # widen, keep the language's hits, and filter inside Chroma only when too few survive.
            wide = self._vector_query(query_vector, self.candidates * LANGUAGE_WIDENING, None)
            kept = [node.node_id for node in wide.nodes or [] if node.metadata.get("language") == language]
            if len(kept) >= self.candidates or len(wide.ids or []) < self.candidates * LANGUAGE_WIDENING:
                return kept[: self.candidates]
            filters = MetadataFilters(filters=[MetadataFilter(key="language", value=language, operator=FilterOperator.EQ)])
            return list(self._vector_query(query_vector, self.candidates, filters).ids or [])
        return list(self._vector_query(query_vector, self.candidates, None).ids or [])

    def _vector_query(self, query_vector: list[float], top_k: int, filters: MetadataFilters | None):
        return self.index.vector_store.query(
            VectorStoreQuery(query_embedding=query_vector, similarity_top_k=top_k, filters=filters)
        )

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


def interleave_languages(ranked: list[Candidate]) -> list[str]:
    """Round-robin over languages, each in its own order: scores are not comparable across languages,
    so an answer that only an article of another language holds still reaches the top."""
    queues: dict[str | None, list[str]] = {}
    for candidate in ranked:
        queues.setdefault(candidate.language, []).append(candidate.id)
    order: list[str] = []
    while any(queues.values()):
        for queue in queues.values():
            if queue:
                order.append(queue.pop(0))
    return order
