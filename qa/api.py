"""The public Python API: ingest articles, ask questions, read the cited articles."""

from __future__ import annotations

import functools
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator

from chromadb.errors import ChromaError
from llama_index.core.llms import LLM

from qa.answer_stream import answer_stream
from qa.answering import LANGUAGE_NOT_HELD, AnswerPolicy, QuestionContext, compose_answer, rank_evidence
from qa.coverage import split_names
from qa.llm_backends import EXTRACTIVE, LLMSpecError, configured_specs, parse_llm_spec
from qa.quantities import counted_units
from qa.history import user_turns
from qa.questions import language_label, validate_question
from qa.retrieval import HybridRetriever, merge_searches
from qa.small_talk import REPLY as SMALL_TALK_REPLY, is_small_talk
from qa.types import Answer, QuestionError, Source
from vectorstore.catalog import ArticleRecord, Catalog, query_grams
from vectorstore.errors import EMPTY_PATH, StoreUnavailable
from vectorstore.ingest import IngestReport, ProgressCallback, ingest_paths
from vectorstore.language import detect_language
from vectorstore.settings import Settings
from vectorstore.store import PassageIndex, explain_server_errors

_indexes: dict[Path, PassageIndex] = {}
_lock = threading.Lock()


def _settings(index_dir: str | Path | None) -> Settings:
    return Settings.from_env().with_index_dir(index_dir)


def _explained(function):
    """A Chroma server that stops answering raises `StoreUnavailable`, which says what to do."""
    @functools.wraps(function)
    def call(*args, **kwargs):
        with explain_server_errors(Settings.from_env()):  # the server URL does not depend on the index folder
            return function(*args, **kwargs)
    return call


@_explained
def open_index(index_dir: str | Path | None = None, *, build_default: bool = True) -> PassageIndex:
    """The index at `index_dir` (or `QA_INDEX_DIR`), opened once per process.

    An index that never held an article is first filled from the bundled articles, with progress on stderr.
    """
    settings = _settings(index_dir)
    key = settings.index_dir.resolve()
    with _lock:
        index = _indexes.get(key)
        if index is None:
            index = PassageIndex(settings)
            _indexes[key] = index
        else:
            index.refresh()  # another process may have ingested since
        # Not an index that held articles once: one its user emptied (or a rebuild did) stays as it was left.
        if build_default and index.catalog.never_filled() and settings.default_corpus.is_dir():
            print(f"Building the index in {settings.index_dir} from the bundled articles…", file=sys.stderr)
            report = ingest_paths(index, [settings.default_corpus], show_progress=True)
            print(report.summary(), file=sys.stderr)
    return index


def close_indexes() -> None:
    """Forget opened indexes (tests and long-running apps that switch folders)."""
    with _lock:
        for index in _indexes.values():
            index.close()
        _indexes.clear()


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
    path = _settings(index_dir).catalog_path
    if not path.is_file():
        raise unavailable  # nothing was ever indexed here
    catalog = Catalog(path)
    try:
        return read(catalog)
    finally:
        catalog.close()


@_explained
def articles(*, index_dir: str | Path | None = None) -> list[ArticleRecord]:
    """The indexed articles, with title, language, date and passage count."""
    try:
        return open_index(index_dir).catalog.articles()
    except StoreUnavailable as unavailable:
        return _read_catalog(index_dir, Catalog.articles, unavailable)


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
    history = history if isinstance(history, (str, bytes, dict)) else list(history or [])  # a generator, once
    user_turns(history)  # a history of an unknown shape is refused here, before iteration
    choice = _llm_choice(llm)
    if is_small_talk(question):
        return iter([SMALL_TALK_REPLY, Answer(text=SMALL_TALK_REPLY, abstained=True, question=question)])
    index = open_index(index_dir)
    question_language = _question_language(question, frozenset(index.catalog.languages()))

    def search(search_text: str) -> Answer:
        def quote() -> Answer:
            return _quote(question, question_language, search_text, top_k, language, index, settings)

        with explain_server_errors(settings):
            try:
                with index.reading():
                    return quote()
            except ChromaError:
                if settings.chroma_url:
                    raise
                # Another process wrote articles mid-search, which an embedded Chroma client only sees once
                # reopened: search again on a reopened store, while no process writes.
                with index.reading_alone():
                    return quote()

    return answer_stream(question, question_language, history, choice, search, index.embedder,
                         settings.max_question_chars)


