"""Multilingual question answering over news articles, with exact citations.

    import qa
    answer = qa.query("Who is the governor of the Primorye region?")
    print(answer.text)                       # sentences quoted from the articles, each with [n]
    source = answer.sources[0]
    assert qa.article(source.document)[source.start:source.end] == source.text

    for item in qa.query_stream("Kur u largua Kim nga Rusia?", llm="gguf:model.gguf"):
        ...                                  # str pieces as the model writes, then the checked Answer
"""

from __future__ import annotations

import importlib

# Where each public name lives. They load on first use, so that `qa --help` and the command line's own
# errors answer at once instead of after the embedding and store libraries have loaded (several seconds).
# `__init__.pyi` imports them for type checkers and editors.
_HOMES = {
    **dict.fromkeys(["article", "articles", "close_indexes", "configure", "health", "ingest", "llm_choices", "open_index",
                     "query", "query_stream", "remove"], "qa.api"),
    **dict.fromkeys(["as_query_engine", "as_retriever"], "qa.llamaindex"),
    **dict.fromkeys(["check_question", "language_label"], "qa.questions"),
    **dict.fromkeys(["Answer", "CITATION", "QuestionError", "Quote", "Reason", "SentenceCheck", "Source",
                     "title_opens_passage"],
                    "qa.types"),
    **dict.fromkeys(["IndexBusy", "IndexDamaged", "IndexMismatch", "IndexReadOnly", "IndexUnusable", "StoreUnavailable"],
                    "vectorstore.errors"),
}
__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'qa' has no attribute '{name}'")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
