"""How a language code is shown to a person, and the choices of the language filter: the languages the indexed
articles are in."""

from __future__ import annotations

import logging

import gradio as gr

import qa
from qa import language_label as named

log = logging.getLogger(__name__)

ANY_LANGUAGE = ("Any language", "any")


def language_label(code: str | None) -> str:
    """'sq' -> 'Albanian (sq)'; an unknown code is shown as it is, a missing one as 'Unknown language'."""
    return named(code) if code else "Unknown language"


def filter_choices() -> list[tuple[str, str]]:
    """(label, value) pairs for the filter: any language, then each language an indexed article is in."""
    try:
        codes = {record.language for record in qa.articles() if record.language}
    except qa.IndexUnusable as error:  # the page says what to do when a question is asked
        log.error("listing the articles' languages failed: %s", error)
        codes = set()
    return [ANY_LANGUAGE, *sorted(((language_label(code), code) for code in codes), key=lambda choice: choice[0])]


def language_filter(current: str | None):
    """The filter with the languages the articles are in now (after an upload or a removal, at each visit); a
    choice whose articles are gone goes back to any language."""
    choices = filter_choices()
    return gr.update(choices=choices, value=current if current in {value for _, value in choices} else "any")


def filter_value(choice: str | None) -> str | None:
    """The filter's value as `qa.query(language=...)` takes it."""
    return None if choice in (None, "", "any") else choice
