"""What checking a quoted answer's citations costs, against embedding every cited sentence again.

For each of the 30 bench questions it answers once with `qa.query` on the bundled index, then times
(best of 3) the whole query, `verify_answer` on that answer as it runs now (a sentence found word for
word among its cited passage's sentences is supported without being embedded), and the embeddings the
check made before that shortcut: every cited sentence plus every cited passage and its sentences.

    python bench/answer_check.py      # about 1 minute; QA_INDEX_DIR picks the index (default: built on first use)
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import qa  # noqa: E402
from qa.citation_check import parse_citations, passage_units, verify_answer  # noqa: E402

from measure import latency  # noqa: E402
from questions import QUESTIONS  # noqa: E402


def embed_every_cited_text(answer, embedder) -> None:
    """The check's embedding work without the shortcut: the baseline."""
    _, sentences, _ = parse_citations(answer.text, len(answer.sources))
    cited = [s for s in sentences if s.citations]
    units = passage_units(answer.sources, [n for s in cited for n in s.citations])
    embedder.get_text_embedding_batch([s.claim for s in cited] + [t for texts in units.values() for t in texts])


def main() -> dict:
    embedder = qa.open_index().embedder  # QA_INDEX_DIR, or the default index, built on first use
    answers = {q: qa.query(q) for _, q in QUESTIONS}
    answered = [a for a in answers.values() if not a.abstained]
    whole = latency(lambda q: qa.query(q), [q for _, q in QUESTIONS])
    shortcut = latency(lambda a: verify_answer(a.text, a.sources, embedder), answered)
    baseline = latency(lambda a: embed_every_cited_text(a, embedder), answered)
    verbatim = np.mean([all(s.support == 1.0 for s in a.sentences) for a in answered])
    report = {"questions": len(QUESTIONS), "answered": len(answered), "query": whole.as_dict(),
              "check": shortcut.as_dict(), "check_without_shortcut": baseline.as_dict(),
              "all_sentences_verbatim_share": float(verbatim)}
    print(f"{len(answered)} of {len(QUESTIONS)} questions answered; every sentence quoted word for word in "
          f"{verbatim:.0%} of them")
    print(f"{'measure':42} {'median ms':>10} {'p95 ms':>10}")
    for name, value in [("qa.query, whole", whole), ("citation check now", shortcut),
                        ("citation check embedding every cited text", baseline)]:
        print(f"{name:42} {value.median_ms:10.1f} {value.p95_ms:10.1f}")
    print(f"check without the shortcut ÷ check now: {baseline.median_ms / max(shortcut.median_ms, 1e-6):.0f}× "
          f"(medians); the embedding it skips takes {baseline.median_ms / whole.median_ms:.1f}× a whole query now")
    return report


if __name__ == "__main__":
    main()
