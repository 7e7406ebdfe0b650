"""Checks, at every opening, that the vectors and the catalog belong together: the same model, the same owner,
the same passages. Each failure says what to do."""

from __future__ import annotations

import sys

from vectorstore.catalog import Catalog, passage_id
from vectorstore.chroma_client import store_name
from vectorstore.errors import IndexMismatch, damaged
from vectorstore.settings import Settings


def check_model(collection, catalog: Catalog, settings: Settings, dimension: int, read_only: bool) -> bool:
    """The collection was built with the configured model; True if an empty one should be marked with it."""
    metadata = collection.metadata or {}
    built_with, built_dim = metadata.get("embed_model"), metadata.get("dimension")
    if built_with == settings.embed_model and built_dim == dimension:
        return False
    if collection.count() == 0 and catalog.is_empty() and not read_only:
        return True
    raise IndexMismatch(
        f"the index at {settings.index_dir} was built with embedding model '{built_with}' "
        f"({built_dim} dimensions), but the configured model is '{settings.embed_model}' "
        f"({dimension} dimensions). Re-ingest with the new model: "
        f"qa ingest --rebuild PATH...  (or set QA_EMBED_MODEL={built_with} to keep the old index)"
    )


OWNER_KEY = "catalog_id"  # the collection's metadata key naming the catalog that owns it


def catalog_name(settings: Settings) -> str:
    """How messages name where the catalog is."""
    return "the catalog at QA_CATALOG_URL" if getattr(settings, "catalog_url", None) else \
        f"the catalog {settings.catalog_path}"


def owner_of(collection) -> str:
    return str((collection.metadata or {}).get(OWNER_KEY) or "")


def another_owner(settings: Settings, what: str) -> IndexMismatch:
    return IndexMismatch(
        f"{store_name(settings)} belongs to another index's catalog, not to {catalog_name(settings)}; {what}. "
        "Point QA_INDEX_DIR (or QA_CATALOG_URL) at the catalog that owns it, as every process sharing the server "
        "must, or set QA_CHROMA_COLLECTION to another name for a new index."
    )


def check_owner(collection, catalog: Catalog, settings: Settings) -> bool:
    """A collection belongs to one catalog, whose id it records: a catalog meeting another's collection is refused,
    at every start. True if the collection records no owner yet and this catalog should claim it."""
    mine, owner = catalog.catalog_id(), owner_of(collection)
    if owner:
        # An embedded store shares its folder with its catalog: a catalog replaced there is `check_vectors`'s to name.
        if mine and owner != mine and settings.chroma_url:
            raise another_owner(settings, "its vectors are not this catalog's passages")
        return False
    # A collection from before owners were recorded: an empty catalog must not adopt a full one.
    if settings.chroma_url and catalog.is_empty() and not catalog.pending():
        held = collection.count()
        if held:
            raise IndexMismatch(
                f"the collection '{settings.collection}' on the Chroma server {settings.chroma_url} "
                f"already holds {held:,} passages of an index whose catalog is not in {settings.index_dir}. "
                "Point QA_INDEX_DIR at that index's folder (every process using the server shares it), or "
                "set QA_CHROMA_COLLECTION to another name for a new index."
            )
    return bool(mine)


def check_vectors(collection, catalog: Catalog, settings: Settings) -> dict[str, list[str]]:
    """The catalog and the vectors describe the same passages: Chroma holds at least the catalog's (a write
    adds vectors before its catalog commit, and deletes them after it). A store or catalog deleted or replaced
    by hand breaks that, and would answer with missing vectors or swap the user's articles for the bundled ones.

    Passages that lost their vectors while others kept theirs are returned (by article) and reported on stderr:
    questions search them by their words alone, and the next ingest embeds them again (`PassageIndex.restore`).
    """
    if catalog.pending():  # a write was cut short; `recover` drops its vectors at the next ingest
        return {}
    held, listed = collection.count(), catalog.passage_count()
    store = store_name(settings)
    if 0 < held < listed:
        missing = missing_vectors(collection, catalog)
        if missing:
            count = sum(map(len, missing.values()))
            shown = ", ".join(sorted(missing)[:3]) + (" and others" if len(missing) > 3 else "")
            print(f"{count:,} of the {listed:,} passages that the catalog lists have no vector in {store} "
                  f"({shown}): questions find them by their words only. Run 'qa ingest' on any file or folder "
                  "(or 'qa ingest --rebuild PATH...') to embed them again.", file=sys.stderr, flush=True)
            return missing
    if held < listed:
        raise damaged(store, f"it holds {held:,} vectors for the {listed:,} passages that {catalog_name(settings)} "
                             "lists; it was deleted or replaced")
    if held and not listed and not settings.chroma_url:  # a server's is `check_owner`'s
        raise damaged(catalog_name(settings),
                      f"it lists no articles, but {store} holds {held:,} passages; it was deleted or replaced")
    return {}


MISSING_CHECK_BATCH = 500  # passage ids asked of Chroma at a time


def missing_vectors(collection, catalog: Catalog) -> dict[str, list[str]]:
    """The passage ids, by article, that the catalog lists and the collection holds no vector for."""
    expected = {passage_id(record.document, record.content_hash, ordinal): record.document
                for record in catalog.articles() for ordinal in range(record.passage_count)}
    ids = list(expected)
    held: set[str] = set()
    for start in range(0, len(ids), MISSING_CHECK_BATCH):
        held.update(collection.get(ids=ids[start:start + MISSING_CHECK_BATCH], include=[])["ids"])
    missing: dict[str, list[str]] = {}
    for pid in ids:
        if pid not in held:
            missing.setdefault(expected[pid], []).append(pid)
    return missing
