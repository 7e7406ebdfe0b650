"""The retriever's rankers, one class each; `HybridRetriever` fuses them by name (`Settings.ranker_weights`).

A new ranker is a class with a `name`, `find` and `scores` (the `Ranker` protocol of `qa/retrieval.py`) and a
weight under its name.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from qa.prepare import Query, Search
from qa.retrieval import Candidate, HybridRetriever, Ranker, centred_scores, language_bias_of, language_neutral
from vectorstore.latent_terms import has_latent_terms, latent_terms
from vectorstore.settings import Settings
from vectorstore.store import PassageIndex
from vectorstore.vectors import unit_vectors

LANGUAGE_WIDENING = 5


class DenseRanker:
    """Cosine similarity in the embedding space, centred per language: an English question finds its answer in an
    Albanian article (`qa.retrieval.centred_scores`)."""

    name = "dense"

    def __init__(self, index: PassageIndex, question_centring: float = 0.0):
        self.index = index
        self.question_centring = question_centring

    def find(self, query: Query, search: Search, limit: int) -> dict[str, float]:
        """Cosine similarity of the nearest passages: a wide search, plus each language it leaves short.

        An index of fewer vectors than `SEARCHED_WHOLE_BELOW` is searched whole, from the vectors held in memory
        (Chroma rebuilds the graph of so small a collection in each process, and a search of fewer could miss a
        nearest passage after one restart and not the next): the wide search is its nearest, and a short language's
        nearest come from the same search."""
        vector = self._neutral(query, search)
        width = limit * LANGUAGE_WIDENING
        held = self.index.passage_vectors.nearest([vector])
        whole = held is not None
        nearest = dict(held[0]) if whole else self._vector_query(vector, width, None)
        wide = dict(list(nearest.items())[:width])  # Chroma gives the nearest first
        hits = dict(zip(wide, zip(self._languages(list(wide)), wide.values())))
        # A language's own search costs more than a wider unfiltered one (bench/README.md): search one only for
        # the languages the wide search left short, and only if it did not already see every passage.
        short: list[str] = []
        language = query.only_language
        found = Counter(lang for lang, _ in hits.values())
        if len(wide) >= width:
            wanted, enough = ([language], limit) if language else (sorted(query.index.languages), limit // 3)
            short = [lang for lang in wanted if found[lang] < enough]
        if short and whole:
            rest = [pid for pid in nearest if pid not in wide]
            for pid, lang in zip(rest, self._languages(rest)):
                if lang in short and found[lang] < limit:
                    hits[pid] = (lang, nearest[pid])
                    found[lang] += 1
        else:
            for lang in short:
                hits.update({pid: (lang, sim) for pid, sim in self._vector_query(vector, limit, lang).items()})
        return {pid: sim for pid, (lang, sim) in hits.items() if not language or lang == language}

    def scores(self, query: Query, search: Search, pool: dict[str, Candidate],
               found: dict[str, float]) -> dict[str, float]:
        vector = self._neutral(query, search)
        similarity = dict(found)
        similarity.update(self._similarities(vector, [pid for pid in pool if pid not in similarity]))
        return centred_scores(pool.values(), similarity, language_bias_of(query.index.language_means, vector))

    def _neutral(self, query: Query, search: Search) -> np.ndarray:
        own_mean = query.index.language_means.get(query.language) if query.language else None
        return language_neutral(search.vector, own_mean, self.question_centring)

    def _vector_query(self, vector: np.ndarray, top_k: int, language: str | None) -> dict[str, float]:
        """The cosine similarity of the `top_k` nearest passages, of one language if given, by passage id
        (`PassageIndex.nearest`)."""
        return self.index.nearest(vector.tolist(), top_k, language)

    def _languages(self, ids: list[str]) -> list[str]:
        """Each passage's language, as the catalog has it ("" for a vector the catalog does not hold)."""
        catalog = self.index.catalog
        records = catalog.passages(ids)
        articles = catalog.articles_by_name({record.document for record in records.values()})
        languages = {article.document: article.language or "" for article in articles}
        return [languages.get(records[pid].document, "") if pid in records else "" for pid in ids]

    def _similarities(self, vector: np.ndarray, ids: list[str]) -> dict[str, float]:
        """Cosine similarity of passages that only the other rankers found."""
        if not ids:
            return {}
        found = self.index.passage_vectors.vectors(ids)
        if found is None:
            stored = self.index.collection.get(ids=ids, include=["embeddings"])
            found = dict(zip(stored["ids"], stored["embeddings"]))
        if not found:  # their vectors were removed since the catalog state this question reads
            return {}
        return dict(zip(found, (unit_vectors(list(found.values())) @ vector).tolist()))


class LexicalRanker:
    """BM25 over word trigrams of the question: names and stems that keep their spelling across languages."""

    name = "lexical"

    def __init__(self, index: PassageIndex):
        self.index = index

    def text(self, search: Search) -> str:
        return search.text

    def weights(self, query: Query, search: Search) -> dict[str, float] | None:
        """The text's trigram weights, read already for the question's search (`Query.gram_weights`)."""
        return query.gram_weights if search is query.searches[0] else None

    def find(self, query: Query, search: Search, limit: int) -> dict[str, float]:
        return dict(self.index.catalog.lexical_search(self.text(search), limit, query.only_language,
                                                      self.weights(query, search)))

    def scores(self, query: Query, search: Search, pool: dict[str, Candidate],
               found: dict[str, float]) -> dict[str, float]:
        return found


class BridgedRanker(LexicalRanker):
    """BM25 of the question's words as the index's other languages say them (the word bridge,
    vectorstore/vocabulary.py): "months" finds "muaj"."""

    name = "bridged"

    def text(self, search: Search) -> str:
        return " ".join(search.counterparts)

    def weights(self, query: Query, search: Search) -> dict[str, float] | None:
        return query.bridge_weights if search is query.searches[0] else None


class LatentTermsRanker:
    """The latent terms (the packaged e5 model's sparse head, vectorstore/latent_terms.py) a passage shares with
    the question, over the pool the other rankers found."""

    name = "latent"

    def __init__(self, index: PassageIndex):
        self.index = index

    def find(self, query: Query, search: Search, limit: int) -> dict[str, float]:
        return {}

    def scores(self, query: Query, search: Search, pool: dict[str, Candidate],
               found: dict[str, float]) -> dict[str, float]:
        # `Query.build` computed them beside the question's vector; a search built elsewhere may come without.
        terms = search.terms if search.terms is not None else latent_terms(self.index.embedder, [search.text])[0]
        return self.index.catalog.latent_term_scores(terms, list(pool), query.index.passage_total)


def rankers_for(index: PassageIndex, settings: Settings) -> list[Ranker]:
    """The rankers the index and its model allow: the word bridge needs the multilingual model's vocabulary, and
    latent terms its sparse head."""
    rankers: list[Ranker] = [DenseRanker(index, settings.question_centring), LexicalRanker(index)]
    if settings.word_bridge is not None and index.vocabulary is not None:
        rankers.append(BridgedRanker(index))
    if settings.searches_latent_terms and has_latent_terms(index.embedder):
        rankers.append(LatentTermsRanker(index))
    return rankers


def retriever_for(index: PassageIndex, settings: Settings, rankers: list[Ranker] | None = None) -> HybridRetriever:
    """The hybrid retriever of the settings, over `rankers` (by default `rankers_for` the index)."""
    return HybridRetriever(index, rankers_for(index, settings) if rankers is None else rankers,
                           settings.ranker_weights, candidates=settings.candidates, rrf_k=settings.rrf_k,
                           score_weights=settings.score_weights, article_share=settings.max_article_share)
