"""The dense side at scale: random unit vectors in a persistent Chroma collection, against numpy brute force.

Embedding 100k passages with the real model would take hours on two CPU cores, so the vectors are
random; only their count and dimension matter for the index's size and query cost.
"""

from __future__ import annotations

from pathlib import Path

import chromadb
import numpy as np
from llama_index.core.vector_stores import (
    FilterOperator, MetadataFilter, MetadataFilters, VectorStoreQuery,
)
from llama_index.vector_stores.chroma import ChromaVectorStore
from threadpoolctl import threadpool_limits
from tqdm import tqdm
from vectorstore.chroma_client import chroma_settings

from catalog_bench import LIMIT
from measure import Latency, latency

DIMENSION = 384  # all-MiniLM-L6-v2, the packaged model
LANGUAGES = ("sq", "sq", "sq", "tl", "en")  # about the corpus mix


def unit_vectors(count: int, rng: np.random.Generator) -> np.ndarray:
    vectors = rng.standard_normal((count, DIMENSION), dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def nearby_queries(vectors: np.ndarray, count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Queries close to randomly chosen stored vectors (a question about one passage), and those rows."""
    targets = rng.choice(len(vectors), size=count, replace=False)
    noisy = vectors[targets] + 0.02 * rng.standard_normal((count, DIMENSION), dtype=np.float32)
    return noisy / np.linalg.norm(noisy, axis=1, keepdims=True), targets


def open_collection(folder: Path):
    """A collection set up as `PassageIndex` sets it up; Chroma's own embedding function never loads."""
    client = chromadb.PersistentClient(path=str(folder), settings=chroma_settings())
    collection = client.get_or_create_collection(
        "passages", embedding_function=None, metadata={"hnsw:space": "cosine", "dimension": DIMENSION}
    )
    return client, collection


def fill_collection(client, collection, vectors: np.ndarray, first: int) -> None:
    """Add rows `first` .. of `vectors`, in the largest batches the client accepts."""
    batch = min(client.get_max_batch_size(), 5000)
    for start in tqdm(range(first, len(vectors), batch), desc="chroma", unit="batch", leave=False):
        rows = range(start, min(start + batch, len(vectors)))
        collection.add(
            ids=[row_id(row) for row in rows],
            embeddings=vectors[rows.start : rows.stop],
            metadatas=[{"language": LANGUAGES[row % len(LANGUAGES)]} for row in rows],
        )


def update_latency(collection, rng: np.random.Generator, articles: int = 10, passages: int = 20) -> dict:
    """Add the vectors of one article at a time (as `PassageIndex.put` does), then delete them again."""
    batches = [[f"new{a:03d}#{p}" for p in range(passages)] for a in range(articles)]
    vectors = {ids[0]: unit_vectors(passages, rng) for ids in batches}
    before = collection.count()
    added = latency(lambda ids: collection.add(ids=ids, embeddings=vectors[ids[0]]), batches, warmup=0, repeat=1)
    grew = collection.count() == before + articles * passages
    deleted = latency(lambda ids: collection.delete(ids=ids), batches, warmup=0, repeat=1)
    return {"add_article": added, "delete_article": deleted,
            "checks": {"count_grew_by_additions": grew, "count_restored_by_deletes": collection.count() == before}}


def row_id(row: int) -> str:
    return f"p{row:07d}"


def brute_force_ids(vectors: np.ndarray, query: np.ndarray, k: int = LIMIT) -> list[str]:
    scores = vectors @ query
    top = np.argpartition(-scores, k)[:k]
    return [row_id(row) for row in top[np.argsort(-scores[top])]]


def query_latency(collection, vectors: np.ndarray, queries: np.ndarray) -> dict[str, Latency]:
    """Top-30 through Chroma directly and through llama-index's ChromaVectorStore (what `qa` calls),
    each with and without the language filter, and by numpy brute force over the same vectors."""
    store = ChromaVectorStore(chroma_collection=collection)
    in_albanian = MetadataFilters(filters=[MetadataFilter(key="language", value="sq", operator=FilterOperator.EQ)])
    timings = {
        "chroma_query": latency(lambda q: collection.query(query_embeddings=[q], n_results=LIMIT), queries),
        "chroma_query_language": latency(
            lambda q: collection.query(query_embeddings=[q], n_results=LIMIT, where={"language": "sq"}), queries
        ),
        "vector_store_query": latency(
            lambda q: store.query(VectorStoreQuery(query_embedding=q.tolist(), similarity_top_k=LIMIT)), queries
        ),
        "vector_store_query_language": latency(
            lambda q: store.query(
                VectorStoreQuery(query_embedding=q.tolist(), similarity_top_k=LIMIT, filters=in_albanian)
            ),
            queries,
        ),
    }
    # One BLAS thread: on two shared cores a second OpenBLAS thread adds a steady ~8 ms wake-up per product.
    with threadpool_limits(limits=1):
        timings["numpy_brute_force"] = latency(lambda q: brute_force_ids(vectors, q), queries)
    return timings


def recall(collection, vectors: np.ndarray, queries: np.ndarray, targets: np.ndarray) -> dict[str, float]:
    """How often Chroma returns the passage a query was made from, and its overlap with the exact top 30."""
    hits, overlap = 0, 0.0
    for query, target in zip(queries, targets):
        found = collection.query(query_embeddings=[query], n_results=LIMIT)["ids"][0]
        hits += found[:1] == [row_id(target)]
        overlap += len(set(found) & set(brute_force_ids(vectors, query))) / LIMIT
    return {"target_at_1": round(hits / len(queries), 3), "exact_top30_overlap": round(overlap / len(queries), 3)}
