"""The baseline the catalog must beat: a fresh BM25 index over every passage for each question.

Passages are tokenized once, up front (the same word trigrams `query_grams` makes, with repeats),
so the baseline pays only for rebuilding the index, not for tokenizing; that flatters it.
"""

from __future__ import annotations

from typing import Iterable

import bm25s

from vectorstore.text import _words, fold, query_grams


def word_trigrams(text: str) -> list[str]:
    """Every trigram of every word of three or more characters, in order, repeats kept."""
    return [word[i : i + 3] for word in _words(fold(text)) for i in range(len(word) - 2)]


class RebuildPerQueryBM25:
    """bm25s over character trigrams, rebuilt from the whole corpus on every `search`."""

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self.passage_ids: list[str] = []
        self.token_ids: list[list[int]] = []

    def add(self, passages: Iterable[tuple[str, str]]) -> None:
        """Tokenize (passage id, text) pairs into the corpus."""
        for passage_id, text in passages:
            self.passage_ids.append(passage_id)
            self.token_ids.append([self.vocabulary.setdefault(g, len(self.vocabulary)) for g in word_trigrams(text)])

    def search(self, question: str, limit: int) -> list[tuple[str, float]]:
        index = bm25s.BM25()
        index.index((self.token_ids, dict(self.vocabulary)), show_progress=False)
        query = [self.vocabulary[g] for g in query_grams(question) if g in self.vocabulary]
        if not query:
            return []
        rows, scores = index.retrieve([query], k=min(limit, len(self.passage_ids)), show_progress=False)
        return [(self.passage_ids[row], float(score)) for row, score in zip(rows[0], scores[0])]
