"""A whole article as HTML, with one cited span highlighted by its exact offsets."""

from __future__ import annotations

import re
from html import escape

from ui.languages import language_label

BACK_TO_ANSWER = "↑ Back to the answer"
EMPTY_VIEW = '<div class="panel-empty">Click a citation or a source to read the article it comes from.</div>'


def article_html(
    text: str,
    *,
    title: str,
    language: str | None,
    date: str | None,
    document: str,
    span: tuple[int, int] | None = None,
    note: str = "",
    back_to_answer: bool = False,
) -> str:
    """`text[start:end]` of `span` is wrapped in <mark>; all article text is escaped.

    `back_to_answer` adds a button back to where the reader was, shown only at phone width, where opening a
    citation scrolls the page down past the chat (ui/assets/article_view.js).
    """
    meta = [language_label(language)] + ([date] if date else []) + [document]
    header = (
        f'<div class="article-head"><div class="article-title">{escape(title)}</div>'
        f'<div class="article-meta">{" · ".join(escape(part) for part in meta)}</div>'
        + (f'<div class="article-note">{escape(note)}</div>' if note else "")
        + (f'<button type="button" class="back-to-answer">{BACK_TO_ANSWER}</button>' if back_to_answer else "")
        + "</div>"
    )
    # The header shows the date; the "date 2023-09-17" line it was read from is not shown again (offsets count it).
    after_marker = _after_date_line(text, date)
    shown_from = after_marker if span is None or span[0] >= after_marker else 0
    if span is None:
        body = escape(text[shown_from:])
    else:
        start, end = span
        body = (
            escape(text[shown_from:start])
            + f'<mark class="cited-span">{escape(text[start:end])}</mark>'
            + escape(text[end:])
        )
    lang = f' lang="{escape(language)}"' if language else ""
    return f'<div class="article-view">{header}<div class="article-text"{lang}>{body}</div></div>'


def _after_date_line(text: str, date: str | None) -> int:
    """Where the text goes on after a leading "date DATE" line and the blanks after it; 0 without one."""
    line = re.match(rf"\s*date\s+{re.escape(date)}\b\s*", text, re.IGNORECASE) if date else None
    return line.end() if line else 0


def notice_html(message: str) -> str:
    return f'<div class="panel-empty">{escape(message)}</div>'
