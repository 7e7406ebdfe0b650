"""Opening Chroma: an embedded store in the index folder or a server (QA_CHROMA_URL), and its errors explained."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import chromadb
import httpx
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import ChromaError

from vectorstore.errors import StoreUnavailable, damaged
from vectorstore.settings import Settings

# Chroma leaves a collection of fewer items than its sync threshold (1,000 by default) unsaved as a graph and builds
# its HNSW graph anew, in another order, in each process that loads it: a search of a few nearest could miss the
# nearest in one process and not in the next (the same question answered differently after a restart). Asked for all
# of them, it returns the true nearest in every process; a larger collection is searched from its saved graph.
SEARCHED_WHOLE_BELOW = 1000


def chroma_settings() -> ChromaSettings:
    """Chroma's settings for one client: a new object each time, since Chroma's client constructors write
    their path, host and port into it (a shared one sends the next client to the previous server)."""
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def server_unavailable(chroma_url: str, error: Exception) -> StoreUnavailable:
    url = urlparse(chroma_url)
    return StoreUnavailable(
        f"the Chroma server at {chroma_url} (QA_CHROMA_URL) does not answer ({error}). Start it with "
        f"'chroma run --path DIR --host {url.hostname or '127.0.0.1'} --port {url.port or 8000}', or unset "
        "QA_CHROMA_URL to keep the vectors in the index folder. Articles stored before are still stored."
    )


@contextmanager
def explain_server_errors(settings: Settings):
    """Report a lost connection to the Chroma server as `StoreUnavailable`, not as a network traceback."""
    try:
        yield
    except httpx.TransportError as error:
        if not settings.chroma_url:
            raise
        raise server_unavailable(settings.chroma_url, error) from error


def store_name(settings: Settings) -> str:
    """How messages name where the vectors are."""
    if settings.chroma_url:
        return f"the collection '{settings.collection}' on the Chroma server {settings.chroma_url}"
    return f"the vector store {settings.index_dir / 'chroma'}"


def chroma_client(settings: Settings, private_copy: Path | None = None):
    """A client of the configured server, or of the embedded store (or of `private_copy` of it)."""
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        try:
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1", port=url.port or 8000, ssl=url.scheme == "https",
                settings=chroma_settings(),
            )
        except (ValueError, httpx.HTTPError) as error:  # chromadb reports a refused connection as ValueError
            raise server_unavailable(settings.chroma_url, error) from error
    path = str(private_copy or settings.index_dir / "chroma")
    try:
        return chromadb.PersistentClient(path=path, settings=chroma_settings())
    except ChromaError as error:
        # Chroma keeps the store that failed to start, by path, and would hand it to the next client (a rebuild's).
        SharedSystemClient._identifier_to_system.pop(path, None)
        raise damaged(f"the vector store {settings.index_dir / 'chroma'}", error) from error


def private_store_copy(settings: Settings) -> tempfile.TemporaryDirectory:
    """What a reader of a read-only index opens: Chroma writes to its SQLite file whenever it opens a store, so
    that file is copied to a temporary folder, beside links to the store's vector segment folders (only read)."""
    store = settings.index_dir / "chroma"
    if not (store / "chroma.sqlite3").is_file():
        raise damaged(f"the vector store {store}", "it is missing")
    private = tempfile.TemporaryDirectory(prefix="qa-read-only-index-")
    for item in store.iterdir():
        if item.is_dir():
            (Path(private.name) / item.name).symlink_to(item.resolve(), target_is_directory=True)
        else:
            shutil.copyfile(item, Path(private.name) / item.name)  # the copy is the reader's, and writable
    return private


def open_collection(client, settings: Settings, dimension: int, read_only: bool):
    """The index's collection; made (marked with the model) if it is missing and this process may write."""
    if read_only:
        try:
            return client.get_collection(settings.collection, embedding_function=None)
        except (ChromaError, ValueError) as error:  # an index that holds no vectors yet (or lost them)
            raise damaged(f"the vector store {settings.index_dir / 'chroma'}", error) from error
    return client.get_or_create_collection(
        settings.collection,
        embedding_function=None,  # vectors are always passed; Chroma's default model must never load
        metadata={"embed_model": settings.embed_model, "dimension": dimension, "hnsw:space": "cosine"},
    )
