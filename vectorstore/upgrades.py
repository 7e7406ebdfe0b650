"""What an index written by an earlier version lacks, added once by a process that may write to it."""

from __future__ import annotations

from tqdm import tqdm

from vectorstore.catalog import Catalog, passage_id
from vectorstore.embedding import Embedder
from vectorstore.latent_terms import has_latent_terms, latent_terms, pack
from vectorstore.sentences import embed_sentences
from vectorstore.vectors import unit_sum
from vectorstore.vocabulary import Vocabulary


def add_vector_sums(collection, catalog: Catalog) -> None:
    """Articles stored before the catalog kept per-language vector sums get them from Chroma."""
    for record in catalog.articles_without_vectors():
        ids = [passage_id(record.document, record.content_hash, i) for i in range(record.passage_count)]
        vectors = collection.get(ids=ids, include=["embeddings"])["embeddings"] if ids else []
        catalog.put_article_vectors(record.document, record.language, len(vectors), unit_sum(vectors))


def add_latent_terms(catalog: Catalog, embedder: Embedder) -> None:
    """Articles stored before the catalog kept latent terms get them (for models that have them)."""
    if not has_latent_terms(embedder):
        return
    missing = catalog.articles_without_terms()
    for record in tqdm(missing, desc="Adding latent terms", unit="article", disable=len(missing) < 2):
        texts = catalog.passage_texts(record.document)
        catalog.put_article_terms(record.document, [pack(t) for t in latent_terms(embedder, texts)])


def add_vocabulary(vocabulary: Vocabulary, catalog: Catalog) -> None:
    """An index built before the word bridge existed gets every stored article's words."""
    for record in catalog.articles():
        vocabulary.add(record.language, catalog.article_text(record.document) or "")


def add_sentences(catalog: Catalog, embedder: Embedder) -> None:
    """Articles stored before the catalog kept their answer sentences' vectors get them."""
    missing = catalog.articles_without_sentences()
    for record in tqdm(missing, desc="Adding sentence vectors", unit="article", disable=len(missing) < 2):
        catalog.put_article_sentences(record.document, embed_sentences(embedder, catalog.passage_texts(record.document)))
