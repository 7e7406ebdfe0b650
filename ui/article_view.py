"""A whole article as HTML, with one cited span highlighted by its exact offsets, and in it the sentences the
answer quotes highlighted strongly."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from ui.languages import language_label

BACK_TO_ANSWER = "↑ Back to the answer"
CITED_TIP = "The cited passage"
QUOTED_TIP = "Quoted in the answer"
EMPTY_VIEW = '<div class="panel-empty">Click a citation or a source to read the article it comes from.</div>'


def article_html(
    text: str,
    *,
    title: str,
    language: str | None,
    date: str | None,
    document: str,
    span: tuple[int, int] | None = None,
    quotes: Iterable[tuple[int, int]] = (),
    note: str = "",
    back_to_answer: bool = False,
) -> str:
    """`text[start:end]` of `span` is wrapped in <mark class="cited-span">, and each of `quotes` (article offsets
    too) inside it in a nested <mark class="quoted-sentence">; all article text is escaped.

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
        body = escape(text[shown_from:start]) + _marked_passage(text, start, end, quotes) + escape(text[end:])
    lang = f' lang="{escape(language)}"' if language else ""
    return f'<div class="article-view">{header}<div class="article-text"{lang}>{body}</div></div>'


def _marked_passage(text: str, start: int, end: int, quotes: Iterable[tuple[int, int]]) -> str:
    """`text[start:end]` in a light <mark>, each quoted sentence inside it in a strong one."""
    pieces, at = [], start
    for quote_start, quote_end in _quotes_inside(quotes, start, end):
        pieces.append(escape(text[at:quote_start]))
        pieces.append(f'<mark class="quoted-sentence" title="{QUOTED_TIP}">{escape(text[quote_start:quote_end])}'
                      "</mark>")
        at = quote_end
    pieces.append(escape(text[at:end]))
    return f'<mark class="cited-span" title="{CITED_TIP}">{"".join(pieces)}</mark>'


def _quotes_inside(quotes: Iterable[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The non-empty quotes within [start, end], in reading order, overlapping ones merged; others are left out."""
    merged: list[tuple[int, int]] = []
    for quote_start, quote_end in sorted(q for q in quotes if start <= q[0] < q[1] <= end):
        if merged and quote_start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], quote_end))
        else:
            merged.append((quote_start, quote_end))
    return merged


def _after_date_line(text: str, date: str | None) -> int:
    """Where the text goes on after a leading "date DATE" line and the blanks after it; 0 without one."""
    line = re.match(rf"\s*date\s+{re.escape(date)}\b\s*", text, re.IGNORECASE) if date else None
    return line.end() if line else 0


def notice_html(message: str) -> str:
    return f'<div class="panel-empty">{escape(message)}</div>'
