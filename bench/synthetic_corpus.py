"""A synthetic corpus of any size, made by recombining the sentences of the bundled articles.

Each synthetic article keeps the language of the article its sentences come from, so the
language filter and the trigram statistics stay realistic for the three corpus languages.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np

from vectorstore.catalog import ArticleRecord, PassageRecord
from vectorstore.text import lexical_form
from vectorstore.latent_terms import MAX_TERMS, Terms, pack
from vectorstore.chunking import sentence_spans
from vectorstore.cleaning import content_blocks
from vectorstore.language import detect_language
from vectorstore.loading import find_files, read_article
from vectorstore.settings import BUNDLED_ARTICLES
from vectorstore.catalog import passage_id

PASSAGES_PER_ARTICLE = 20
SENTENCES_PER_PASSAGE = (2, 5)
VECTOR_DIMENSION = 384
TERM_SPACE = 16_384  # features of the packaged e5 model's sparse head
# Stand-in latent terms are drawn with P(feature i) ~ 1 / (i + 10): a few features fire in many passages,
# as the real head's do. Random, like the vectors: the reads cost the same whatever the terms mean.
_TERM_CDF = np.cumsum(1.0 / (np.arange(TERM_SPACE) + 10.0))
_TERM_CDF /= _TERM_CDF[-1]


@dataclass(frozen=True)
class SourceArticle:
    language: str | None
    sentences: list[str]


@dataclass(frozen=True)
class SyntheticArticle:
    """Everything `Catalog.put_article` takes, plus the passage texts (for baselines)."""

    record: ArticleRecord
    text: str
    passages: list[PassageRecord]
    passage_texts: list[str]

    @property
    def folded(self) -> list[str]:
        """What `PassageIndex.put` hands the catalog for each passage (folded, led by a space)."""
        return [lexical_form(text) for text in self.passage_texts]

    @property
    def terms(self) -> list[bytes]:
        """Stand-in packed latent terms, one per passage (`PassageIndex.put` computes the real ones)."""
        return [pack(stand_in_terms(p.id)) for p in self.passages]

    @property
    def vector_total(self) -> np.ndarray:
        """A stand-in for the sum of the passages' unit vectors (the catalog only adds and subtracts it)."""
        return np.full(VECTOR_DIMENSION, float(len(self.passages)) / VECTOR_DIMENSION ** 0.5)


def stand_in_terms(seed: str) -> Terms:
    """Up to `MAX_TERMS` distinct features with weights, the same for the same seed."""
    rng = np.random.default_rng(int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "little"))
    indices = np.unique(np.searchsorted(_TERM_CDF, rng.random(MAX_TERMS * 2)))[:MAX_TERMS]
    return indices, rng.random(len(indices)) * 1.5


def load_sources(folder: Path = BUNDLED_ARTICLES) -> list[SourceArticle]:
    """The content sentences of each bundled article, with the article's detected language."""
    files, _ = find_files([folder])
    sources = []
    for path in files:
        raw = read_article(path, max_bytes=20_000_000)
        sentences = [
            span.text
            for block in content_blocks(raw.text)
            for span in sentence_spans(raw.text[block.start : block.end])
        ]
        if sentences:
            sources.append(SourceArticle(detect_language(raw.text), sentences))
    return sources


def synthetic_articles(
    sources: list[SourceArticle], first: int, count: int, seed: int = 0, marker: str = ""
) -> Iterator[SyntheticArticle]:
    """Articles number `first` .. `first + count - 1`; the same number always gives the same article
    (unless `marker` is set: it is appended to the first passage, making a new version)."""
    for number in range(first, first + count):
        rng = random.Random(f"{seed}:{number}")
        yield make_article(number, rng.choice(sources), rng, marker)


def make_article(number: int, source: SourceArticle, rng: random.Random, marker: str = "") -> SyntheticArticle:
    passage_texts = [
        " ".join(rng.choices(source.sentences, k=rng.randint(*SENTENCES_PER_PASSAGE)))
        for _ in range(PASSAGES_PER_ARTICLE)
    ]
    if marker:
        passage_texts[0] += f" {marker}"
    text = "\n\n".join(passage_texts)
    document = f"synthetic_{number:07d}.txt"
    content_hash = hashlib.sha256(text.encode()).hexdigest()
    record = ArticleRecord(
        document=document,
        path=f"/synthetic/{document}",
        content_hash=content_hash,
        title=passage_texts[0][:80],
        date=f"2023-{1 + number % 12:02d}-{1 + number % 28:02d}",
        language=source.language,
        passage_count=len(passage_texts),
    )
    passages, start = [], 0
    for ordinal, passage_text in enumerate(passage_texts):
        end = start + len(passage_text)
        passages.append(PassageRecord(passage_id(document, content_hash, ordinal), document, ordinal, start, end))
        start = end + 2
    return SyntheticArticle(record, text, passages, passage_texts)
