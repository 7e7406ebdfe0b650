"""The sources panel: the passages the selected answer cites, then the others it was shown."""

from __future__ import annotations

import re
from html import escape

import qa
from qa import title_opens_passage
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
    titled = {s["document"]: has_headline(s["document"], s["title"]) for s in sources}
    parts = [f'<div class="panel-heading">Sources for “{escape(heading)}”</div>']
    parts += [_card(s, turn, n, n == active, titled[s["document"]]) for n, s in numbered if n in cited]
    others = [_card(s, turn, n, n == active, titled[s["document"]]) for n, s in numbered if n not in cited]
    if others:
        parts.append('<div class="panel-subheading">Also retrieved, not cited</div>')
        parts += others
    if len(parts) == 1:
        parts.append('<div class="panel-empty">This answer cites no passages.</div>')
    return "".join(parts)


LEADING_DATE_LINE = re.compile(r"\s*date\s+\S+\s*", re.IGNORECASE)


def has_headline(document: str, title: str) -> bool:
    """Whether the article has a headline of its own, rather than a title made of its first sentence, cut.

    Decided per article, so that all its cards show the title or none does: an untitled article's title would
    only repeat the opening of the passage that starts it, and on its other cards stand for a headline it lacks.
    """
    try:
        text = qa.article(document)
    except (KeyError, qa.IndexUnusable):  # removed or unreadable since the answer: keep the title it had
        return True
    date_line = LEADING_DATE_LINE.match(text)
    opening = text[date_line.end() if date_line else 0 :]
    first_line = opening.split("\n", 1)[0].strip()
    return not title_opens_passage(title, opening) or first_line == title.strip()


def _card(source: dict, turn: int, number: int, active: bool, titled: bool) -> str:
    lang = f' lang="{escape(source["language"])}"' if source.get("language") else ""
    date = f'<span class="source-date">{escape(source["date"])}</span>' if source.get("date") else ""
    # Every card names the article's file; the title only where the article has a headline.
    title = f'<span class="source-title">{escape(source["title"])}</span>' if titled else ""
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
