"""Questions that several threads embed at once share model passes, and each gets the vector it would get alone."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from vectorstore.embedding import MicroBatcher, load_embedder, query_embeddings
from vectorstore.settings import Settings

QUESTION_TEXTS = [f"{ask} {subject}?" for ask in ("Who met", "Kush takoi", "Sino ang nakipagkita kay", "Why did Putin meet")
                  for subject in ("Kim Jong Un", "Shoigu", "the governor of Primorye", "the delegation", "Lavrov")]


@pytest.fixture(scope="module")
def embedder():
    return load_embedder(Settings())


def at_once(calls: list) -> list:
    """Run each call in a thread of its own, all released together; their results in order."""
    results: list = [None] * len(calls)
    errors: list = []
    start = threading.Barrier(len(calls))

    def run(position: int) -> None:
        start.wait()
        try:
            results[position] = calls[position]()
        except Exception as error:  # collected: a thread's exception would otherwise vanish
            errors.append(error)

    threads = [threading.Thread(target=run, args=(position,)) for position in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def test_twenty_questions_asked_at_once_share_passes_and_get_their_own_vectors(embedder):
    alone = np.array([embedder.get_query_embedding(question) for question in QUESTION_TEXTS])
    passes = embedder._queries.passes
    together = at_once([lambda question=question: embedder.get_query_embedding(question)
                        for question in QUESTION_TEXTS])
    assert embedder._queries.passes - passes <= 5  # one pass each before
    np.testing.assert_allclose(np.array(together), alone, atol=1e-6)


def test_word_lists_and_passages_embedded_at_once_match_alone(embedder):
    word_lists = [question.rstrip("?").split() for question in QUESTION_TEXTS[:8]]
    passages = [[question, question.upper()] for question in QUESTION_TEXTS[8:16]]
    words_alone = [np.array(query_embeddings(embedder, words)) for words in word_lists]
    passages_alone = [np.array(embedder.get_text_embedding_batch(texts)) for texts in passages]
    results = at_once([lambda words=words: query_embeddings(embedder, words) for words in word_lists]
                      + [lambda texts=texts: embedder.get_text_embedding_batch(texts) for texts in passages])
    for got, expected in zip(results, words_alone + passages_alone):
        np.testing.assert_allclose(np.array(got), expected, atol=1e-6)


def test_one_callers_failure_is_its_own():
    def embed(texts: list[str]) -> list[list[float]]:
        if "bad" in texts:
            raise ValueError("cannot embed 'bad'")
        return [[float(len(text))] for text in texts]

    batcher = MicroBatcher(embed, window=0.05)  # a long window, so that the calls share a pass
    outcomes = at_once([lambda: batcher(["a", "bb"]), lambda: _error_of(batcher, ["bad"]), lambda: batcher(["ccc"])])
    assert outcomes == [[[1.0], [2.0]], "cannot embed 'bad'", [[3.0]]]


def _error_of(batcher: MicroBatcher, texts: list[str]) -> str:
    with pytest.raises(ValueError) as error:
        batcher(texts)
    return str(error.value)
