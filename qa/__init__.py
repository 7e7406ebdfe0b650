"""Multilingual question answering over news articles, with exact citations.

    import qa
    answer = qa.query("Who is the governor of the Primorye region?")
    print(answer.text)                       # sentences quoted from the articles, each with [n]
    source = answer.sources[0]
    assert qa.article(source.document)[source.start:source.end] == source.text

    for item in qa.query_stream("Kur u largua Kim nga Rusia?", llm="gguf:model.gguf"):
        ...                                  # str pieces as the model writes, then the checked Answer
"""

from qa.api import article, articles, close_indexes, ingest, llm_choices, open_index, query, query_stream, remove
from qa.types import Answer, QuestionError, SentenceCheck, Source
from vectorstore.errors import IndexBusy, IndexDamaged, IndexMismatch, IndexUnusable, StoreUnavailable

__all__ = [
    "Answer", "IndexBusy", "IndexDamaged", "IndexMismatch", "IndexUnusable", "QuestionError", "SentenceCheck", "Source",
    "StoreUnavailable",
    "article", "articles", "close_indexes", "ingest", "llm_choices", "open_index", "query", "query_stream", "remove",
]
