"""The question path, stage by stage, as one object: `Assistant.from_settings(settings).stream(question, ...)`.

    small talk? -> prepare the Query (qa/prepare.py) -> rules before the search (qa/rules.py)
    -> retrieve: rankers fused by name (qa/retrieval.py, qa/rankers.py), a follow-up's own search merged
    -> the passages that hold an answer of the asked kind first (qa/ordering.py)
    -> rank the passages' sentences (qa/evidence.py) -> rules on the evidence, or quote (qa/answering.py)
    -> optionally a language model writes the answer (qa/generation.py) -> check every citation (qa/citation_check.py)

Every stage reads the one `Query`; the `Answer` that comes out says in `reason` (and `rule`) what happened.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, TypeVar

from chromadb.errors import ChromaError

from qa.answering import compose_answer, with_nearby
from qa.citation_check import checked
from qa.evidence import rank_evidence
from qa.generation import (NOT_ASKED, condense_question, fallback_notice, generative_notice, model_label,
                           stream_answer)
from qa.history import user_turns
from qa.indexes import open_index
from qa.llm_backends import describe_failure, load_llm, parse_llm_spec
from qa.ordering import answering_first
from qa.prepare import Query
from qa.rankers import retriever_for
from qa.retrieval import Candidate, HybridRetriever, Ranker
from qa.rules import AFTER_EVIDENCE, BEFORE_SEARCH, ON_TOPIC, Rule, abstention_text, first_reason
from qa.small_talk import REPLY as SMALL_TALK_REPLY, is_small_talk
from qa.types import Answer, Reason, Source
from vectorstore.settings import Settings
from vectorstore.store import PassageIndex, explain_server_errors

if TYPE_CHECKING:
    from llama_index.core.llms import LLM

T = TypeVar("T")


class Assistant:
    """Answers questions from one index with the settings' rankers and rules; see the module's stages."""

    def __init__(self, settings: Settings, *, rankers: list[Ranker] | None = None,
                 before_search: list[Rule] | None = None, after_evidence: list[Rule] | None = None):
        self.settings = settings
        self.rankers = rankers  # None: the rankers the index and its model allow (`qa.rankers.rankers_for`)
        self.before_search = BEFORE_SEARCH if before_search is None else before_search
        self.after_evidence = AFTER_EVIDENCE if after_evidence is None else after_evidence

    @classmethod
    def from_settings(cls, settings: Settings, **parts) -> "Assistant":
        return cls(settings, **parts)

    @property
    def index(self) -> PassageIndex:
        """The settings' index, opened once per process (a new one is filled with the bundled articles)."""
        return open_index(self.settings)

    def retriever(self, index: PassageIndex) -> HybridRetriever:
        return retriever_for(index, self.settings, self.rankers)

    def stream(self, question: str, *, history: Iterable | None = None, top_k: int = 5, language: str | None = None,
               llm: str | LLM | None = None) -> Iterator[str | Answer]:
        """Pieces of the answer text as they are written, then the checked `Answer` (see `qa.query_stream`).

        The question is checked already (`qa.questions.validate_question`); the index is opened at the call, so
        that its errors raise here rather than mid-iteration. A greeting or a thanks is answered without a search.
        """
        history = list(history or [])
        if is_small_talk(question):
            return iter([SMALL_TALK_REPLY, Answer(text=SMALL_TALK_REPLY, abstained=True, question=question,
                                                  reason=Reason.SMALL_TALK)])
        index = self.index
        return self._answer(index, question, history, top_k, language, llm)

    def _answer(self, index: PassageIndex, question: str, history: list, top_k: int, language: str | None,
                choice: str | LLM | None) -> Iterator[str | Answer]:
        spec = parse_llm_spec(choice) if isinstance(choice, str) else None
        llm_settings = self.settings.llm
        llm, failure = None, None
        if choice is not None:
            try:
                llm = load_llm(spec, llm_settings) if isinstance(choice, str) else choice
            except Exception as error:  # any backend failure becomes a one-line notice and the quoting answerer
                failure = describe_failure(error, spec, llm_settings)
        search_text = None
        if llm is not None and user_turns(history):
            try:
                search_text = condense_question(llm, question, history, self.settings.max_question_chars)
            except Exception as error:  # as above
                llm, failure = None, describe_failure(error, spec, llm_settings)
        query, quoted = self.quote(index, question, history, top_k, language, search_text)
        if failure or llm is None or quoted.abstained:
            if failure:
                quoted = with_fallback(quoted, failure)
            elif llm is not None:
                quoted = replace(quoted, notice=NOT_ASKED)
            answer = checked(quoted, quoted.text, index.embedder)
            yield answer.text
            yield answer
            return
        draft: list[str] = []
        try:
            for piece in stream_answer(llm, question, query.language, quoted.sources):
                draft.append(piece)
                yield piece
        except Exception as error:  # as above, also mid-stream: the final Answer replaces the partial draft
            yield checked(with_fallback(quoted, describe_failure(error, spec, llm_settings)), quoted.text,
                          index.embedder)
            return
        # The model's text quotes no sentence of the sources as such: no sentence is marked as quoted.
        unquoted = [replace(source, quotes=()) for source in quoted.sources]
        answer = checked(replace(quoted, mode="generative", sources=unquoted), "".join(draft).strip(), index.embedder)
        yield replace(answer, notice=generative_notice(model_label(choice), answer))

    def quote(self, index: PassageIndex, question: str, history: list, top_k: int, language: str | None,
              search_text: str | None = None) -> tuple[Query, Answer]:
        """The prepared query and the quoting answerer's Answer, whose `sources` are the retrieved passages (also
        when it abstains after the search; none when it abstains before)."""
        return self._reading(index, lambda: self._quote(index, question, history, top_k, language, search_text))

    def retrieve(self, index: PassageIndex, question: str, *, top_k: int = 5,
                 language: str | None = None) -> list[Candidate]:
        """The passages the search ranks for a question, best first, with no rule or answer after it
        (`qa.as_retriever`); none when a rule before the search refuses (no articles, a language no article is in)."""
        def search() -> list[Candidate]:
            query = Query.build(question, [], index, self.settings, top_k=top_k, language=language)
            return [] if first_reason(self.before_search, query, [], []) else self.retriever(index).retrieve(query)
        return self._reading(index, search)

    def _reading(self, index: PassageIndex, read: Callable[[], T]) -> T:
        """`read()` on one committed state of the index."""
        with explain_server_errors(self.settings):
            try:
                with index.reading():
                    return read()
            except ChromaError:
                if self.settings.chroma_url:
                    raise
                # Another process wrote articles mid-search, which an embedded Chroma client only sees once
                # reopened: search again on a reopened store, while no process writes.
                with index.reading_alone():
                    return read()

    def _quote(self, index: PassageIndex, question: str, history: list, top_k: int, language: str | None,
               search_text: str | None) -> tuple[Query, Answer]:
        query = Query.build(question, history, index, self.settings, top_k=top_k, language=language,
                            search_text=search_text)
        abstained = first_reason(self.before_search, query, [], [])
        if abstained:
            return query, abstention(query, *abstained)
        candidates = answering_first(query, self.retriever(index).retrieve(query))
        sources = [candidate.source() for candidate in candidates]
        stored = index.catalog.passage_sentences([candidate.id for candidate in candidates])
        evidence = rank_evidence(query, candidates, stored, index.embedder)
        abstained = first_reason(self.after_evidence, query, evidence, sources)
        if abstained is None:
            answer = compose_answer(query, sources, evidence)
        else:
            # A refusal keeps what was found, so that the reader can look for themselves.
            answer = abstention(query, *abstained, sources)
            if abstained[1] in ON_TOPIC:
                answer = with_nearby(answer, query, evidence)
        return query, replace(answer, search_question=query.search_text)


def abstention(query: Query, reason: Reason, rule: str, sources: list[Source] | None = None) -> Answer:
    return Answer(text=abstention_text(reason, query), sources=list(sources or []), abstained=True, question=query.text,
                  search_question=query.search_text, reason=reason, rule=rule)


def with_fallback(answer: Answer, failure: str) -> Answer:
    """The quoted answer, shown because the language model failed with `failure`."""
    return replace(answer, mode=f"extractive (fallback: {failure})", fallback=failure, notice=fallback_notice(failure))
