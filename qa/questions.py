"""What makes a question acceptable, checked before any model or index is loaded."""

from __future__ import annotations

import re

from qa.types import QuestionError
from vectorstore.language import language_name
from vectorstore.settings import Settings

MAX_TOP_K = 50
LANGUAGE_CODE = re.compile(r"[a-z]{2}")  # what `language=` takes: an ISO 639-1 code, as articles are labelled


def invalid_text(text: str, what: str) -> QuestionError | None:
    """The error for a string that holds no valid text where it should: a lone surrogate, which is what an invalid
    byte becomes in Python (a command-line argument, a file read with errors='surrogateescape') or half of a
    character split by a client; None when the text is fine."""
    try:
        text.encode("utf-8")
        return None
    except UnicodeEncodeError as error:
        code = ord(text[error.start])
        found = (f"the byte 0x{code - 0xDC00:02X}, which is not UTF-8 text" if 0xDC80 <= code <= 0xDCFF
                 else f"U+{code:04X}, half of a character (a lone surrogate)")
        return QuestionError(f"{what} holds {found}, at character {error.start + 1:,}. Remove it or type the text "
                             "again in UTF-8.")


def shown_briefly(value: object) -> str:
    """A value as an error message shows it: a huge number as its size, not its 309 digits."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**12:
        return f"a {len(str(abs(value))):,}-digit number"
    return f"{value!r:.40}"


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
    if error := invalid_text(question, "The question"):
        raise error
    if isinstance(top_k, bool) or not isinstance(top_k, int) or not 1 <= top_k <= MAX_TOP_K:
        raise QuestionError(f"top_k must be a whole number from 1 to {MAX_TOP_K}, not {shown_briefly(top_k)}.")
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


def language_name_or_code(code: str | None) -> str:
    """'sq' -> 'Albanian'; an unknown code stays as it is, and no code is "another language"."""
    return (language_name(code) or code) if code else "another language"
