"""How the ways of fusing the four searches rank the eval sets' answers, from one capture of their scores.

For each answerable question of the given sets it runs the searches once (`HybridRetriever.search_scores`:
centred cosine, lexical and bridged BM25, latent terms), then ranks the pool offline: by reciprocal rank
fusion over a grid of k and weights, and by the standardised sum (`qa.fusion.standardised_sum`) over a grid
of weights. A passage counts as the answer as `qa eval` counts it: from a gold article, holding an answer.

    python bench/fusion_grid.py ../shared/eval/dev.jsonl eval/extra.jsonl eval/holdout.jsonl eval/fresh.jsonl
    # about 20 seconds with the e5 index; QA_INDEX_DIR picks the index; --tune NAME... picks the sets that
    # choose the weights (default: extra and fresh), the others only check the choice
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import qa  # noqa: E402
from qa.evaluation import is_gold, load_questions  # noqa: E402
from qa.prepare import Query  # noqa: E402
from qa.rankers import rankers_for  # noqa: E402
from qa.retrieval import HybridRetriever  # noqa: E402

# (k, lexical = bridged weight, latent-term weight) of rank fusion; (lexical = bridged, latent-term) weights of the
# standardised sum, the dense score weighing 1.
RRF_GRID = list(itertools.product([1, 2, 5, 10, 20, 60], [0.25, 0.5, 0.75, 1.0], [0.25, 0.5, 0.75, 1.0, 1.5, 2.0]))
SCORE_GRID = list(itertools.product([0.25, 0.4, 0.5, 0.6, 0.75], [0.5, 0.75, 1.0, 1.25, 1.5, 2.0]))


def retriever(index, k: float, lexical: float, latent: float, score_weights=None) -> HybridRetriever:
    """A retriever with the index's rankers but these fusion weights (the bridge weighs as the lexical side);
    `score_weights` by ranker name."""
    weights = {"dense": 1.0, "lexical": lexical, "bridged": lexical, "latent": latent}
    return HybridRetriever(index, rankers_for(index, index.settings), weights, candidates=index.settings.candidates,
                           rrf_k=k, score_weights=score_weights)


def score_weights(lexical: float, latent: float) -> dict[str, float]:
    return {"dense": 1.0, "lexical": lexical, "bridged": lexical, "latent": latent}


def capture(index, paths: list[Path]) -> list[dict]:
    """Per answerable question: its set, the pool, the four searches' scores and the answering passages' ids."""
    settings = index.settings
    searcher = retriever(index, settings.rrf_k, settings.ranker_weights["lexical"], settings.ranker_weights["latent"])
    rows = []
    for path in paths:
        for question in load_questions(path):
            if question.kind == "none":
                continue
            query = Query.build(question.question, [], index, settings)
            pool, sides = searcher.search_scores(query, query.searches[0])
            gold = {pid for pid, c in pool.items() if is_gold(question, c.document, c.text)}
            rows.append({"set": path.stem, "pool": pool, "sides": sides, "gold": gold})
    return rows


def mrr_and_evidence(rows: list[dict], ranker: HybridRetriever) -> tuple[float, float]:
    """Mean reciprocal rank of the first answering passage in the top 5, and the share with one there."""
    reciprocal = found = 0.0
    for row in rows:
        top = ranker.fuse(row["pool"], row["sides"], ranker.candidates)[:5]
        rank = next((r for r, c in enumerate(top, start=1) if c.id in row["gold"]), None)
        reciprocal += 1 / rank if rank else 0.0
        found += rank is not None
    return reciprocal / len(rows), found / len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--tune", nargs="+", default=["extra", "fresh"], help="set names that choose the weights")
    args = parser.parse_args()
    index = qa.open_index()
    settings = index.settings
    rows = capture(index, args.sets)
    tune = [r for r in rows if r["set"] in args.tune]
    check = [r for r in rows if r["set"] not in args.tune]
    k, lexical, latent = settings.rrf_k, settings.ranker_weights["lexical"], settings.ranker_weights["latent"]

    def line(name, ranker):
        cells = [mrr_and_evidence(group, ranker) for group in (tune, check, rows) if group]
        return f"{name:<50}" + "  ".join(f"MRR {m:.3f} e@5 {e:.3f}" for m, e in cells)

    print(f"{len(rows)} answerable questions; tuning sets {', '.join(args.tune)} ({len(tune)}), "
          f"checked on the rest ({len(check)}); columns: tuning, check, all")
    print(line(f"rank fusion now (k={k}, {lexical}, {latent})", retriever(index, k, lexical, latent)))
    best = max(RRF_GRID, key=lambda g: mrr_and_evidence(tune, retriever(index, *g))[0])
    print(line(f"rank fusion, best of {len(RRF_GRID)} on tuning {best}", retriever(index, *best)))
    values = sorted(mrr_and_evidence(rows, retriever(index, k, lexical, latent, score_weights(lex, lat)))[0]
                    for lex, lat in SCORE_GRID)
    print(f"standardised sums over {len(SCORE_GRID)} weights: all-set MRR {values[0]:.3f} to {values[-1]:.3f}, "
          f"median {values[len(values) // 2]:.3f}")
    if settings.score_weights:
        print(line(f"standardised sum now {settings.score_weights}",
                   retriever(index, k, lexical, latent, settings.score_weights)))


if __name__ == "__main__":
    main()
