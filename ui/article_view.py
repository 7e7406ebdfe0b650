"""A whole article as HTML, with one cited span highlighted by its exact offsets."""

from __future__ import annotations

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
    if span is None:
        body = escape(text)
    else:
        start, end = span
        body = (
            escape(text[:start])
            + f'<mark class="cited-span">{escape(text[start:end])}</mark>'
            + escape(text[end:])
        )
    lang = f' lang="{escape(language)}"' if language else ""
    return f'<div class="article-view">{header}<div class="article-text"{lang}>{body}</div></div>'


def notice_html(message: str) -> str:
    return f'<div class="panel-empty">{escape(message)}</div>'
