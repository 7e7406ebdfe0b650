"""The catalog beside the vectors: article texts and offsets, the lexical index, the index's statistics and
the journal of writes. One interface (`Catalog`), one backend per module; `open_catalog` picks it."""

from __future__ import annotations

from vectorstore.catalog.interface import Catalog, CatalogReader
from vectorstore.catalog.records import ArticleRecord, PassageRecord, PassageSentences, passage_id, version_id
from vectorstore.catalog.sqlite import SqliteCatalog, can_write
from vectorstore.vectors import MIN_PASSAGES_FOR_MEAN

__all__ = ["Catalog", "CatalogReader", "ArticleRecord", "PassageRecord", "PassageSentences", "passage_id", "version_id",
           "open_catalog", "SqliteCatalog", "MIN_PASSAGES_FOR_MEAN", "can_write"]


def open_catalog(settings) -> Catalog:
    """The configured index's catalog: the PostgreSQL database at `Settings.catalog_url` if one is set, else the
    SQLite file in its folder (`Settings.catalog_path`)."""
    if settings.catalog_url:
        from vectorstore.catalog.postgres import PostgresCatalog  # psycopg comes with the postgres extra

        return PostgresCatalog(settings.catalog_url)
    return SqliteCatalog(settings.catalog_path)
