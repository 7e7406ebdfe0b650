"""The Documents tab's list of indexed articles, one clickable row each."""

from __future__ import annotations

from collections.abc import Collection
from html import escape

from ui.languages import language_label


def article_list_html(records: list, fresh: Collection[str] = ()) -> str:
    """Rows for `qa.articles()` records (title; language, date, passages, file); `fresh` ones first."""
    if not records:
        return '<div class="panel-empty">No articles are indexed yet. Add some on the right.</div>'
    ordered = sorted(records, key=lambda record: record.document not in fresh)
    rows = "".join(_row(record, record.document in fresh) for record in ordered)
    count = f'{len(records)} article{"s" if len(records) != 1 else ""}'
    return f'<div class="doc-count">{count} — click one to read it</div><div class="doc-list">{rows}</div>'


def _row(record, fresh: bool) -> str:
    plural = "s" if record.passage_count != 1 else ""
    passages = f"{record.passage_count} passage{plural}"
    meta = [language_label(record.language), record.date or "undated", passages]
    return (
        f'<div class="doc-row{" fresh" if fresh else ""}" role="button" tabindex="0" '
        f'data-document="{escape(record.document)}">'
        + ('<span class="doc-badge">just added</span>' if fresh else "")
        + f'<div class="doc-title">{escape(record.title)}</div>'
        f'<div class="doc-meta">{" · ".join(escape(part) for part in meta)}'
        f' · <span class="doc-file">{escape(record.document)}</span></div>'
        "</div>"
    )
