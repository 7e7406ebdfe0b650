"""The passages' answer sentences and their vectors, embedded at ingest: a question then embeds only itself."""

from __future__ import annotations

import numpy as np

from vectorstore.catalog import PassageSentences
from vectorstore.chunking import Span, answer_sentences
from vectorstore.embedding import Embedder


def embed_passages(embedder: Embedder, passage_texts: list[str]) -> tuple[list[list[float]], list[PassageSentences]]:
    """Each passage's vector, and its answer sentences (offsets within it) with their vectors, from one batch that
    embeds each distinct text once: a passage of one sentence is that sentence, and news paragraphs often are one (55
    of the bundled articles' 66 passages; 8 to 33 of the unseen sets' 42 to 60)."""
    spans = [answer_sentences(text) for text in passage_texts]
    embedded = _embedded(embedder, passage_texts + [span.text for passage in spans for span in passage])
    return [embedded[text] for text in passage_texts], _with_vectors(spans, embedded)


def embed_sentences(embedder: Embedder, passage_texts: list[str]) -> list[PassageSentences]:
    """Each passage's answer sentences (offsets within it) and their vectors, embedded in one batch."""
    spans = [answer_sentences(text) for text in passage_texts]
    return _with_vectors(spans, _embedded(embedder, [span.text for passage in spans for span in passage]))


def _embedded(embedder: Embedder, texts: list[str]) -> dict[str, list[float]]:
    """Each distinct text's vector, from one batch."""
    distinct = list(dict.fromkeys(texts))
    return dict(zip(distinct, embedder.get_text_embedding_batch(distinct))) if distinct else {}


def _with_vectors(spans: list[list[Span]], embedded: dict[str, list[float]]) -> list[PassageSentences]:
    width = len(next(iter(embedded.values()))) if embedded else 0
    return [PassageSentences(np.array([(span.start, span.end) for span in passage], dtype=np.int32).reshape(-1, 2),
                             np.array([embedded[span.text] for span in passage], dtype=np.float32)
                             .reshape(len(passage), width))
            for passage in spans]
