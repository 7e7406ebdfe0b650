"""The public Python API: ingest articles, ask questions, read the cited articles."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from qa import indexes
from qa.history import recent_messages, user_turns
from qa.llm_backends import EXTRACTIVE, LLMSpecError, configured_specs, parse_llm_spec
from qa.pipeline import Assistant
from qa.questions import validate_question
from qa.types import Answer, QuestionError
from vectorstore.catalog import ArticleRecord, open_catalog
from vectorstore.errors import EMPTY_PATH, StoreUnavailable
from vectorstore.settings import Settings
from vectorstore.store import PassageIndex, explain_server_errors

if TYPE_CHECKING:  # ingest's readers (trafilatura, lxml) load with the first ingest: a question needs none of them
    from llama_index.core.llms import LLM

    from vectorstore.ingest import IngestReport, ProgressCallback


_configured: Settings | None = None


def configure(settings: Settings | None) -> None:
    """Use `settings` for every later call in this process instead of the environment's (`qa chat` passes its
    command-line flags so); None goes back to reading the environment at each call."""
    global _configured
    _configured = settings


def _settings(index_dir: str | Path | None = None) -> Settings:
    return (_configured or Settings.from_env()).with_index_dir(index_dir)


def _explained(function):
    """A Chroma server that stops answering raises `StoreUnavailable`, which says what to do."""
    @functools.wraps(function)
    def call(*args, **kwargs):
        with explain_server_errors(_settings()):  # the server URL does not depend on the index folder
            return function(*args, **kwargs)
    return call


def open_index(index_dir: str | Path | None = None, *, build_default: bool = True) -> PassageIndex:
    """The index at `index_dir` (or `QA_INDEX_DIR`), opened once per process.

    An index that never held an article is first filled from the bundled articles, with progress on stderr.
    """
    return indexes.open_index(_settings(index_dir), build_default=build_default)


close_indexes = indexes.close_indexes


@_explained
def ingest(
    *paths: str | Path,
    index_dir: str | Path | None = None,
    show_progress: bool = True,
    on_progress: ProgressCallback | None = None,
) -> IngestReport:
    """Add, update or remove articles from files and folders; see `IngestReport.summary()`.

    `qa.ingest("a.txt", "folder/")`; a list of paths is taken too.
    """
    given = [p for item in paths for p in (item if isinstance(item, (list, tuple)) else [item])]
    if not given:
        raise ValueError("give at least one file or folder to ingest: qa.ingest('my_articles/')")
    wrong = [p for p in given if not isinstance(p, (str, Path))]
    if wrong:
        raise TypeError(f"paths are str or pathlib.Path, not {type(wrong[0]).__name__}")
    if any(isinstance(p, str) and not p.strip() for p in given):
        raise ValueError(EMPTY_PATH)
    from vectorstore.ingest import ingest_paths

    index = open_index(index_dir, build_default=False)
    return ingest_paths(index, [Path(p) for p in given], show_progress=show_progress, on_progress=on_progress)


def _document_name(document: str | Path) -> str:
    """An article's name in the index: its file name, also when given the path it was ingested from."""
    if not isinstance(document, (str, Path)):
        raise TypeError(f"an article is named by its file name (str), not {type(document).__name__}")
    return Path(document).name


@_explained
def remove(document: str | Path, *, index_dir: str | Path | None = None) -> bool:
    """Take one article (by file name, or the path it was ingested from) out of the index; False if it was not
    there."""
    return open_index(index_dir, build_default=False).remove(_document_name(document))


def _read_catalog(index_dir: str | Path | None, read, unavailable: StoreUnavailable):
    """`read(catalog)` on the index folder's catalog alone, which holds every article's text and record: a Chroma
    server that does not answer keeps questions from being answered, not the articles from being read."""
    settings = _settings(index_dir)
    if not settings.catalog_url and not settings.catalog_path.is_file():
        raise unavailable  # nothing was ever indexed here
    catalog = open_catalog(settings)
    try:
        return read(catalog)
    finally:
        catalog.close()


@_explained
def health(*, index_dir: str | Path | None = None) -> dict[str, int]:
    """Whether the index answers, catalog and vectors alike: its articles, passages and vectors, counted now.
    Raises `IndexUnusable` (`StoreUnavailable` for a server that does not answer) with what to do."""
    index = open_index(index_dir)
    with explain_server_errors(index.settings):
        return {"articles": len(index.catalog.articles()), "passages": index.catalog.passage_count(),
                "vectors": index.collection.count()}


