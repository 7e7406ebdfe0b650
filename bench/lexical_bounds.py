"""What if the lexical search scored only the passages that can reach its top? A what-if, not a change to the catalog.

FTS5's bm25() scores every passage that holds any of the question's trigrams (80% of them at 100k synthetic
passages). A bound would spare most of them: a passage holding none of the rarest trigrams scores at most the sum of
the others' largest contributions (IDF × (k1 + 1)), so once the passages holding the rarest ones, scored in full, have
`limit` scores above that sum, the top is exact. This reads a catalog read-only, scores the rarest trigrams' passages
in Python with FTS5's own formula (bit for bit: same IDF, same document lengths, same order of operations), and
prints how many passages each question needed, the time against FTS5's bm25(), and whether the top scores agree.

    python bench/lexical_bounds.py /tmp/bench100k/index/catalog.sqlite3 --budget 0.05
"""

from __future__ import annotations

import argparse
import math
import sqlite3
import statistics
import time

from vectorstore.text import query_grams

from questions import QUESTIONS

K1, B = 1.2, 0.75  # FTS5's bm25() defaults
FULL = ("SELECT p.id, -bm25(passage_grams) FROM passage_grams JOIN passages p ON p.rowid = passage_grams.rowid "
        "WHERE passage_grams MATCH ? ORDER BY bm25(passage_grams) LIMIT ?")
CANDIDATES = "SELECT p.id, g.folded FROM passage_grams g JOIN passages p ON p.rowid = g.rowid WHERE passage_grams MATCH ?"


def phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def occurrences(text: str, gram: str) -> int:
    """FTS5's trigram tokens overlap: "aaaa" holds "aaa" twice, which `str.count` counts once."""
    if gram[0] == gram[1] or gram[0] == gram[2]:
        return sum(1 for i in range(len(text) - 2) if text.startswith(gram, i))
    return text.count(gram)


class Bounded:
    def __init__(self, db: sqlite3.Connection, budget: float):
        self.db, self.budget = db, budget
        self.total = db.execute("SELECT count(*) FROM passages").fetchone()[0]
        # FTS5's trigram tokenizer makes len - 2 tokens of a text (checked against its docsize table)
        self.avgdl = db.execute("SELECT sum(max(length(folded) - 2, 0)) FROM passage_grams").fetchone()[0] / self.total
        self.needed: list[int] = []

    def idf(self, held: int) -> float:
        idf = math.log((self.total - held + 0.5) / (held + 0.5))
        return idf if idf > 0.0 else 1e-6

    def search(self, grams: list[str], limit: int) -> list[tuple[str, float]]:
        held = dict(self.db.execute(f"SELECT gram, passages FROM gram_passages WHERE gram IN ({','.join('?' * len(grams))})",
                                    grams))
        weight = {g: self.idf(held.get(g, 0)) for g in grams}
        rarest = sorted(grams, key=lambda g: (held.get(g, 0), g))
        beyond = [sum(weight[g] * (K1 + 1.0) for g in rarest[j:]) * (1 + 1e-9) for j in range(len(rarest) + 1)]
        for j in range(1, len(rarest)):
            if sum(held.get(g, 0) for g in rarest[:j]) > self.budget * self.total:
                break
            found = self.db.execute(CANDIDATES, (" OR ".join(phrase(g) for g in rarest[:j]),)).fetchall()
            if len(found) < limit:
                continue
            scored = sorted(((pid, self.score(text, grams, weight)) for pid, text in found), key=lambda r: (-r[1], r[0]))
            if beyond[j] < scored[limit - 1][1]:
                self.needed.append(len(found))
                return scored[:limit]
        self.needed.append(-1)
        return self.db.execute(FULL, (" OR ".join(phrase(g) for g in grams), limit)).fetchall()

    def score(self, text: str, grams: list[str], weight: dict[str, float]) -> float:
        norm = K1 * (1 - B + B * max(len(text) - 2, 0) / self.avgdl)
        total = 0.0
        for g in grams:  # in the query's order, as bm25() adds them
            f = occurrences(text, g)
            total += weight[g] * ((f * (K1 + 1.0)) / (f + norm))
        return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("catalog")
    parser.add_argument("--budget", type=float, default=0.05, help="largest share of passages scored in Python")
    parser.add_argument("--limit", type=int, default=30)
    args = parser.parse_args()
    db = sqlite3.connect(f"file:{args.catalog}?mode=ro", uri=True)
    bounded = Bounded(db, args.budget)
    full_ms, bounded_ms, same = [], [], 0
    for _, question in QUESTIONS:
        grams = query_grams(question)
        held = dict(db.execute(f"SELECT gram, passages FROM gram_passages WHERE gram IN ({','.join('?' * len(grams))})",
                               grams))
        grams = [g for g in grams if held.get(g, 0) < bounded.total / 2] or grams  # as `lexical_search` leaves out
        start = time.perf_counter()
        full = db.execute(FULL, (" OR ".join(phrase(g) for g in grams), args.limit)).fetchall()
        full_ms.append(1000 * (time.perf_counter() - start))
        start = time.perf_counter()
        found = bounded.search(grams, args.limit)
        bounded_ms.append(1000 * (time.perf_counter() - start))
        same += sorted(s for _, s in full) == sorted(s for _, s in found)
    print(f"{bounded.total:,} passages, budget {args.budget:.0%}: FTS5 bm25() median {statistics.median(full_ms):.1f} ms, "
          f"bounded {statistics.median(bounded_ms):.1f} ms; the same top scores for {same} of {len(QUESTIONS)} questions")
    print("passages scored in Python (-1: the bound was not reached within the budget, FTS5 searched):", bounded.needed)


if __name__ == "__main__":
    main()
