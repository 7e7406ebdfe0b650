"""The chat's event handlers: ask (streamed), select an answer, open a citation, start over.

A conversation is a list of turns, `{"question": str, "answer": dict | None, "notice": str | None}`,
where `answer` is `qa.Answer.to_dict()`. The chat messages and both panels are drawn from it.
"""

from __future__ import annotations

import logging
import math
import time

import gradio as gr

import qa
from ui.article_view import EMPTY_VIEW, article_html, notice_html
from ui.citations import CITATION, answer_html, sentence_prefixes, shortened, text_html
from ui.languages import filter_value
from ui.source_cards import EMPTY_PANEL, sources_html

log = logging.getLogger(__name__)

SEARCHING = "Searching the articles…"
ABSTAINED = "I could not find an answer to this in the indexed articles, so I am not giving one."
FAILED = "Something went wrong while answering. Please try again."
UNSEARCHABLE = "The index cannot be searched:"
EMPTY_QUESTION = "Type a question about the articles first."
SHOWN_QUESTION_CHARS = 600
STREAM_PAUSE_SECONDS = 0.04


def chat_messages(turns: list[dict], draft: str | None = None) -> list[dict]:
    """Two messages per turn; the last, unfinished answer shows `draft` while it streams in."""
    messages = []
    for index, turn in enumerate(turns):
        shown = draft if index == len(turns) - 1 else None
        question = shortened(turn["question"], SHOWN_QUESTION_CHARS)
        messages.append({"role": "user", "content": text_html(question, "question")})
        messages.append({"role": "assistant", "content": _reply_html(turn, index, shown)})
    return messages


def qa_history(turns: list[dict]) -> list[dict]:
    """Earlier answered turns in the messages format `qa.query(history=...)` takes."""
    history = []
    for turn in turns:
        if turn["answer"] is not None:
            history.append({"role": "user", "content": turn["question"]})
            history.append({"role": "assistant", "content": turn["answer"]["text"]})
    return history


QUOTES_ONLY = "Quotes from the articles"


def answerer_choices() -> list[str]:
    """The LLMs configured in QA_LLM (the default first), then plain quoting; only quoting without any."""
    try:
        return qa.llm_choices() + [QUOTES_ONLY]
    except qa.QuestionError:
        log.warning("QA_LLM is malformed; answers will quote the articles")
        return [QUOTES_ONLY]


def whole_number(value: float) -> int:
    """The Sources box takes any number typed in it (2.5); its slider shows it rounded half up, and so is it taken."""
    return int(math.floor(float(value) + 0.5))


def respond(message: str, turns: list[dict], top_k: float, language: str, answerer: str = QUOTES_ONLY):
    """Yield (chat, turns, question box, sources panel, article view) as the answer comes in."""
    if not (message or "").strip():
        gr.Info(EMPTY_QUESTION, duration=4)
        yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        return
    history = qa_history(turns)
    turns = turns + [{"question": message, "answer": None, "notice": None}]
    index = len(turns) - 1
    top_k = whole_number(top_k)
    try:
        qa.check_question(message, top_k=top_k, language=filter_value(language))
    except qa.QuestionError as error:
        # The question goes back in the box, so that it can be shortened as the notice asks; the panels keep
        # the last answer's sources, since nothing new was answered.
        turns[index] = {**turns[index], "notice": str(error)}
        yield chat_messages(turns), turns, message, gr.skip(), gr.skip()
        return
    yield chat_messages(turns), turns, "", notice_html(SEARCHING), EMPTY_VIEW
    draft, answer = "", None
    try:
        llm = "extractive" if answerer == QUOTES_ONLY else answerer
        stream = qa.query_stream(message, top_k=top_k, history=history, language=filter_value(language), llm=llm)
        for item in stream:
            if isinstance(item, qa.Answer):
                answer = item.to_dict()
                continue
            # A piece may hold several sentences (quoted answers come as one): show them one at a time.
            for number, prefix in enumerate(sentence_prefixes(item)):
                if number:
                    time.sleep(STREAM_PAUSE_SECONDS)
                yield chat_messages(turns, draft + prefix), turns, gr.skip(), gr.skip(), gr.skip()
            draft += item
    except qa.QuestionError as error:  # a history or model choice the checks above do not see
        turns[index] = {**turns[index], "notice": str(error)}
        yield chat_messages(turns), turns, message, EMPTY_PANEL, gr.skip()
        return
    except qa.IndexUnusable as error:
        log.error("answering %r failed: %s", message[:200], error)
        turns[index] = {**turns[index], "notice": f"{UNSEARCHABLE} {error}"}
        yield chat_messages(turns), turns, gr.skip(), EMPTY_PANEL, gr.skip()
        return
    except Exception:
        log.exception("answering %r failed", message[:200])
    if answer is None:
        turns[index] = {**turns[index], "notice": FAILED}
        yield chat_messages(turns), turns, gr.skip(), EMPTY_PANEL, gr.skip()
        return
    turns[index] = {**turns[index], "answer": answer}
    yield chat_messages(turns), turns, gr.skip(), turn_sources_html(turns, index), gr.skip()


