"""The per-language mean passage vectors that retrieval centres on: kept exact through every write."""

import sqlite3

import numpy as np

import qa
from tests.conftest import BUNDLED
from vectorstore.catalog import MIN_PASSAGES_FOR_MEAN


def _means_from_chroma(index_dir) -> dict[str, np.ndarray]:
    """What the catalog's means must equal: the mean unit vector of each language's stored passages."""
    index = qa.open_index(index_dir, build_default=False)
    stored = index.collection.get(include=["embeddings", "metadatas"])
    by_language: dict[str, list[np.ndarray]] = {}
    for vector, metadata in zip(stored["embeddings"], stored["metadatas"]):
        vector = np.asarray(vector, dtype=np.float64)
        by_language.setdefault(metadata["language"], []).append(vector / np.linalg.norm(vector))
    overall = np.mean([v for vectors in by_language.values() for v in vectors], axis=0)
    return {language: np.mean(vectors, axis=0) if len(vectors) >= MIN_PASSAGES_FOR_MEAN else overall
            for language, vectors in by_language.items()}


def _assert_means_match(index_dir):
    expected = _means_from_chroma(index_dir)
    kept = qa.open_index(index_dir, build_default=False).catalog.language_means()
    assert set(kept) == set(expected)
    for language, mean in expected.items():
        assert np.allclose(kept[language], mean, atol=1e-6), language


def test_means_follow_adds_changes_and_removals(corpus_copy, index_dir):
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    _assert_means_match(index_dir)
    assert set(qa.open_index(index_dir, build_default=False).catalog.language_means()) == {"en", "sq", "tl"}

    albanian = corpus_copy / "001_24cdb1bdea82b61a.txt"
    albanian.write_text(albanian.read_text(encoding="utf-8") + "\n\nNjë paragraf i ri për bisedimet.\n",
                        encoding="utf-8")
    (corpus_copy / "002_bd3ee0588bc3750a.txt").unlink()  # the only Tagalog article
    report = qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    assert (len(report.updated), len(report.removed)) == (1, 1)
    _assert_means_match(index_dir)
    assert "tl" not in qa.open_index(index_dir, build_default=False).catalog.language_means()


def test_an_index_from_before_the_means_gets_them_on_open(index_dir):
    qa.ingest(BUNDLED, index_dir=index_dir, show_progress=False)
    qa.close_indexes()
    with sqlite3.connect(index_dir / "catalog.sqlite3") as db:  # as an index written by an older version
        db.execute("DELETE FROM article_vectors")
        db.execute("DELETE FROM language_vectors")
    _assert_means_match(index_dir)
