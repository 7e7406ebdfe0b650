from qa.api import (article, articles, close_indexes, configure, health, ingest, llm_choices, open_index, query,
                    query_stream, remove)
from qa.llamaindex import as_query_engine, as_retriever
from qa.questions import check_question, language_label
from qa.types import CITATION, Answer, QuestionError, Quote, Reason, SentenceCheck, Source, title_opens_passage
from vectorstore.errors import (IndexBusy, IndexDamaged, IndexMismatch, IndexReadOnly, IndexUnusable,
                                StoreUnavailable)

__all__ = [
    "Answer", "CITATION", "IndexBusy", "IndexDamaged", "IndexMismatch", "IndexReadOnly", "IndexUnusable", "QuestionError", "Quote", "Reason",
    "SentenceCheck", "Source", "StoreUnavailable",
    "article", "articles", "as_query_engine", "as_retriever", "check_question", "close_indexes", "configure", "health", "ingest",
    "language_label", "llm_choices", "open_index",
    "query", "query_stream", "remove", "title_opens_passage",
]
