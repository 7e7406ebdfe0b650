"""Build a real index of N synthetic passages (default 100,000) that `qa chat` and `qa ask` open as they open any.

    python bench/large_index.py /tmp/bench100k [--passages 100000]    # about 15 minutes on 2 shared cores

The articles are `synthetic_corpus.py`'s (20 passages of 2 to 5 sentences of one bundled article each) and go in
through `PassageIndex.put`, as `qa ingest` stores an article: the catalog's records, trigrams, latent terms, answer
sentences and vector sums, the word collections and the Chroma vectors. Only the model passes are cut: the bundled
articles have 83 content sentences, each embedded (and its latent terms computed) once by the packaged model, and a
passage's vector is the normalised sum of its sentences' vectors, its latent terms the strongest of theirs. Embedding
100k passages for real would take hours here; memory and search costs depend on the number of vectors, passages and
trigrams, which are real. Building again into the same folder adds only the articles not there yet.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic_corpus import PASSAGES_PER_ARTICLE, load_sources, synthetic_articles  # noqa: E402
from vectorstore.chunking import Span  # noqa: E402
from vectorstore.settings import Settings  # noqa: E402
from vectorstore.store import PassageIndex, PreparedArticle  # noqa: E402


class SentenceSumEmbedding:
    """What `PassageIndex.put` asks of its embedder, from the real model's vectors and terms of single sentences:
    a text made of known sentences gets their normalised vector sum and their strongest terms; any other text (an
    answer sentence cut differently) is embedded by the model and remembered."""

    has_latent_terms = True

    def __init__(self, model, sentences_of: dict[str, list[str]]):
        self._model = model
        self._sentences_of = sentences_of
        self._vectors: dict[str, np.ndarray] = {}
        self._terms: dict[str, dict[int, float]] = {}
        self.model_texts = 0  # texts the real model embedded

    def _learn(self, texts: list[str]) -> None:
        new = sorted({t for t in texts if t not in self._vectors})
        if new:
            self.model_texts += len(new)
            for text, vector, (indices, weights) in zip(new, self._model.get_text_embedding_batch(new),
                                                        self._model.latent_terms(new)):
                self._vectors[text] = np.asarray(vector, dtype=np.float64)
                self._terms[text] = dict(zip(indices.tolist(), weights.tolist()))

    def _parts(self, text: str) -> list[str]:
        return self._sentences_of.get(text, [text])

    def get_text_embedding_batch(self, texts: list[str], **_) -> list[list[float]]:
        self._learn([part for text in texts for part in self._parts(text)])
        vectors = []
        for text in texts:
            total = sum(self._vectors[part] for part in self._parts(text))
            vectors.append((total / np.linalg.norm(total)).tolist())
        return vectors

    def latent_terms(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        self._learn([part for text in texts for part in self._parts(text)])
        found = []
        for text in texts:
            strongest: dict[int, float] = {}
            for part in self._parts(text):
                for feature, weight in self._terms[part].items():
                    strongest[feature] = max(weight, strongest.get(feature, 0.0))
            top = sorted(strongest.items(), key=lambda item: -item[1])[:256]
            found.append((np.array([f for f, _ in top], dtype=np.int64), np.array([w for _, w in top])))
        return found


def build(index_dir: Path, passages: int) -> None:
    settings = Settings.from_env().with_index_dir(index_dir)
    index = PassageIndex(settings)
    sources = load_sources()
    articles = passages // PASSAGES_PER_ARTICLE
    done = len(index.catalog.articles())
    sentences_of: dict[str, list[str]] = {}
    stand_in = SentenceSumEmbedding(index.embedder, sentences_of)
    real, index.embedder = index.embedder, stand_in
    index.catalog.mark_ingest_started()
    start = time.perf_counter()
    print(f"{done:,} articles there; adding {articles - done:,}", flush=True)
    try:
        for number, article in enumerate(synthetic_articles(sources, done, articles - done), start=done + 1):
            spans = [Span(p.start, p.end, article.text[p.start:p.end]) for p in article.passages]
            sentences_of.clear()
            for span, text in zip(spans, article.passage_texts):
                sentences_of[span.text] = _sentences_in(text, sources)
            index.put(PreparedArticle(record=article.record, text=article.text, passages=spans))
            if number % 250 == 0:
                elapsed = time.perf_counter() - start
                print(f"{number * PASSAGES_PER_ARTICLE:,} passages, {elapsed:.0f} s, model texts "
                      f"{stand_in.model_texts}", flush=True)
    finally:
        index.embedder = real
        index.close()
    print(f"done: {articles * PASSAGES_PER_ARTICLE:,} passages in {index_dir}, {time.perf_counter() - start:.0f} s")


_known: dict[str, list[str]] = {}


def _sentences_in(passage: str, sources) -> list[str]:
    """The bundled sentences a synthetic passage joins (with single spaces), longest match first."""
    if not _known:
        for source in sources:
            for sentence in source.sentences:
                _known[sentence] = [sentence]
    parts, rest = [], passage
    candidates = sorted(_known, key=len, reverse=True)
    while rest:
        sentence = next(s for s in candidates if rest.startswith(s) and rest[len(s):len(s) + 1] in ("", " "))
        parts.append(sentence)
        rest = rest[len(sentence) + 1:]
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--passages", type=int, default=100_000)
    options = parser.parse_args()
    build(options.index_dir, options.passages)


if __name__ == "__main__":
    main()
