"""The rankers of qa/rankers.py: what each finds in a real index."""

import numpy as np

import qa
from qa.prepare import Query
from qa.rankers import LANGUAGE_WIDENING, DenseRanker
from vectorstore.chroma_client import SEARCHED_WHOLE_BELOW
from vectorstore.vectors import unit_vectors

# The last two leave the Tagalog passages out of their 15 nearest: that language's nearest are added.
QUESTIONS = ["Who gave Kim Jong Un drones?", "Sa muaj kishte zgjatur lufta?", "Ilang drone ang ibinigay kay Kim?",
             "Why did Russia's defence minister travel to North Korea in July 2023?",
             "Sa raketa balistike u shfaqën në ekspozitën që vizitoi Shoigu?"]


def test_an_index_under_chroma_s_sync_threshold_is_searched_whole_and_each_language_s_nearest_are_exact(
        bundled_index, monkeypatch):
    """Chroma builds the graph of so small a collection anew in each process: searched whole, from the vectors held
    in memory, the nearest passages are the true ones after every restart, and a language the wide search leaves
    short takes its nearest from the same search instead of a filtered one. Chroma is not queried."""
    index = qa.open_index(bundled_index, build_default=False)
    assert index.catalog.passage_count() < SEARCHED_WHOLE_BELOW
    asked = []
    query_chroma = index.collection.query

    def recorded(*args, **kwargs):
        asked.append((kwargs["n_results"], kwargs.get("where")))
        return query_chroma(*args, **kwargs)

    monkeypatch.setattr(index.collection, "query", recorded)
    ranker = DenseRanker(index, index.settings.question_centring)
    stored = index.collection.get(include=["embeddings"])
    ids, vectors = stored["ids"], unit_vectors(stored["embeddings"])
    languages = dict(zip(ids, ranker._languages(ids)))
    short_seen = 0
    for question in QUESTIONS:
        query = Query.build(question, [], index, index.settings)
        search = query.searches[0]
        similarity = dict(zip(ids, (vectors @ ranker._neutral(query, search)).tolist()))
        ranked = sorted(ids, key=similarity.get, reverse=True)
        for limit in (3, 6, 30):
            asked.clear()
            found = ranker.find(query, search, limit)
            wide = ranked[:limit * LANGUAGE_WIDENING]
            expected = set(wide)
            for language in sorted(query.index.languages):
                if len(wide) == limit * LANGUAGE_WIDENING \
                        and sum(languages[pid] == language for pid in wide) < limit // 3:
                    short_seen += 1
                    expected |= set([pid for pid in ranked if languages[pid] == language][:limit])
            assert set(found) == expected, (question, limit)
            assert all(abs(found[pid] - similarity[pid]) < 1e-5 for pid in found)
            assert asked == []  # no search of Chroma's graph, filtered or not
    assert short_seen, "no question left a language short: the test would not see that path"


def test_passages_stored_after_a_question_are_searched_by_the_next(corpus_copy, index_dir):
    """The held vectors are read again after this process stores an article: the dense ranker finds its passages."""
    english = corpus_copy / "004_0c55c83cf9a148cd.txt"
    later = english.rename(corpus_copy.parent / english.name)
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    index = qa.open_index(index_dir, build_default=False)
    ranker = DenseRanker(index, index.settings.question_centring)

    def documents() -> set[str]:
        query = Query.build("Who is the governor of the Primorye region?", [], index, index.settings)
        found = ranker.find(query, query.searches[0], 6)
        return {record.document for record in index.catalog.passages(list(found)).values()}

    assert later.name not in documents()
    qa.ingest(later, index_dir=index_dir, show_progress=False)
    assert qa.open_index(index_dir, build_default=False) is index  # the same process's index, not a reopened one
    assert later.name in documents()


def _filtered(index, vector, limit, language) -> dict[str, float]:
    """Chroma's own metadata filter: the nearest passages of one language."""
    found = index.collection.query(query_embeddings=[vector.tolist()], n_results=limit, where={"language": language},
                                   include=["distances"])
    return {pid: 1.0 - distance for pid, distance in zip(found["ids"][0], found["distances"][0])}


def test_a_language_s_nearest_passages_by_their_ids_are_those_of_chroma_s_filter(bundled_index, monkeypatch):
    """A larger index searches a language the wide search left short by its passages' ids (far faster than
    Chroma's metadata filter at 100k passages): the same passages, nearest first."""
    index = qa.open_index(bundled_index, build_default=False)
    ranker = DenseRanker(index, index.settings.question_centring)
    asked = []
    query_chroma = index.collection.query

    def recorded(*args, **kwargs):
        asked.append(kwargs.get("where"))
        return query_chroma(*args, **kwargs)

    for question in QUESTIONS:
        query = Query.build(question, [], index, index.settings)
        vector = ranker._neutral(query, query.searches[0])
        for language in sorted(query.index.languages):
            expected = _filtered(index, vector, 6, language)
            monkeypatch.setattr(index.collection, "query", recorded)
            asked.clear()
            found = ranker._vector_query(vector, 6, language)
            monkeypatch.setattr(index.collection, "query", query_chroma)
            assert list(found) == list(expected) and asked == [None], (question, language)
            assert all(abs(found[pid] - expected[pid]) < 1e-6 for pid in found)


def test_a_language_s_ids_follow_the_articles_stored_and_missing_vectors_fall_back_to_the_filter(
        corpus_copy, index_dir):
    english = corpus_copy / "004_0c55c83cf9a148cd.txt"
    later = english.rename(corpus_copy.parent / english.name)
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    index = qa.open_index(index_dir, build_default=False)
    assert index.passage_ids("en") == []
    ranker = DenseRanker(index, index.settings.question_centring)
    vector = np.asarray(index.embedder.get_query_embedding("Who is the governor of the Primorye region?"))
    assert ranker._vector_query(vector, 5, "en") == {}
    qa.ingest(later, index_dir=index_dir, show_progress=False)
    assert qa.open_index(index_dir, build_default=False) is index
    stored = index.catalog.article(later.name)
    assert len(index.passage_ids("en")) == stored.passage_count
    assert list(ranker._vector_query(vector, 5, "en")) == list(_filtered(index, vector, 5, "en"))

    # A passage's vector lost (a crash, a damaged store): the language is filtered by metadata, without an error,
    # both before the index is opened again (Chroma refuses the lost id) and after (the index knows it is missing).
    lost = index.passage_ids("en")[0]
    index.collection.delete(ids=[lost])
    found = ranker._vector_query(vector, 5, "en")
    assert found and lost not in found and list(found) == list(_filtered(index, vector, 5, "en"))
    qa.close_indexes()
    index = qa.open_index(index_dir, build_default=False)
    assert index.missing_vectors == {later.name: [lost]}
    ranker = DenseRanker(index, index.settings.question_centring)
    found = ranker._vector_query(vector, 5, "en")
    assert found and lost not in found and list(found) == list(_filtered(index, vector, 5, "en"))
