"""The `/ask` endpoint: one question in, the answer and its sources out as JSON (Gradio's, and the one-request
`POST /v1/ask` of ui.endpoints)."""

from __future__ import annotations

import logging

import gradio as gr

import qa
from ui.chat import UNSEARCHABLE
from ui.languages import filter_value

log = logging.getLogger(__name__)


def answer(question: str, top_k: int = 5, language: str | None = None) -> dict:
    """`qa.query`'s answer as the dict both /ask endpoints return; a bad argument raises `qa.QuestionError`."""
    # A JSON number arrives as a float ("5.0" from some clients): whole ones only, as qa.query takes them.
    whole = int(top_k) if isinstance(top_k, float) and top_k.is_integer() else top_k
    return qa.query(question, top_k=whole, language=filter_value(language)).to_dict()


def ask(question: str, top_k: int = 5, language: str | None = None) -> dict:
    """Answer `question` from the indexed articles.

    Returns {"text", "sources": [{document, text, start, end, score, language, title, date}],
    "abstained", "question"}; `[n]` in text is sources[n-1]. question: text of at most 4,000 characters,
    valid Unicode (no lone surrogate); top_k: a whole number from 1 to 50; language: a code the articles have
    ("sq", "tl", "en", …) or None. Anything else is an error that says what to change, raised before any search.
    """
    try:
        return answer(question, top_k, language)
    except qa.QuestionError as error:  # the caller's to mend: nothing for the server's log
        raise gr.Error(str(error), print_exception=False) from error
    except qa.IndexUnusable as error:  # the operator's to mend: one line that says how, not a traceback
        log.error("/ask: %s", error)
        raise gr.Error(f"{UNSEARCHABLE} {error}", print_exception=False) from error