def _question_language(question: str, languages: frozenset[str]) -> str | None:
    """The question's language, told from its words without the capitalised ones after the first: names
    belong to no language ("How old is Kim Jong Un?" reads as Tagalog with them, English without)."""
    return detect_language(" ".join(split_names(question)[1]), among=languages)


def _llm_choice(llm: str | LLM | None) -> str | LLM | None:
    """The model asked for (checked, not loaded yet), or None for the quoting answerer."""
    if isinstance(llm, LLM):
        return llm
    try:
        if llm is None:
            specs = configured_specs()
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
        return configured_specs()
    except LLMSpecError as error:
        raise QuestionError(f"QA_LLM: {error}") from None


def _quote(question: str, question_language: str | None, search_text: str, top_k: int, language: str | None,
           index: PassageIndex, settings: Settings) -> Answer:
    """The quoting answerer's Answer, whose `sources` are the retrieved passages (none when it abstains)."""
    held = index.catalog.languages()
    if language and held and language not in held:
        text = LANGUAGE_NOT_HELD.format(language=language_label(language),
                                        held=", ".join(language_label(code) for code in sorted(held)))
        return Answer(text=text, sources=[], abstained=True, question=question)
    query_vector = index.embedder.get_query_embedding(search_text)
    rrf_k, lexical_weight = settings.fusion
    retriever = HybridRetriever(index, max(settings.candidates, top_k), rrf_k, lexical_weight, settings.word_bridge,
                                settings.question_centring, settings.latent_terms_weight, settings.score_weights)
    language_means = index.catalog.language_means()
    counterparts = retriever.counterparts(search_text, question_language)
    passage_total = index.catalog.passage_count()
    candidates = retriever.retrieve(search_text, query_vector, language, language_means, question_language,
                                    counterparts, passage_total)
    follow_up = search_text != question
    own_vector = index.embedder.get_query_embedding(question) if follow_up else None
    if follow_up:
        own = retriever.retrieve(question, own_vector, language, language_means, question_language,
                                 passage_total=passage_total)
        candidates = merge_searches([candidates, own], [1.0, settings.follow_up_own_search], rrf_k)
    candidates = candidates[:top_k]
    min_evidence, confident_evidence = settings.evidence_thresholds
    policy = AnswerPolicy(settings.overlap_weight, min_evidence, confident_evidence, settings.max_novel,
                          cross_language_credit=settings.cross_language_credit,
                          min_similarity=settings.min_similarity)
    gram_weights = index.catalog.gram_weights(query_grams(search_text, limit=None), passage_total)
    bridge_weights = index.catalog.gram_weights(query_grams(" ".join(counterparts), limit=None), passage_total)
    evidence = rank_evidence(query_vector, candidates, index.embedder, gram_weights, policy, language_means,
                             bridge_weights, own_vector)
    sources = [
        Source(c.document, c.text, c.start, c.end, round(c.score, 6), c.language, c.title, c.date)
        for c in candidates
    ]
    # The user's own question, not the search text: a follow-up need not ask the count the question before it did.
    counted_words, unit_forms = counted_units(question, question_language)
    bridged = retriever.counterparts(" ".join(counted_words), question_language) if counted_words else []
    context = QuestionContext(
        language=question_language,
        count_word=index.catalog.count_word_starting,
        passage_total=passage_total,
        count_containing=index.catalog.count_containing,
        words_starting=index.catalog.words_starting,
        counted_units=tuple(counted_words + bridged + unit_forms),
        only_language=language,
        index_languages=frozenset(held),
        follow_up=follow_up,
    )
    # The coverage check reads the search text: a follow-up's words come from the conversation.
    return replace(compose_answer(search_text, context, sources, evidence, policy), question=question)
