"""The lexical side at scale: fill the SQLite catalog, query it, and update it one article at a time."""

from __future__ import annotations

import random
from typing import Iterable

from tqdm import tqdm

from qa.coverage import novel_share
from vectorstore.catalog import SqliteCatalog
from vectorstore.text import query_grams, words_of
from vectorstore.vocabulary import BridgePolicy

from measure import Latency, latency
from synthetic_corpus import SourceArticle, SyntheticArticle, stand_in_terms, synthetic_articles

LIMIT = 30  # the retriever's default number of candidates (Settings.candidates)
POOL = 150  # passages the latent-term ranking scores: about what the retriever's dense, lexical and bridge
# searches gather (its wide dense search alone asks for 5 x 30)


def fill_catalog(catalog: SqliteCatalog, articles: Iterable[SyntheticArticle], total: int) -> int:
    """Write articles through `put_article`, one transaction each, as ingestion does; returns passages written."""
    written = 0
    for article in tqdm(articles, total=total, desc="catalog", unit="article", leave=False):
        catalog.put_article(article.record, article.text, article.passages, article.folded, article.vector_total,
                            article.terms)
        written += len(article.passages)
    return written


def catalog_megabytes(catalog: SqliteCatalog) -> float:
    """The database file plus its write-ahead log."""
    files = [catalog.path, catalog.path.with_name(catalog.path.name + "-wal")]
    return round(sum(f.stat().st_size for f in files if f.exists()) / 2**20, 1)


def query_latency(catalog: SqliteCatalog, questions: list[tuple[str, str]]) -> dict[str, Latency]:
    """The catalog reads `qa.ask` makes for each question, timed one by one."""
    total = catalog.passage_count()
    per_language = catalog.passages_per_language()
    max_share = BridgePolicy(min_similarity=0.0).max_share

    def bridge_counts(question: tuple[str, str]) -> list[bool]:
        """The word bridge's function-word check for every word of the question in every other language:
        an upper bound, since a question word has at most one counterpart per language."""
        return [0 < catalog.passages_with_prefix(word, language) <= int(max_share * passages)
                for word in words_of(question[1]) for language, passages in per_language.items()
                if language != question[0]]

    def latent_ranking(question_and_pool: tuple[str, list[str]]) -> dict[str, float]:
        """What `HybridRetriever.latent_ranking` reads and computes for a pool of passages."""
        question, pool = question_and_pool
        return catalog.latent_term_scores(stand_in_terms(question), pool, total)

    return {
        "lexical_search": latency(lambda q: catalog.lexical_search(q[1], LIMIT), questions),
        "lexical_search_language": latency(lambda q: catalog.lexical_search(q[1], LIMIT, q[0]), questions),
        "gram_weights": latency(lambda q: catalog.gram_weights(query_grams(q[1], limit=None)), questions),
        "novel_share": latency(lambda q: novel_share(q[1], [], catalog.count_word_starting, total), questions),
        "bridge_word_counts": latency(bridge_counts, questions),
        "latent_ranking": latency(latent_ranking, [(q[1], [pid for pid, _ in catalog.lexical_search(q[1], POOL)])
                                                   for q in questions]),
        "languages": latency(lambda q: catalog.languages(), questions),
        "passage_count": latency(lambda q: catalog.passage_count(), questions),
    }


def update_latency(catalog: SqliteCatalog, sources: list[SourceArticle], replace: list[int], add: list[int]) -> dict:
    """Replace existing (never replaced) articles with new versions, add new ones, then delete those again.

    Each new version carries a unique marker word; finding it right away shows the update is searchable."""
    before = catalog.passage_count()
    old_ids = [p.id for n in replace for p in next(synthetic_articles(sources, n, 1)).passages]
    new_versions = [next(synthetic_articles(sources, n, 1, marker=marker(n))) for n in replace]
    additions = list(synthetic_articles(sources, add[0], len(add)))
    writes = [(a.record, a.text, a.passages, a.folded, a.vector_total, a.terms) for a in new_versions + additions]

    replaced = latency(lambda w: catalog.put_article(*w), writes[: len(new_versions)], warmup=0, repeat=1)
    count_after_replace = catalog.passage_count()
    found = sum(_top_id(catalog, marker(n)) == a.passages[0].id for n, a in zip(replace, new_versions))
    added = latency(lambda w: catalog.put_article(*w), writes[len(new_versions) :], warmup=0, repeat=1)
    count_after_add = catalog.passage_count()
    deleted = latency(lambda a: catalog.delete_article(a.record.document), additions, warmup=0, repeat=1)
    return {
        "replace_article": replaced,
        "add_article": added,
        "delete_article": deleted,
        "checks": {
            "count_unchanged_by_replace": count_after_replace == before,
            "count_grew_by_additions": count_after_add == before + sum(len(a.passages) for a in additions),
            "count_restored_by_deletes": catalog.passage_count() == before,
            "old_versions_gone": not catalog.passages(old_ids),
            "new_versions_found_by_marker": found == len(replace),
        },
    }


def marker(number: int) -> str:
    """A word of rare letters that no article contains and that shares few trigrams with other markers."""
    return "".join(random.Random(number).choices("qxzjvkwy", k=12))


def _top_id(catalog: SqliteCatalog, question: str) -> str | None:
    top = catalog.lexical_search(question, 1)
    return top[0][0] if top else None
