"""The passages' answer sentences and their vectors, embedded at ingest: a question then embeds only itself."""

from __future__ import annotations

import numpy as np

from vectorstore.catalog import PassageSentences
from vectorstore.chunking import answer_sentences
from vectorstore.embedding import Embedder


def embed_sentences(embedder: Embedder, passage_texts: list[str]) -> list[PassageSentences]:
    """Each passage's answer sentences (offsets within it) and their vectors, embedded in one batch."""
    spans = [answer_sentences(text) for text in passage_texts]
    texts = [span.text for passage in spans for span in passage]
    vectors = np.asarray(embedder.get_text_embedding_batch(texts), dtype=np.float32) if texts else np.zeros((0, 0))
    found, at = [], 0
    for passage in spans:
        bounds = np.array([(span.start, span.end) for span in passage], dtype=np.int32).reshape(-1, 2)
        found.append(PassageSentences(bounds, vectors[at : at + len(passage)]))
        at += len(passage)
    return found
