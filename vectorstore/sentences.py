"""The passages' answer sentences and their vectors, embedded at ingest: a question then embeds only itself."""

from __future__ import annotations

import numpy as np

from vectorstore.catalog import PassageSentences
from vectorstore.chunking import answer_sentences
from vectorstore.embedding import Embedder


def embed_passages(embedder: Embedder, passage_texts: list[str]) -> tuple[list[list[float]], list[PassageSentences]]:
    """Each passage's vector, and its answer sentences (offsets within it) with their vectors, from one batch that
    embeds each distinct text once: a passage of one sentence is that sentence, and news paragraphs often are one (55
    of the bundled articles' 66 passages; 8 to 33 of the unseen sets' 42 to 60)."""
    spans = [answer_sentences(text) for text in passage_texts]
    texts = list(dict.fromkeys(passage_texts + [span.text for passage in spans for span in passage]))
    embedded = dict(zip(texts, embedder.get_text_embedding_batch(texts))) if texts else {}
    width = len(next(iter(embedded.values()))) if embedded else 0
    found = []
    for passage in spans:
        bounds = np.array([(span.start, span.end) for span in passage], dtype=np.int32).reshape(-1, 2)
        vectors = np.array([embedded[span.text] for span in passage], dtype=np.float32).reshape(len(passage), width)
        found.append(PassageSentences(bounds, vectors))
    return [embedded[text] for text in passage_texts], found


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
