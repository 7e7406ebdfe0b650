"""Does the index hold 100k passages, and do queries and updates stay off O(corpus) work?

    python bench/scale.py [--passages 100000] [--baseline-queries 6] [--what-if]

Builds a synthetic corpus at N/10 then grows it to N passages, measuring at both sizes; prints a
table and writes bench/results/scale.json. See bench/README.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import tempfile
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402

import catalog_bench  # noqa: E402
import chroma_bench  # noqa: E402
import gram_pruning  # noqa: E402
from measure import Stopwatch, latency, memory_mb, ratio  # noqa: E402
from naive_bm25 import RebuildPerQueryBM25  # noqa: E402
from questions import QUESTIONS  # noqa: E402
from results_table import print_tables  # noqa: E402
from synthetic_corpus import PASSAGES_PER_ARTICLE, load_sources, synthetic_articles  # noqa: E402
from vectorstore.catalog import SqliteCatalog  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "scale.json"
UPDATES_PER_SIZE = 10


def main(argv: list[str] | None = None) -> dict:
    args = _parser().parse_args(argv)
    sizes = [args.passages // 10, args.passages]
    report: dict = {"passages": sizes[-1], "sizes": sizes, "questions": len(QUESTIONS),
                    "baseline_questions": args.baseline_queries, "lexical": {}, "dense": {}, "memory": [],
                    "load_average_before": os.getloadavg()}

    def remember(phase: str) -> None:
        report["memory"].append({"phase": phase, **memory_mb()})

    with tempfile.TemporaryDirectory(prefix="qa-scale-") as folder:
        sources = load_sources()
        remember("sources loaded")
        run_lexical(Path(folder), sources, sizes, args.baseline_queries, report["lexical"], remember)
        if args.what_if:
            catalog = SqliteCatalog(Path(folder) / "catalog.sqlite3")
            report["what_if_rare_grams"] = gram_pruning.compare(catalog, QUESTIONS)
            catalog.close()
        gc.collect()
        run_dense(Path(folder) / "chroma", sizes, report["dense"], remember)
    report["load_average_after"] = os.getloadavg()
    add_ratios(report)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, default=lambda o: o.as_dict()))
    print_tables(report)
    print(f"\nwritten {RESULTS}")
    return report


def run_lexical(folder: Path, sources, sizes: list[int], baseline_queries: int, out: dict, remember) -> None:
    catalog = SqliteCatalog(folder / "catalog.sqlite3")
    baseline = RebuildPerQueryBM25()
    articles_done, build_seconds = 0, 0.0
    for size in sizes:
        articles = -(-size // PASSAGES_PER_ARTICLE) - articles_done
        with Stopwatch() as watch:
            catalog_bench.fill_catalog(catalog, synthetic_articles(sources, articles_done, articles), articles)
        build_seconds += watch.seconds
        remember(f"catalog built, {size:,} passages")
        baseline.add((p.id, text) for a in synthetic_articles(sources, articles_done, articles)
                     for p, text in zip(a.passages, a.passage_texts))
        first_new, articles_done = articles_done, articles_done + articles
        step = max(articles_done // UPDATES_PER_SIZE, 1)
        result = {
            "passages": catalog.passage_count(),
            "build_seconds": round(build_seconds, 1),
            "catalog_mb": catalog_bench.catalog_megabytes(catalog),
            "queries": catalog_bench.query_latency(catalog, QUESTIONS),
            "naive_bm25": baseline_latency(baseline, spread(QUESTIONS, baseline_queries)),
            "updates": catalog_bench.update_latency(
                catalog, sources,
                replace=list(range(first_new + step // 2, articles_done, step))[:UPDATES_PER_SIZE],
                add=list(range(10**6 + articles_done, 10**6 + articles_done + UPDATES_PER_SIZE)),
            ),
        }
        out[str(size)] = result
        remember(f"lexical measured, {size:,} passages")
    catalog.close()
    del baseline


def spread(questions: list, count: int) -> list:
    """`count` questions taken evenly from the list (so every language is represented)."""
    return questions[:: max(len(questions) // count, 1)][:count]


def baseline_latency(baseline: RebuildPerQueryBM25, questions: list[tuple[str, str]]):
    """The naive baseline's latency over the questions (too slow to run all of them at 100k)."""
    return latency(lambda q: baseline.search(q[1], catalog_bench.LIMIT), questions, warmup=0, repeat=1)


