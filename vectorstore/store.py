"""The passage index: Chroma holds the vectors, the catalog holds texts and the lexical index.

An article counts as stored once its catalog transaction commits. Chroma entries of any other
version (left by a crash, or not yet committed) are invisible to queries and cleaned on the next write.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import fasteners
from chromadb.errors import ChromaError

from vectorstore.catalog import ArticleRecord, PassageRecord, open_catalog, passage_id, version_id
from vectorstore.sentences import embed_passages
from vectorstore.chroma_client import (SEARCHED_WHOLE_BELOW, chroma_client, explain_server_errors, open_collection,
                                       private_store_copy)
from vectorstore.chunking import Span
from vectorstore.embedding import Embedder, embedding_dimension, load_embedder
from vectorstore.errors import IndexDamaged, IndexMismatch, IndexUnusable, not_writable
from vectorstore.held_vectors import HeldVectors, Kept, checked_once
from vectorstore.index_folder import index_writable, make_index_dir
from vectorstore.integrity import OWNER_KEY, another_owner, check_model, check_owner, check_vectors, owner_of
from vectorstore.latent_terms import has_latent_terms, latent_terms_later, pack
from vectorstore.settings import Settings
from vectorstore.text import lexical_form
from vectorstore.upgrades import add_latent_terms, add_sentences, add_vector_sums, add_vocabulary
from vectorstore.vectors import unit_sum
from vectorstore.vocabulary import Vocabulary
from vectorstore.write_lock import file_lock, write_turn

if TYPE_CHECKING:
    from llama_index.core.schema import TextNode
    from llama_index.vector_stores.chroma import ChromaVectorStore

__all__ = ["PassageIndex", "PreparedArticle", "explain_server_errors", "IndexMismatch"]

PROGRESS_BATCH = 64  # passages embedded between two progress reports


@dataclass(frozen=True)
class PreparedArticle:
    record: ArticleRecord
    text: str
    passages: list[Span]


class PassageIndex:
    """Open (or create) the index in `settings.index_dir` for the configured embedding model.

    An index whose folder this process cannot write to opens read-only: questions, lists and articles are
    answered, and a write raises `IndexReadOnly`.
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        if settings.catalog_url and not settings.chroma_url:
            raise IndexUnusable(
                "QA_CATALOG_URL shares the catalog between machines, but the vectors would stay in this machine's "
                f"index folder ({settings.index_dir}): set QA_CHROMA_URL to a Chroma server too (chroma run --path DIR "
                "--host HOST --port 8000), or unset QA_CATALOG_URL to keep the whole index in the folder."
            )
        make_index_dir(settings.index_dir)
        self.catalog = open_catalog(settings)
        self.read_only = self.catalog.read_only or not index_writable(settings)
        self.embedder: Embedder = load_embedder(settings)
        self.dimension = embedding_dimension(self.embedder)
        # Searches in this process share the Chroma client; a reopen waits for them, and they for it.
        self._in_use = fasteners.ReaderWriterLock()
        with self._locked():
            self._connect()

    def _connect(self) -> None:
        settings = self.settings
        version = self.catalog.data_version()  # before opening: a change made meanwhile reopens again
        self._private_store = private_store_copy(settings) if self.read_only and not settings.chroma_url else None
        self.client = chroma_client(settings, self._private_store and Path(self._private_store.name))
        self.collection = open_collection(self.client, settings, self.dimension, self.read_only)
        # The passages' vectors searched whole while Chroma keeps them unsaved as a graph (`SEARCHED_WHOLE_BELOW`).
        self.passage_vectors = HeldVectors(self.collection, self.catalog.data_version, SEARCHED_WHOLE_BELOW,
                                           self._passage_count if settings.chroma_url else None)
        self._language_passages = Kept(self._passage_ids_by_language, self.catalog.data_version)
        if check_model(self.collection, self.catalog, settings, self.dimension, self.read_only):
            self._update_metadata(embed_model=settings.embed_model, dimension=self.dimension)
        if check_owner(self.collection, self.catalog, settings) and not self.read_only:
            self._update_metadata(**{OWNER_KEY: self.catalog.catalog_id()})
        self.missing_vectors = check_vectors(self.collection, self.catalog, settings)
        self._vector_store: ChromaVectorStore | None = None
        if not self.read_only:  # what an index from an earlier version lacks is added by a user who may write
            add_vector_sums(self.collection, self.catalog)
            add_latent_terms(self.catalog, self.embedder)
            add_sentences(self.catalog, self.embedder)
        self.vocabulary = self._open_vocabulary()
        self._seen_version = version  # only once open: a refused reopen (another model) is tried, and refused, again

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
        committed meanwhile, or not yet, are no passage of it), whose version the kept reads check once."""
        with self._in_use.read_lock(), self.catalog.snapshot(), checked_once():
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
        return self.catalog.writer()

    @contextmanager
    def writing(self):
        """Hold the write lock, on a view of the index that includes every other process's changes."""
        if self.read_only:
            raise not_writable(self.settings.index_dir)
        with self._locked():
            self.refresh()
            self._check_still_owned()
            try:
                yield
            finally:  # this process's own writes leave the catalog's data_version as it was
                self.passage_vectors.forget()
                self._language_passages.forget()

    def nearest(self, vector: list[float], top_k: int, language: str | None = None) -> dict[str, float]:
        """The cosine similarity of the `top_k` nearest passages, of one language if given, by passage id, nearest
        first: Chroma's own query for the ids and distances alone, not llama-index's `ChromaVectorStore.query`, which
        reads every hit's text and stored node (3 to 5 ms of a question's 5 × candidates) that the catalog has.

        One language's passages are searched by their ids (`passage_ids`) rather than by Chroma's metadata filter,
        embedded or on a server: at 100k passages, 35 ms against 125 ms a search embedded, 41 to 69 ms against 143 to
        283 ms on a server (bench/README.md). Chroma refuses ids it lacks: where passages have no vector (lost, or
        stored by another process since this client last read the store), the language is filtered by metadata."""
        found = None
        if language and not self.missing_vectors:
            ids = self.passage_ids(language)
            if not ids:
                return {}
            try:
                found = self.collection.query(query_embeddings=[vector], n_results=min(top_k, len(ids)), ids=ids,
                                              include=["distances"])
            except ChromaError:
                found = None
        if found is None:
            found = self.collection.query(query_embeddings=[vector], n_results=top_k,
                                          where={"language": language} if language else None, include=["distances"])
        return {pid: 1.0 - distance for pid, distance in zip(found["ids"][0], found["distances"][0])}  # cosine space

    def passage_ids(self, language: str) -> list[str]:
        """The ids of the passages of one language's articles, as the catalog has them (read once, and again after
        a change): Chroma searches a language by its ids several times faster than by its metadata filter."""
        return self._language_passages.get().get(language, [])

    def _passage_ids_by_language(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for record in self.catalog.articles():
            found.setdefault(record.language or "", []).extend(
                passage_id(record.document, record.content_hash, i) for i in range(record.passage_count))
        return found

    def _check_still_owned(self) -> None:
        """A shared server's collection may have been claimed by another catalog since this one opened it (two
        started together on a new collection): nothing is written then."""
        if not self.settings.chroma_url:
            return
        owner = owner_of(self.client.get_collection(self.settings.collection, embedding_function=None))
        if owner and owner != self.catalog.catalog_id():
            raise another_owner(self.settings, "nothing was written")

    def _passage_count(self) -> int:
        """The passages' count on a Chroma server: every held collection of the index is checked by it, since the
        words are written with the passages, and a server that is gone fails it."""
        return self.collection.count()

    def _open_vocabulary(self) -> Vocabulary | None:
        """The word index of the cross-language bridge, for models that have one; an index built before
        it existed gets it now, once."""
        if self.settings.word_bridge is None:
            return None
        vocabulary = Vocabulary(self.client, self.settings.words_collection_prefix, self.embedder,
                                self.catalog.data_version, self._passage_count if self.settings.chroma_url else None)
        metadata = self.collection.metadata or {}
        if not metadata.get("vocabulary") and not self.read_only:  # set once every stored article's words are in
            add_vocabulary(vocabulary, self.catalog)
            self._update_metadata(vocabulary=True)
        return vocabulary

    def _update_metadata(self, **values) -> None:
        kept = {k: v for k, v in (self.collection.metadata or {}).items() if not k.startswith("hnsw:")}
        self.collection.modify(metadata={**kept, **values})  # Chroma refuses to be given hnsw: keys again

    @staticmethod
    def wipe(settings: Settings) -> None:
        """Empty the whole index (for a rebuild with another model), in place and under the write lock, so
        that processes that have it open see it empty (and refuse it, if their model is the old one)."""
        make_index_dir(settings.index_dir)
        if not index_writable(settings):
            raise not_writable(settings.index_dir)
        try:
            catalog = open_catalog(settings)
        except IndexDamaged:
            catalog = None
        turn = catalog.writer() if catalog else write_turn(file_lock(settings.index_dir), settings.index_dir)
        with turn:
            try:
                _delete_collections(settings, catalog.catalog_id() if catalog else "")
            except BaseException:
                if catalog is not None:
                    catalog.close()
                raise
            if catalog is None:
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
        sentences = []
        for start in range(0, len(texts), PROGRESS_BATCH):
            batch = texts[start : start + PROGRESS_BATCH]
            # The sparse passes run in the embedder's lanes while this thread makes the vector passes.
            later = latent_terms_later(self.embedder, batch) if terms is not None else []
            try:
                passage_vectors, passage_sentences = embed_passages(self.embedder, batch)
                vectors += passage_vectors
                sentences += passage_sentences
                if terms is not None:
                    terms += [pack(future.result()) for future in later]
            except BaseException:  # Ctrl-C or a failed pass: the batch's queued sparse passes need not run
                for future in later:
                    future.cancel()
                raise
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
                                     [lexical_form(s.text) for s in article.passages], unit_sum(vectors), terms,
                                     sentences)
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

    def restore(self) -> int:
        """Embed again, from the catalog's texts, the passages whose vectors went missing (`missing_vectors`);
        the number restored."""
        if not self.missing_vectors:
            return 0
        restored = 0
        with self.writing():
            for record in self.catalog.articles_by_name(set(self.missing_vectors)):
                lost = set(self.missing_vectors.get(record.document, ()))
                text = self.catalog.article_text(record.document) or ""
                ordered = sorted(self.catalog.passages(sorted(lost)).values(), key=lambda p: p.ordinal)
                vectors = self.embedder.get_text_embedding_batch([text[p.start:p.end] for p in ordered])
                self.vector_store.add([self._node(record, passage, text[passage.start:passage.end], vector)
                                       for passage, vector in zip(ordered, vectors)])
                restored += len(ordered)
            self.missing_vectors = {}
        return restored

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

    @property
    def vector_store(self) -> ChromaVectorStore:
        """llama-index's store over the Chroma collection, through which passages are written; made at the first write
        (a question reads Chroma directly, and answering imports nothing of llama-index)."""
        if self._vector_store is None:
            from llama_index.vector_stores.chroma import ChromaVectorStore

            self._vector_store = ChromaVectorStore(chroma_collection=self.collection)
        return self._vector_store

    @staticmethod
    def _node(record: ArticleRecord, passage: PassageRecord, text: str, vector: list[float]) -> TextNode:
        from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

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


def _delete_collections(settings: Settings, catalog_id: str) -> None:
    """Delete the index's collections (its passages' and its words'); on a shared server, never those of a
    collection that another catalog owns."""
    try:
        client = chroma_client(settings)
    except IndexDamaged:  # nothing in it is worth keeping, and nothing can have it open
        shutil.rmtree(settings.index_dir / "chroma")
        return
    try:
        names = [c.name if hasattr(c, "name") else c for c in client.list_collections()]
        if settings.chroma_url and settings.collection in names:
            owner = owner_of(client.get_collection(settings.collection, embedding_function=None))
            if owner and owner != catalog_id:
                raise another_owner(settings, "'qa ingest --rebuild' deleted nothing of it")
        for name in names:
            if name == settings.collection or name.startswith(settings.words_collection_prefix):
                client.delete_collection(name)
    finally:
        client.close()
