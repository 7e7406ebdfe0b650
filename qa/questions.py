"""What makes a question acceptable, checked before any model or index is loaded."""

from __future__ import annotations

import re

from qa.types import QuestionError
from vectorstore.language import language_name
from vectorstore.settings import Settings

MAX_TOP_K = 50
LANGUAGE_CODE = re.compile(r"[a-z]{2}")  # what `language=` takes: an ISO 639-1 code, as articles are labelled


def validate_question(question: str, top_k: int, language: str | None, max_chars: int) -> str:
    """The question without surrounding blanks; `QuestionError`, saying what to change, when it cannot be asked."""
    if not isinstance(question, str):
        raise QuestionError(f"The question must be text (str), not {type(question).__name__}.")
    if not question.strip():
        raise QuestionError("The question is empty. Type a question about the articles.")
    if len(question) > max_chars:
        raise QuestionError(
            f"The question is {len(question):,} characters long; the limit is {max_chars:,}. Shorten it."
        )
    if isinstance(top_k, bool) or not isinstance(top_k, int) or not 1 <= top_k <= MAX_TOP_K:
        raise QuestionError(f"top_k must be a whole number from 1 to {MAX_TOP_K}, not {top_k!r}.")
    if language is not None and not (isinstance(language, str) and LANGUAGE_CODE.fullmatch(language)):
        raise QuestionError(f"language must be a two-letter ISO 639-1 code as the articles are labelled ('qa list'), "
                            f"such as sq, tl or en; not {language!r:.40}.")
    return question.strip()


def check_question(question: str, *, top_k: int = 5, language: str | None = None) -> str:
    """What `qa.query` checks first, with the limits of the settings, before it loads a model or an index."""
    return validate_question(question, top_k, language, Settings.from_env().max_question_chars)


def language_label(code: str) -> str:
    """'tl' -> 'Tagalog (tl)', by the names of the detector that labels the articles; an unknown code stays as it is."""
    name = language_name(code)
    return f"{name} ({code})" if name else code