def run_dense(folder: Path, sizes: list[int], out: dict, remember) -> None:
    rng = np.random.default_rng(0)
    vectors = chroma_bench.unit_vectors(sizes[-1], rng)
    client, collection = chroma_bench.open_collection(folder)
    stored, build_seconds = 0, 0.0
    for size in sizes:
        with Stopwatch() as watch:
            chroma_bench.fill_collection(client, collection, vectors[:size], stored)
        build_seconds += watch.seconds
        stored = size
        remember(f"chroma built, {size:,} vectors")
        queries, targets = chroma_bench.nearby_queries(vectors[:size], len(QUESTIONS), rng)
        out[str(size)] = {
            "vectors": collection.count(),
            "build_seconds": round(build_seconds, 1),
            "queries": chroma_bench.query_latency(collection, vectors[:size], queries),
            "recall": chroma_bench.recall(collection, vectors[:size], queries, targets),
            "updates": chroma_bench.update_latency(collection, rng),
        }
        remember(f"chroma measured, {size:,} vectors")


def add_ratios(report: dict) -> None:
    """The figures the benchmark exists for, as ratios measured within this run."""
    small, large = (str(s) for s in report["sizes"])
    lexical, dense = report["lexical"], report["dense"]

    ratios = {}
    for size in (small, large):
        ratios[f"naive_bm25_over_lexical_search_at_{size}"] = ratio(
            lexical[size]["naive_bm25"].median_ms, lexical[size]["queries"]["lexical_search"].median_ms)
        ratios[f"numpy_over_chroma_at_{size}"] = ratio(
            dense[size]["queries"]["numpy_brute_force"].median_ms, dense[size]["queries"]["chroma_query"].median_ms)
    for name in lexical[large]["queries"]:
        ratios[f"{name}_{large}_over_{small}"] = ratio(
            lexical[large]["queries"][name].median_ms, lexical[small]["queries"][name].median_ms)
    ratios[f"naive_bm25_{large}_over_{small}"] = ratio(
        lexical[large]["naive_bm25"].median_ms, lexical[small]["naive_bm25"].median_ms)
    for name in dense[large]["queries"]:
        ratios[f"{name}_{large}_over_{small}"] = ratio(
            dense[large]["queries"][name].median_ms, dense[small]["queries"][name].median_ms)
    replace_ms = {size: lexical[size]["updates"]["replace_article"].median_ms for size in (small, large)}
    ratios[f"replace_article_over_full_build_at_{large}"] = ratio(
        replace_ms[large] / 1000, lexical[large]["build_seconds"], digits=6)
    ratios[f"replace_article_{large}_over_{small}"] = ratio(replace_ms[large], replace_ms[small])
    dense_add_ms = {size: dense[size]["updates"]["add_article"].median_ms for size in (small, large)}
    ratios[f"dense_add_article_over_full_build_at_{large}"] = ratio(
        dense_add_ms[large] / 1000, dense[large]["build_seconds"], digits=6)
    ratios[f"dense_add_article_{large}_over_{small}"] = ratio(dense_add_ms[large], dense_add_ms[small])
    report["ratios"] = ratios


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000, help="N, the full corpus size (default 100000)")
    parser.add_argument("--baseline-queries", type=int, default=6,
                        help="questions timed with the rebuild-per-query BM25 baseline (default 6, two per "
                             "language; each takes ~10 s at 100k)")
    parser.add_argument("--what-if", action="store_true",
                        help="also time lexical search that requires one rare trigram (see gram_pruning.py)")
    return parser


if __name__ == "__main__":
    main()
