"""The passage index: Chroma holds the vectors, the catalog holds texts and the lexical index.

An article counts as stored once its catalog transaction commits. Chroma entries of any other
version (left by a crash, or not yet committed) are invisible to queries and cleaned on the next write.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

import chromadb
import fasteners
import httpx
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import ChromaError
from filelock import FileLock, Timeout
from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.vector_stores.chroma import ChromaVectorStore
from tqdm import tqdm

from vectorstore.catalog import ArticleRecord, Catalog, PassageRecord, can_write
from vectorstore.chunking import Span
from vectorstore.embedding import embedding_dimension, load_embedder
from vectorstore.errors import (IndexBusy, IndexDamaged, IndexMismatch, IndexUnusable, StoreUnavailable, damaged,
                                not_writable)
from vectorstore.latent_terms import has_latent_terms, latent_terms, pack
from vectorstore.settings import Settings
from vectorstore.text import lexical_form
from vectorstore.vectors import unit_sum
from vectorstore.vocabulary import Vocabulary


def chroma_settings() -> ChromaSettings:
    """Chroma's settings for one client: a new object each time, since Chroma's client constructors write
    their path, host and port into it (a shared one sends the next client to the previous server)."""
    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


WRITE_WAIT_SECONDS = 120  # a writer holds the lock for one article at a time
WAIT_NOTICE_SECONDS = 2  # a wait for the lock longer than this is announced


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


@dataclass(frozen=True)
class PreparedArticle:
    record: ArticleRecord
    text: str
    passages: list[Span]


def version_id(document: str, content_hash: str) -> str:
    return f"{document}@{content_hash}"


def passage_id(document: str, content_hash: str, ordinal: int) -> str:
    return f"{document}@{content_hash[:16]}#{ordinal}"


PROGRESS_BATCH = 64  # passages embedded between two progress reports


def make_index_dir(path: Path) -> None:
    """Create the index folder, or say why it cannot be and what to do."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise IndexUnusable(f"the index folder {path} cannot be made: a file has that name (or a part of that "
                            "path). Point QA_INDEX_DIR or --index-dir at a folder.") from None
    except OSError as error:
        raise IndexUnusable(f"the index folder {path} cannot be made ({error.strerror or error}). Point "
                            "QA_INDEX_DIR or --index-dir at a folder you can write to.") from None


def index_writable(settings: Settings) -> bool:
    """Whether this process may change the index: its folder, catalog and (embedded) vector store."""
    chroma = settings.index_dir / "chroma"
    return can_write(settings.index_dir) and all(
        can_write(path) for path in (settings.catalog_path, chroma, chroma / "chroma.sqlite3") if path.exists())


