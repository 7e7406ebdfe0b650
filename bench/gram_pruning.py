"""What if `lexical_search` required one rare trigram? A what-if for the catalog, not a change to it.

Almost every passage shares a common trigram ('the', 'ang', 'kim') with a question, so the OR query
scores nearly the whole corpus. Requiring one of the question's rare trigrams (in at most 5% of
passages) and OR-ing the common ones keeps each row's BM25 score the same, but scores far fewer rows.
"""

from __future__ import annotations

import sqlite3
from collections import Counter

from vectorstore.catalog import SqliteCatalog
from vectorstore.text import query_grams

from catalog_bench import LIMIT
from measure import latency

RARE_SHARE = 0.05
MIN_RARE = 4  # when no trigram is rare, the four rarest stand in


def pruned_search(reader: sqlite3.Connection, question: str, limit: int) -> list[tuple[str, float]]:
    grams = query_grams(question)
    if not grams:
        return []
    marks = ",".join("?" * len(grams))
    found = dict(reader.execute(f"SELECT term, doc FROM passage_gram_counts WHERE term IN ({marks})", grams))
    total = reader.execute("SELECT COUNT(*) FROM passages").fetchone()[0]
    present = sorted(found, key=found.get)  # grams no passage holds cannot match anything
    rare = [g for g in present if found[g] <= RARE_SHARE * total] or present[:MIN_RARE]
    common = [g for g in present if g not in rare]
    match = f"({_any(rare)})" + (f" AND ({_any(common)})" if common else "")
    sql = (
        "SELECT p.id, -bm25(passage_grams) FROM passage_grams JOIN passages p ON p.rowid = passage_grams.rowid "
        "WHERE passage_grams MATCH ? ORDER BY bm25(passage_grams) LIMIT ?"
    )
    return reader.execute(sql, (match, limit)).fetchall() if rare else []


def _any(grams: list[str]) -> str:
    return " OR ".join('"' + g.replace('"', '""') + '"' for g in grams)


def compare(catalog: SqliteCatalog, questions: list[tuple[str, str]]) -> dict:
    """Latency of the current and the pruned search, and how many of the current top-30 scores the pruned
    search also returns (scores, not ids: recombined passages tie often, and ties break arbitrarily)."""
    reader = sqlite3.connect(f"file:{catalog.path}?mode=ro", uri=True)
    kept = []
    for _, question in questions:
        current = Counter(round(score, 6) for _, score in catalog.lexical_search(question, LIMIT))
        pruned = Counter(round(score, 6) for _, score in pruned_search(reader, question, LIMIT))
        kept.append(sum((current & pruned).values()) / max(sum(current.values()), 1))
    result = {
        "lexical_search": latency(lambda q: catalog.lexical_search(q[1], LIMIT), questions),
        "pruned_search_with_doc_counts": latency(lambda q: pruned_search(reader, q[1], LIMIT), questions),
        "top30_scores_kept": round(sum(kept) / len(kept), 3),
        "top30_scores_kept_min": round(min(kept), 3),
    }
    reader.close()
    return result
