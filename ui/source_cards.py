"""The sources panel: the passages the selected answer cites, then the others it was shown."""

from __future__ import annotations

from html import escape

from qa.types import title_opens_passage
from ui.citations import CITATION, shortened
from ui.languages import language_label

HEADING_QUESTION_CHARS = 160  # a long question would push every card below the panel's fold
EMPTY_PANEL = '<div class="panel-empty">Ask a question: the passages an answer cites appear here.</div>'


def sources_html(
    question: str, answer_text: str, sources: list[dict], turn: int, active: int | None = None
) -> str:
    """Cards for `sources` (dicts of `qa.Source` fields), cited ones first; card `active` is open."""
    cited = {int(n) for n in CITATION.findall(answer_text)}
    numbered = list(enumerate(sources, 1))
    heading = shortened(question, HEADING_QUESTION_CHARS)
    parts = [f'<div class="panel-heading">Sources for “{escape(heading)}”</div>']
    parts += [_card(s, turn, n, n == active) for n, s in numbered if n in cited]
    others = [_card(s, turn, n, n == active) for n, s in numbered if n not in cited]
    if others:
        parts.append('<div class="panel-subheading">Also retrieved, not cited</div>')
        parts += others
    if len(parts) == 1:
        parts.append('<div class="panel-empty">This answer cites no passages.</div>')
    return "".join(parts)


def _card(source: dict, turn: int, number: int, active: bool) -> str:
    lang = f' lang="{escape(source["language"])}"' if source.get("language") else ""
    date = f'<span class="source-date">{escape(source["date"])}</span>' if source.get("date") else ""
    # An untitled article's title is its first sentence, cut: on the card of the passage it opens, it would only
    # repeat the passage's first line, so that card has none. Every card names the article's file.
    title = "" if title_opens_passage(source["title"], source["text"]) else \
        f'<span class="source-title">{escape(source["title"])}</span>'
    return (
        f'<div class="source-card{" active" if active else ""}" role="button" tabindex="0" '
        f'data-turn="{turn}" data-source="{number}" data-score="{source["score"]:.4f}" id="source-{turn}-{number}" '
        f'title="Open the article with this passage highlighted">'
        f'<div class="source-head"><span class="source-number">[{number}]</span>{title}</div>'
        f'<div class="source-meta"><span class="source-language">'
        f'{escape(language_label(source.get("language")))}</span>{date}'
        f'<span class="source-document">{escape(source["document"])}</span></div>'
        f'<div class="source-text"{lang}>{escape(source["text"])}</div>'
        "</div>"
    )