class PassageIndex:
    """Open (or create) the index in `settings.index_dir` for the configured embedding model.

    An index whose folder this process cannot write to opens read-only: questions, lists and articles are
    answered, and a write raises `IndexReadOnly`.
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        make_index_dir(settings.index_dir)
        self.catalog = Catalog(settings.catalog_path)
        self.read_only = self.catalog.read_only or not index_writable(settings)
        self.embedder: BaseEmbedding = load_embedder(settings)
        self.dimension = embedding_dimension(self.embedder)
        self._write_lock = _write_lock_file(settings)
        # Searches in this process share the Chroma client; a reopen waits for them, and they for it.
        self._in_use = fasteners.ReaderWriterLock()
        with self._locked():
            self._connect()

    def _connect(self) -> None:
        settings = self.settings
        version = self.catalog.data_version()  # before opening: a change made meanwhile reopens again
        self._private_store = _private_store_copy(settings) if self.read_only and not settings.chroma_url else None
        self.client = _chroma_client(settings, self._private_store and Path(self._private_store.name))
        self.collection = self._open_collection()
        self._check_model()
        self._check_owner()
        self._check_vectors()
        self.vector_store = ChromaVectorStore(chroma_collection=self.collection)
        if not self.read_only:  # what an index from an earlier version lacks is added by a user who may write
            self._record_missing_vector_sums()
            self._record_missing_latent_terms()
        self.vocabulary = self._open_vocabulary()
        self._seen_version = version  # only once open: a refused reopen (another model) is tried, and refused, again

    def _open_collection(self):
        settings = self.settings
        if self.read_only:
            try:
                return self.client.get_collection(settings.collection, embedding_function=None)
            except (ChromaError, ValueError) as error:  # an index that holds no vectors yet (or lost them)
                raise damaged(f"the vector store {settings.index_dir / 'chroma'}", error) from error
        return self.client.get_or_create_collection(
            settings.collection,
            embedding_function=None,  # we always pass vectors; Chroma's default model must never load
            metadata={"embed_model": settings.embed_model, "dimension": self.dimension, "hnsw:space": "cosine"},
        )

    def close(self) -> None:
        """Release the catalog and the Chroma client (an embedded one is shared in-process by folder)."""
        with self._in_use.write_lock():
            self._close_client()
            self.catalog.close()

    def _close_client(self) -> None:
        self.client.close()
        if self._private_store is not None:
            self._private_store.cleanup()

    def refresh(self) -> bool:
        """Reopen the embedded Chroma store if another process changed the index since this one opened it.

        An embedded Chroma client keeps its own copy of the vector index and never sees another
        process's writes (a Chroma server needs no reopening). True if this call reopened it.
        """
        if self.settings.chroma_url or self.catalog.data_version() == self._seen_version:
            return False
        # The write lock, since opening may write (once, for an index from an earlier version), as at start.
        with self._locked():
            if self.catalog.data_version() == self._seen_version:
                return False  # another thread reopened it while this one waited
            self._reopen()
        return True

    def _reopen(self) -> None:
        with self._in_use.write_lock():  # once no search of this process uses the client
            self._close_client()
            self._connect()

    @contextmanager
    def reading(self):
        """Use the Chroma client and the catalog for a search: a reopen waits until no search is using the
        client, and every catalog read of this thread within sees one committed state (vectors of a version
        committed meanwhile, or not yet, are no passage of it)."""
        with self._in_use.read_lock(), self.catalog.snapshot():
            yield

    @contextmanager
    def reading_alone(self):
        """`reading` on a freshly opened Chroma store while no other process writes, for a search that failed
        on a stale client: another process's writes, even before its catalog commit, reach the files that an
        embedded client shares but not its own copy of the vector index (a server's client has none)."""
        with self._locked():
            self._reopen()
            with self.reading():
                yield

    def _locked(self):
        """One writer at a time, across processes too (embedded Chroma is not safe for concurrent writers).
        Reentrant: `writing` refreshes while it holds the lock. A read-only index's reader cannot take the lock
        (it is a file in the folder) and goes without."""
        if self.read_only:
            return nullcontext()
        return _write_turn(self._write_lock, self.settings.index_dir)

    @contextmanager
    def writing(self):
        """Hold the write lock, on a view of the index that includes every other process's changes."""
        if self.read_only:
            raise not_writable(self.settings.index_dir)
        with self._locked():
            self.refresh()
            yield

    def _open_vocabulary(self) -> Vocabulary | None:
        """The word index of the cross-language bridge, for models that have one; an index built before
        it existed gets it now, once."""
        if self.settings.word_bridge is None:
            return None
        vocabulary = Vocabulary(self.client, self.settings.words_collection_prefix, self.embedder)
        metadata = self.collection.metadata or {}
        if not metadata.get("vocabulary") and not self.read_only:  # set once every stored article's words are in
            for record in self.catalog.articles():
                vocabulary.add(record.language, self.catalog.article_text(record.document) or "")
            self._update_metadata(vocabulary=True)
        return vocabulary

    def _record_missing_vector_sums(self) -> None:
        """Articles stored before the catalog kept per-language vector sums get them from Chroma, once."""
        for record in self.catalog.articles_without_vectors():
            ids = [passage_id(record.document, record.content_hash, i) for i in range(record.passage_count)]
            vectors = self.collection.get(ids=ids, include=["embeddings"])["embeddings"] if ids else []
            self.catalog.put_article_vectors(record.document, record.language, len(vectors), unit_sum(vectors))

    def _record_missing_latent_terms(self) -> None:
        """Articles stored before the catalog kept latent terms get them now, once (for models that have them)."""
        if not has_latent_terms(self.embedder):
            return
        missing = self.catalog.articles_without_terms()
        for record in tqdm(missing, desc="Adding latent terms", unit="article", disable=len(missing) < 2):
            texts = self.catalog.passage_texts(record.document)
            self.catalog.put_article_terms(record.document, [pack(t) for t in latent_terms(self.embedder, texts)])

    def _update_metadata(self, **values) -> None:
        kept = {k: v for k, v in (self.collection.metadata or {}).items() if not k.startswith("hnsw:")}
        self.collection.modify(metadata={**kept, **values})  # Chroma refuses to be given hnsw: keys again

    def _check_model(self) -> None:
        metadata = self.collection.metadata or {}
        built_with, built_dim = metadata.get("embed_model"), metadata.get("dimension")
        if built_with == self.settings.embed_model and built_dim == self.dimension:
            return
        if self.collection.count() == 0 and self.catalog.is_empty() and not self.read_only:
            self._update_metadata(embed_model=self.settings.embed_model, dimension=self.dimension)
            return
        raise IndexMismatch(
            f"the index at {self.settings.index_dir} was built with embedding model '{built_with}' "
            f"({built_dim} dimensions), but the configured model is '{self.settings.embed_model}' "
            f"({self.dimension} dimensions). Re-ingest with the new model: "
            f"qa ingest --rebuild PATH...  (or set QA_EMBED_MODEL={built_with} to keep the old index)"
        )

    def _check_owner(self) -> None:
        """A Chroma server's collection belongs to one catalog: an empty catalog must not adopt a full one."""
        if not self.settings.chroma_url or not self.catalog.is_empty() or self.catalog.pending():
            return
        held = self.collection.count()
        if held:
            raise IndexMismatch(
                f"the collection '{self.settings.collection}' on the Chroma server {self.settings.chroma_url} "
                f"already holds {held:,} passages of an index whose catalog is not in {self.settings.index_dir}. "
                "Point QA_INDEX_DIR at that index's folder (every process using the server shares it), or "
                "set QA_CHROMA_COLLECTION to another name for a new index."
            )

    def _check_vectors(self) -> None:
        """The catalog and the vectors describe the same passages: Chroma holds at least the catalog's (a write
        adds vectors before its catalog commit, and deletes them after it). A store or catalog deleted or
        replaced by hand breaks that, and would answer with missing vectors or swap the user's articles for
        the bundled ones."""
        if self.catalog.pending():  # a write was cut short; `recover` drops its vectors at the next ingest
            return
        held, listed = self.collection.count(), self.catalog.passage_count()
        store = (f"the collection '{self.settings.collection}' on the Chroma server {self.settings.chroma_url}"
                 if self.settings.chroma_url else f"the vector store {self.settings.index_dir / 'chroma'}")
        if held < listed:
            raise damaged(store, f"it holds {held:,} vectors for the {listed:,} passages that the catalog "
                                 f"{self.settings.catalog_path} lists; it was deleted or replaced")
        if held and not listed and not self.settings.chroma_url:  # a server's is `_check_owner`'s
            raise damaged(f"the catalog {self.settings.catalog_path}",
                          f"it lists no articles, but {store} holds {held:,} passages; it was deleted or replaced")

    @staticmethod
    def wipe(settings: Settings) -> None:
        """Empty the whole index (for a rebuild with another model), in place and under the write lock, so
        that processes that have it open see it empty (and refuse it, if their model is the old one)."""
        make_index_dir(settings.index_dir)
        if not index_writable(settings):
            raise not_writable(settings.index_dir)
        with _write_turn(_write_lock_file(settings), settings.index_dir):
            try:
                client = _chroma_client(settings)
            except IndexDamaged:  # nothing in it is worth keeping, and nothing can have it open
                shutil.rmtree(settings.index_dir / "chroma")
            else:
                for name in [c.name if hasattr(c, "name") else c for c in client.list_collections()]:
                    if name == settings.collection or name.startswith(settings.words_collection_prefix):
                        client.delete_collection(name)
                client.close()
            try:
                catalog = Catalog(settings.catalog_path)
            except IndexDamaged:
                for suffix in ("", "-wal", "-shm"):  # the file and SQLite's journal files beside it
                    settings.catalog_path.with_name(settings.catalog_path.name + suffix).unlink(missing_ok=True)
                return
            catalog.clear()
            catalog.close()

    # --- writing -------------------------------------------------------------------------
    def put(self, article: PreparedArticle, on_passages: Callable[[int, int], None] | None = None) -> None:
        """Store a new version of an article whole; the old version's vectors go afterwards.

        `on_passages(done, total)` hears how many passages are embedded, batch by batch: a long article
        takes minutes. Nothing is written until all are.
        """
        record = article.record
        passages = [
            PassageRecord(passage_id(record.document, record.content_hash, i), record.document, i, s.start, s.end)
            for i, s in enumerate(article.passages)
        ]
        texts = [s.text for s in article.passages]
        vectors: list[list[float]] = []
        terms: list[bytes] | None = [] if has_latent_terms(self.embedder) else None
        for start in range(0, len(texts), PROGRESS_BATCH):
            batch = texts[start : start + PROGRESS_BATCH]
            vectors += self.embedder.get_text_embedding_batch(batch)
            if terms is not None:
                terms += [pack(t) for t in latent_terms(self.embedder, batch)]
            if on_passages:
                on_passages(len(vectors), len(texts))
        with self.writing():
            old = self.catalog.article(record.document)  # under the lock: another process may have replaced it
            self.catalog.mark_pending(record.document, record.content_hash)
            if self.vocabulary is not None:  # before the commit: a stored article's words are always there
                self.vocabulary.add(record.language, article.text)
            self.vector_store.add(
                [self._node(record, passage, span.text, vector)
                 for passage, span, vector in zip(passages, article.passages, vectors)]
            )
            self.catalog.put_article(record, article.text, passages,
                                     [lexical_form(s.text) for s in article.passages], unit_sum(vectors), terms)
            if old is not None and old.content_hash != record.content_hash:
                self.vector_store.delete(version_id(record.document, old.content_hash))
            self.catalog.clear_pending(record.document, record.content_hash)

    def remove(self, document: str) -> bool:
        with self.writing():
            old = self.catalog.article(document)
            if old is None:
                return False
            self.catalog.mark_pending(document, old.content_hash)
            self.catalog.delete_article(document)
            self.vector_store.delete(version_id(document, old.content_hash))
            self.catalog.clear_pending(document, old.content_hash)
            return True

    def recover(self) -> int:
        """Drop vectors of versions that never committed or were replaced (after a crash)."""
        cleaned = 0
        with self.writing():
            for document, content_hash in self.catalog.pending():
                current = self.catalog.article(document)
                if current is None or current.content_hash != content_hash:
                    self.vector_store.delete(version_id(document, content_hash))
                stale = self.collection.get(where={"document": document}, include=["metadatas"])
                for item_id, metadata in zip(stale["ids"], stale["metadatas"]):
                    if current is None or metadata.get("content_hash") != current.content_hash:
                        self.collection.delete(ids=[item_id])
                self.catalog.clear_pending(document, content_hash)
                cleaned += 1
        return cleaned

    @staticmethod
    def _node(record: ArticleRecord, passage: PassageRecord, text: str, vector: list[float]) -> TextNode:
        node = TextNode(
            id_=passage.id,
            text=text,
            embedding=vector,
            metadata={
                "document": record.document,
                "title": record.title,
                "date": record.date or "",
                "language": record.language or "",
                "start": passage.start,
                "end": passage.end,
                "content_hash": record.content_hash,
            },
        )
        node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(
            node_id=version_id(record.document, record.content_hash)
        )
        return node


def _write_lock_file(settings: Settings) -> FileLock:
    """The index's write lock; one object per holder, since a FileLock is reentrant only through itself."""
    return FileLock(settings.index_dir / "write.lock", timeout=WRITE_WAIT_SECONDS)


@contextmanager
def _write_turn(lock: FileLock, index_dir):
    """Hold the index's write lock; a wait past its limit is `IndexBusy` (not whatever runs while it is held).

    A wait of more than a moment says on stderr what it waits for: opening the index takes the lock too, so a
    question asked while another process stores a long article would otherwise sit without a word.
    """
    notice_after = min(WAIT_NOTICE_SECONDS, lock.timeout)
    try:
        try:
            lock.acquire(timeout=notice_after)
        except Timeout:
            print(f"Waiting for another process to finish writing to the index in {index_dir} (an ingest?)…",
                  file=sys.stderr, flush=True)
            lock.acquire(timeout=lock.timeout - notice_after)
    except Timeout as error:
        raise IndexBusy(
            f"another process kept the index in {index_dir} busy for {WRITE_WAIT_SECONDS} s; "
            "try again once its ingest is done"
        ) from error
    try:
        yield
    finally:
        lock.release()


def _private_store_copy(settings: Settings) -> tempfile.TemporaryDirectory:
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


def _chroma_client(settings: Settings, private_copy: Path | None = None):
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