@_explained
def articles(*, index_dir: str | Path | None = None) -> list[ArticleRecord]:
    """The indexed articles, with title, language, date and passage count."""
    try:
        return open_index(index_dir).catalog.articles()
    except StoreUnavailable as unavailable:
        return _read_catalog(index_dir, lambda catalog: catalog.articles(), unavailable)


@_explained
def article(document: str | Path, *, index_dir: str | Path | None = None) -> str:
    """The text that every passage's `start`/`end` offsets point into (by file name, or the path it was ingested
    from); KeyError when no such article is indexed."""
    name = _document_name(document)
    try:
        text = open_index(index_dir).catalog.article_text(name)
    except StoreUnavailable as unavailable:
        text = _read_catalog(index_dir, lambda catalog: catalog.article_text(name), unavailable)
    if text is None:
        raise KeyError(f"no article named '{document}' in the index; 'qa list' (qa.articles()) shows the indexed "
                       "ones, and 'qa ingest' adds one")
    return text


def query(
    question: str,
    *,
    top_k: int = 5,
    history: Iterable | None = None,
    language: str | None = None,
    index_dir: str | Path | None = None,
    llm: str | LLM | None = None,
) -> Answer:
    """Answer a question from the indexed articles, citing passages as [n] -> sources[n-1].

    `llm` ("ollama:MODEL", "openai:BASE_URL:MODEL", "gguf:PATH", a llama-index LLM, or "extractive") makes
    a model write the answer; None takes `QA_LLM`, and without it the answer quotes the articles. A greeting or a
    thanks ("hello", "faleminderit") is answered with a line on what to ask, abstained, without a search.
    """
    answer = None
    for item in query_stream(question, top_k=top_k, history=history, language=language, index_dir=index_dir, llm=llm):
        if isinstance(item, Answer):
            answer = item
    return answer


def query_stream(
    question: str,
    *,
    top_k: int = 5,
    history: Iterable | None = None,
    language: str | None = None,
    index_dir: str | Path | None = None,
    llm: str | LLM | None = None,
) -> Iterator[str | Answer]:
    """Yield the answer text in pieces (`str`) as the model writes it, then the final, checked `Answer`.

    Takes the arguments of `query`. Bad questions raise `QuestionError` at the call, before iteration.
    The final `Answer.text` is what to show: invalid citations are removed from it, and on a failure
    it is the quoted-sentences answer, even after part of a draft was streamed. Without a model the text
    comes as one piece.
    """
    settings = _settings(index_dir)
    question = validate_question(question, top_k, language, settings.max_question_chars)
    history = recent_messages(history)  # read once (a generator too); what is no list of messages is refused
    user_turns(history)  # so is a message of an unknown shape, here, before iteration
    choice = _llm_choice(llm, settings)
    return Assistant.from_settings(settings).stream(question, history=history, top_k=top_k, language=language,
                                                    llm=choice)


def _llm_choice(llm: str | LLM | None, settings: Settings) -> str | LLM | None:
    """The model asked for (checked, not loaded yet), or None for the quoting answerer."""
    if llm is not None and not isinstance(llm, str):
        from llama_index.core.llms import LLM  # only for a model object: a question imports no llama-index

        if isinstance(llm, LLM):
            return llm
    try:
        if llm is None:
            specs = configured_specs(settings.llm)
            return specs[0] if specs else None
        if not isinstance(llm, str):
            raise LLMSpecError(f"llm must be a spec string, a llama-index LLM or None, not {type(llm).__name__}")
        if llm.strip().lower() == EXTRACTIVE:
            return None
        parse_llm_spec(llm)
        return llm
    except LLMSpecError as error:
        raise QuestionError(f"{'QA_LLM: ' if llm is None else ''}{error}") from None


def llm_choices() -> list[str]:
    """The LLM specs listed in `QA_LLM` (comma-separated), the default first; empty when answers only quote."""
    try:
        return configured_specs(_settings().llm)
    except LLMSpecError as error:
        raise QuestionError(f"QA_LLM: {error}") from None
