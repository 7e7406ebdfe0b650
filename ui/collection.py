"""The page header's line about the collection: how many articles, in which languages, and what about."""

from __future__ import annotations

import logging
from collections import Counter
from html import escape

import qa
from ui.languages import language_label

log = logging.getLogger(__name__)

SHOWN_TITLES = 3
SHOWN_TITLE_CHARS = 70
EMPTY_COLLECTION = "No articles are indexed yet: add some in the Documents tab."


def collection_html() -> str:
    """'5 articles — 3 in Albanian, 1 in Tagalog, 1 in English — among them “…”, “…”'."""
    try:
        records = qa.articles()
    except qa.IndexUnusable as error:  # the page says what to do when a question is asked
        log.error("listing the articles failed: %s", error)
        return '<p class="collection">The index cannot be read now; the Documents tab says why.</p>'
    if not records:
        return f'<p class="collection">{escape(EMPTY_COLLECTION)}</p>'
    count = f"{len(records)} article{'s' if len(records) != 1 else ''}"
    languages = Counter(_language_name(record.language) for record in records)
    spread = ", ".join(f"{n} in {name}" for name, n in languages.most_common())
    # One-word titles ("World", a section name left above the headline) say nothing of what an article is about.
    telling = [record for record in records if len(record.title.split()) >= 3] or records
    # One title per language first: the range of the collection shows, and a reader finds one in a language they
    # read.
    firsts = [record for n, record in enumerate(telling) if record.language not in {r.language for r in telling[:n]}]
    telling = [record.title for record in firsts + [r for r in telling if r not in firsts]]
    titles = ", ".join(f"“{escape(_cut(title))}”" for title in telling[:SHOWN_TITLES])
    more = " and more" if len(telling) > SHOWN_TITLES else ""
    return (
        f'<p class="collection"><strong>{count}</strong> — {escape(spread)} — among them {titles}{more}. '
        "The Documents tab lists them all.</p>"
    )


def _language_name(code: str | None) -> str:
    return language_label(code).removesuffix(f" ({code})")


def _cut(title: str) -> str:
    if len(title) <= SHOWN_TITLE_CHARS:
        return title
    return title[: SHOWN_TITLE_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
