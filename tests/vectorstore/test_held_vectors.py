"""A small Chroma collection held in memory and searched exactly (vectorstore/held_vectors.py)."""

from collections import Counter

import chromadb
import numpy as np
from threadpoolctl import threadpool_info

from vectorstore.chroma_client import chroma_settings
from vectorstore.held_vectors import HeldVectors, Kept, checked_once
from vectorstore.vectors import _blas, similarity_matrix, unit_vectors


def _collection(tmp_path, rows: int, seed: int = 0):
    client = chromadb.PersistentClient(path=str(tmp_path / "chroma"), settings=chroma_settings())
    collection = client.get_or_create_collection("items", embedding_function=None, metadata={"hnsw:space": "cosine"})
    vectors = np.random.default_rng(seed).normal(size=(rows, 16))
    collection.add(ids=[f"item{i}" for i in range(rows)], embeddings=vectors.tolist())
    return collection, vectors


def test_the_nearest_items_are_numpy_s_exact_order_and_similarities(tmp_path):
    collection, vectors = _collection(tmp_path, 40)
    queries = np.random.default_rng(1).normal(size=(3, 16))
    found = HeldVectors(collection, lambda: 0, held_below=1000).nearest(queries.tolist(), 7)
    exact = unit_vectors(vectors) @ unit_vectors(queries).T
    for column, nearest in enumerate(found):
        order = np.argsort(-exact[:, column], kind="stable")[:7]
        assert [item for item, _ in nearest] == [f"item{i}" for i in order]
        assert np.allclose([similarity for _, similarity in nearest], exact[order, column])


def test_a_collection_of_held_below_items_or_more_is_left_to_chroma(tmp_path):
    collection, vectors = _collection(tmp_path, 12)
    assert HeldVectors(collection, lambda: 0, held_below=12).nearest(vectors[:1].tolist()) is None
    assert HeldVectors(collection, lambda: 0, held_below=12).vectors(["item0"]) is None
    held = HeldVectors(collection, lambda: 0, held_below=13)
    assert held.nearest(vectors[:1].tolist(), 1)[0][0][0] == "item0"
    assert np.allclose(held.vectors(["item3", "absent"])["item3"], vectors[3])


def test_items_added_are_seen_after_forget_or_a_new_version(tmp_path):
    collection, vectors = _collection(tmp_path, 10)
    version = [0]
    held = HeldVectors(collection, lambda: version[0], held_below=1000)
    far = -vectors[0]  # nearest to nothing held, nearest to itself once added
    assert held.nearest([far.tolist()], 1)[0][0][0] != "new"
    collection.add(ids=["new"], embeddings=[far.tolist()])
    assert held.nearest([far.tolist()], 1)[0][0][0] != "new"  # held as read
    held.forget()
    assert held.nearest([far.tolist()], 1)[0][0][0] == "new"  # this process's write
    collection.delete(ids=["new"])
    version[0] += 1
    assert held.nearest([far.tolist()], 1)[0][0][0] != "new"  # another process's commit


def test_a_server_s_collection_is_counted_at_each_read(tmp_path):
    """On a Chroma server, another catalog's writer or a user may change a collection without this catalog's version
    changing: its count is asked each time (and a server that is gone fails that call, as a search would)."""
    collection, vectors = _collection(tmp_path, 10)
    far = -vectors[0]
    counted = HeldVectors(collection, lambda: 0, held_below=1000, counted=collection.count)
    uncounted = HeldVectors(collection, lambda: 0, held_below=1000)
    assert counted.nearest([far.tolist()], 1)[0][0][0] != "new" and uncounted.nearest([far.tolist()], 1)
    collection.add(ids=["new"], embeddings=[far.tolist()])
    assert counted.nearest([far.tolist()], 1)[0][0][0] == "new"
    assert uncounted.nearest([far.tolist()], 1)[0][0][0] != "new"


def test_a_server_s_collection_too_large_to_hold_is_not_counted_at_each_read(tmp_path, monkeypatch):
    """Chroma searches a large collection anyway (and tells a server that is gone): no round trip is added."""
    collection, vectors = _collection(tmp_path, 12)
    counts = []
    count = collection.count
    monkeypatch.setattr(collection, "count", lambda: counts.append(1) or count())
    held = HeldVectors(collection, lambda: 0, held_below=12, counted=collection.count)
    assert held.nearest(vectors[:1].tolist()) is None and held.nearest(vectors[:1].tolist()) is None
    counts.clear()  # the reads that found it large, and the version kept with them
    for _ in range(3):
        assert held.nearest(vectors[:1].tolist()) is None
    assert counts == []


def test_within_one_question_each_check_is_read_once(tmp_path):
    """A question's reads (`checked_once`, which `PassageIndex.reading` enters) ask the catalog's version and a
    server's count once however many held collections and reads they make; the next question asks again."""
    collection, vectors = _collection(tmp_path, 10)
    asked = Counter()

    def version():
        asked["version"] += 1
        return 0

    def count():
        asked["count"] += 1
        return collection.count()

    held = [HeldVectors(collection, version, held_below=1000, counted=count) for _ in range(3)]
    ids = Kept(lambda: collection.get()["ids"], version)
    far = (-vectors[0]).tolist()
    with checked_once():
        for _ in range(2):
            for each in held:
                assert each.nearest([far], 1)[0][0][0] != "new"
            assert "new" not in ids.get()
            with checked_once():  # nested: the outer one holds
                assert "new" not in ids.get()
    assert asked == {"version": 1, "count": 1}
    collection.add(ids=["new"], embeddings=[far])
    with checked_once():
        assert all(each.nearest([far], 1)[0][0][0] == "new" for each in held)  # the count changed
    assert asked == {"version": 2, "count": 2}
    for _ in range(2):  # outside, every read checks
        held[0].nearest([far], 1)
    assert asked == {"version": 4, "count": 4}


def test_a_read_begun_before_a_forget_is_not_kept(tmp_path, monkeypatch):
    """A write of this process while another thread reads the collection: what that read saw is not kept."""
    collection, vectors = _collection(tmp_path, 10)
    held = HeldVectors(collection, lambda: 0, held_below=1000)
    get = collection.get

    def read_then_write(*args, **kwargs):
        read = get(*args, **kwargs)
        collection.add(ids=["new"], embeddings=[(-vectors[0]).tolist()])
        held.forget()  # as `PassageIndex.writing` does when the write ends
        return read

    monkeypatch.setattr(collection, "get", read_then_write)
    assert held.vectors(["new"]) == {}  # this read began before the write
    monkeypatch.setattr(collection, "get", get)
    assert "new" in held.vectors(["new"])


def test_the_product_runs_on_one_blas_thread_and_leaves_the_process_s_setting():
    """A second BLAS thread spins after each product on the core the embedding passes need; the user's own
    numpy work keeps its threads. (numpy's BLAS: a library loaded later, torch's, does not compute it.)"""
    similarity_matrix(np.ones((1, 4)), np.ones((1, 4)))
    numpy_blas = {library.filepath for library in _blas().lib_controllers if library.user_api == "blas"}

    def threads() -> list[int]:
        return [info["num_threads"] for info in threadpool_info() if info["filepath"] in numpy_blas]

    before, seen = threads(), []

    class Recording(np.ndarray):
        def __matmul__(self, other):
            seen.extend(threads())
            return np.asarray(self) @ other

    units = unit_vectors(np.random.default_rng(0).normal(size=(500, 384))).view(Recording)
    similarity_matrix(units, unit_vectors(np.ones((2, 384))))
    assert numpy_blas and seen == [1] * len(numpy_blas)
    assert threads() == before