def select_answer(turns: list[dict], event: gr.SelectData):
    """Show the sources of the answer (or question) the user clicked; a turn with no answer (a refused question,
    or one still being answered) leaves the panel as it is."""
    position = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
    turn = int(position) // 2
    if not 0 <= turn < len(turns) or turns[turn]["answer"] is None:
        return gr.skip()
    return turn_sources_html(turns, turn)


def open_citation(turns: list[dict], event: gr.EventData):
    """Open the article of source `source` of the answer in `turn`, its passage highlighted and the sentences the
    answer quotes from it highlighted strongly."""
    data = getattr(event, "_data", None) or {}
    try:
        turn, number = int(data["turn"]), int(data["source"])
        sources = turns[turn]["answer"]["sources"]
        source = sources[number - 1] if number >= 1 else None
    except (KeyError, IndexError, TypeError, ValueError):
        source = None
    if source is None:
        return gr.skip(), notice_html("That source is not part of this conversation.")
    panel = turn_sources_html(turns, turn, active=number)
    try:
        text = qa.article(source["document"])
    except KeyError:  # removed since this answer: nothing failed
        return panel, notice_html(f"The article {source['document']} is no longer in the index.")
    except qa.IndexUnusable as error:  # its message says what to do
        log.error("reading article %r failed: %s", source["document"], error)
        return panel, notice_html(f"The article {source['document']} cannot be read: {error}")
    except Exception as error:
        log.exception("reading article %r failed", source["document"])
        return panel, notice_html(f"The article {source['document']} cannot be read now ({type(error).__name__}); "
                                  "the server log has the details.")
    span, note = (source["start"], source["end"]), ""
    quotes = [(quote["start"], quote["end"]) for quote in source.get("quotes", ())]
    if text[source["start"] : source["end"]] != source["text"]:
        span, quotes, note = None, [], "The article changed after this answer; the cited passage is not highlighted."
    view = article_html(
        text,
        title=source["title"],
        language=source["language"],
        date=source["date"],
        document=source["document"],
        span=span,
        quotes=quotes,
        note=note,
        back_to_answer=True,
    )
    return panel, view


def turn_sources_html(turns: list[dict], turn: int, active: int | None = None) -> str:
    answer = turns[turn]["answer"]
    if answer is None:
        return EMPTY_PANEL
    reason = answer.get("reason")
    if reason == qa.Reason.NO_ARTICLES:
        return notice_html("No sources: no articles are indexed.")
    if reason == qa.Reason.SMALL_TALK:
        return notice_html("No sources: ask a question about the articles.")
    if answer["abstained"]:
        unanswered = ("The articles in the language you chose do not answer this question. Set Language to “Any "
                      "language” to search them all." if reason == qa.Reason.LANGUAGE_FILTER
                      else "The articles do not answer this question.")
        if not answer["sources"]:
            return notice_html(f"No sources: {unanswered[0].lower()}{unanswered[1:]}")
        # A refusal keeps what the search found, so that the reader can look for themselves.
        found = ("The passage quoted comes closest without answering it; the others the search found are below it."
                 if CITATION.search(answer["text"]) else "The passages the search found closest are below, none of "
                 "them cited.")
        return (notice_html(f"{unanswered} {found}")
                + sources_html(turns[turn]["question"], answer["text"], answer["sources"], turn, active))
    return sources_html(turns[turn]["question"], answer["text"], answer["sources"], turn, active)


def example_question(event: gr.SelectData) -> str:
    """The text of the example the user clicked in the empty chat."""
    return event.value["text"]


def new_chat():
    """Empty chat, empty panels, empty question box."""
    return [], [], "", EMPTY_PANEL, EMPTY_VIEW


def _reply_html(turn: dict, index: int, draft: str | None) -> str:
    if turn["notice"]:
        return text_html(turn["notice"], "notice")
    answer = turn["answer"]
    if answer is None:
        # While it streams, [n] stays plain text: the sources arrive with the finished answer.
        return answer_html(draft, index, []) if draft else text_html(SEARCHING, "pending")
    note = text_html(answer["notice"], "note") if answer.get("notice") else ""
    titles = [source["title"] for source in answer["sources"]]
    if answer["abstained"]:
        # A refusal may quote, cited, what the articles say closest to the question (`qa.rules.NEARBY`).
        return answer_html(answer["text"].strip() or ABSTAINED, index, titles, kind="abstained") + note
    unsupported = [(s["text"], s["support"]) for s in answer.get("sentences", []) if not s["supported"]]
    return answer_html(answer["text"], index, titles, unsupported) + note
