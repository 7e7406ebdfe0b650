"""From a question to a streamed, checked answer: condense a follow-up, let the model write or quote the
articles, check every citation, and fall back to the quotes with a one-line notice when the model fails."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.llms import LLM

from qa.citation_check import verify_answer
from qa.generation import condense_question, stream_answer
from qa.history import standalone_question, user_turns
from qa.llm_backends import describe_failure, load_llm, parse_llm_spec
from qa.types import Answer

NOT_ASKED = "No passage answers this closely enough, so the language model was not asked."
Search = Callable[[str], Answer]  # search text -> the quoting answerer's Answer, its sources the retrieved passages


def answer_stream(
    question: str,
    language_code: str | None,
    history: Iterable | None,
    choice: str | LLM | None,
    search: Search,
    embedder: BaseEmbedding,
    max_question_chars: int,
) -> Iterator[str | Answer]:
    """Pieces of text as the model writes them, then the checked Answer (see `qa.query_stream`)."""
    history = list(history or [])
    spec = parse_llm_spec(choice) if isinstance(choice, str) else None
    llm, failure = None, None
    if choice is not None:
        try:
            llm = choice if isinstance(choice, LLM) else load_llm(spec)
        except Exception as error:  # any backend failure becomes a one-line notice and the quoting answerer
            failure = describe_failure(error, spec)
    search_text = standalone_question(question, history)
    if llm is not None and user_turns(history):
        try:
            search_text = condense_question(llm, question, history, max_question_chars) or search_text
        except Exception as error:  # as above
            llm, failure = None, describe_failure(error, spec)
    quoted = replace(search(search_text), search_question=search_text)
    if failure or llm is None or quoted.abstained:
        if failure:
            quoted = replace(quoted, mode=f"extractive (fallback: {failure})", notice=fallback_notice(failure))
        elif llm is not None:
            quoted = replace(quoted, notice=NOT_ASKED)
        answer = checked(quoted, quoted.text, embedder)
        yield answer.text
        yield answer
        return
    draft: list[str] = []
    try:
        for piece in stream_answer(llm, question, language_code, quoted.sources):
            draft.append(piece)
            yield piece
    except Exception as error:  # as above, also mid-stream: the final Answer replaces the partial draft
        failure = describe_failure(error, spec)
        yield checked(replace(quoted, mode=f"extractive (fallback: {failure})", notice=fallback_notice(failure)),
                      quoted.text, embedder)
        return
    answer = checked(replace(quoted, mode="generative"), "".join(draft).strip(), embedder)
    yield replace(answer, notice=generative_notice(model_label(choice), answer))


def checked(answer: Answer, text: str, embedder: BaseEmbedding) -> Answer:
    """The answer with `text`, its invalid citations removed, its sources in the order it cites them and every
    sentence scored against its sources."""
    if answer.abstained:
        return replace(answer, text=text)
    cleaned, sources, sentences, removed = verify_answer(text, answer.sources, embedder)
    return replace(answer, text=cleaned, sources=sources, sentences=sentences, invalid_citations=removed)


def model_label(choice: str | LLM) -> str:
    if isinstance(choice, LLM):
        return Path(choice.metadata.model_name).name
    spec = parse_llm_spec(choice)
    return f"gguf:{Path(spec.model).name}" if spec.kind == "gguf" else str(spec)


def fallback_notice(failure: str) -> str:
    stop = "" if failure.endswith((".", "?", "!")) else "."
    return f"The language model could not answer: {failure}{stop} Showing quoted sentences instead."


def generative_notice(label: str, answer: Answer) -> str:
    supported = sum(s.supported for s in answer.sentences)
    uncited = sum(not s.citations for s in answer.sentences)
    total = len(answer.sentences)
    parts = [f"Written by {label}; {supported} of {total} sentences supported by the passages they cite"]
    if uncited:
        parts.append(f"{uncited} without a citation")
    if answer.invalid_citations:
        plural = "s" if answer.invalid_citations > 1 else ""
        parts.append(f"{answer.invalid_citations} citation{plural} to no source removed")
    return "; ".join(parts) + "."
