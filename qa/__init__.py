"""Multilingual question answering over news articles, with exact citations.

    import qa
    answer = qa.query("Who is the governor of the Primorye region?")
    print(answer.text)                       # sentences quoted from the articles, each with [n]
    source = answer.sources[0]
    assert qa.article(source.document)[source.start:source.end] == source.text
"""

from qa.api import article, articles, close_indexes, ingest, open_index, query, remove
from qa.types import Answer, QuestionError, Source

__all__ = [
    "Answer", "QuestionError", "Source",
    "article", "articles", "close_indexes", "ingest", "open_index", "query", "remove",
]
