from qa.api import article, articles, close_indexes, ingest, llm_choices, open_index, query, query_stream, remove
from qa.questions import check_question
from qa.types import Answer, QuestionError, SentenceCheck, Source
from vectorstore.errors import IndexBusy, IndexDamaged, IndexMismatch, IndexUnusable, StoreUnavailable

__all__ = [
    "Answer", "IndexBusy", "IndexDamaged", "IndexMismatch", "IndexUnusable", "QuestionError", "SentenceCheck", "Source",
    "StoreUnavailable",
    "article", "articles", "check_question", "close_indexes", "ingest", "llm_choices", "open_index", "query",
    "query_stream", "remove",
]
