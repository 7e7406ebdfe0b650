"""The Documents tab: list the indexed articles, add uploaded files, remove or read an article."""

from __future__ import annotations

import logging
import shutil
import tempfile
from html import escape
from collections.abc import Collection
from pathlib import Path

import gradio as gr
from gradio.utils import get_upload_folder
from gradio_client.utils import is_http_url_like

import qa
from ui.article_view import article_html, notice_html
from ui.article_list import article_list_html

log = logging.getLogger(__name__)


class UploadBox(gr.File):
    """Gradio's file box, drawn as one, that takes uploaded files only: sent a web address instead, `gr.File` would
    download it from the server."""

    is_template = True  # drawn by the page as the `gr.File` it is

    async def async_move_resource_to_block_cache(self, url_or_file_path: str | Path | None) -> str | None:
        if is_http_url_like(str(url_or_file_path or "")):
            raise gr.Error("Only uploaded files can be added; this server does not fetch web addresses.")
        return await super().async_move_resource_to_block_cache(url_or_file_path)

    def move_resource_to_block_cache(self, url_or_file_path: str | Path | None) -> str | None:
        if is_http_url_like(str(url_or_file_path or "")):
            raise gr.Error("Only uploaded files can be added; this server does not fetch web addresses.")
        return super().move_resource_to_block_cache(url_or_file_path)


def refresh_documents(fresh: Collection[str] = ()):
    """(article list, picker) as they are in the index now; `fresh` documents lead the list."""
    try:
        records = qa.articles()
    except qa.IndexUnusable as error:  # the message says what to do: show it where the list would be
        log.error("listing the articles failed: %s", error)
        return notice_html(f"The index cannot be read: {error}"), gr.update(choices=[], value=None)
    choices = [(f"{record.title} ({record.document})", record.document) for record in records]
    return article_list_html(records, fresh), gr.update(choices=choices, value=None)


def ingest_uploads(files: list[str] | None, progress=gr.Progress()):
    """Ingest uploaded files; returns (summary, article list, picker, cleared upload box, emptied reader).

    The uploaded files are deleted from Gradio's upload folder afterwards, whether or not they were ingested: the
    index keeps the text it needs, and a file left there could still be downloaded by its path.
    """
    if not files:
        return "Choose one or more .txt, .md or .html files first.", gr.skip(), gr.skip(), gr.skip(), gr.skip()
    progress(0, desc="Preparing upload")

    def report_progress(done: float, total: int, name: str) -> None:
        file = min(int(done) + 1, total)
        progress(done / max(total, 1), desc=f"Ingesting file {file} of {total}: {name}")

    # Ingest copies named like the uploads from a folder that is gone afterwards: the index keys
    # articles by file name, so uploading the same name later updates that article.
    try:
        with tempfile.TemporaryDirectory(prefix="qa-upload-") as folder:
            paths, duplicates = _copy_uploads(files, Path(folder))
            try:
                report = qa.ingest(*paths, show_progress=False, on_progress=report_progress)
            except Exception as error:
                log.exception("ingesting uploads failed")
                return f"The upload stopped: {error}", gr.skip(), gr.skip(), None, gr.skip()
            summary = report.summary().replace(f"{folder}/", "")
    finally:
        delete_uploads(files)
    summary += "".join(f"\n  skipped {name}: another upload has the same name" for name in duplicates)
    summary += "".join(f"\n  added {name}" for name in report.added)
    summary += "".join(f"\n  updated {name}" for name in report.updated)
    listing, picker = refresh_documents(fresh={*report.added, *report.updated})
    # The picker is reset, so the reader no longer shows the article that was picked before.
    return summary, listing, picker, None, ""


def delete_uploads(files: list[str]) -> None:
    """Delete uploaded files, and the folders Gradio made for them, from Gradio's upload folder (nothing else)."""
    upload_folder = Path(get_upload_folder()).resolve()
    for upload in files:
        path = Path(upload).resolve()
        if not path.is_relative_to(upload_folder) or path == upload_folder:
            continue
        path.unlink(missing_ok=True)
        if path.parent != upload_folder:
            try:
                path.parent.rmdir()  # only if empty: another upload of the same content may share it
            except OSError:
                pass


REMOVE_LABEL = "Remove"
CONFIRM_LABEL = "Confirm removal"


def remove_article(document: str | None, pending: str | None):
    """Remove one article on a second click; returns (status, article list, picker, reader, pending, button).

    The first click names what would go and waits for the same article to be confirmed: a removed
    article's passages are gone, and only ingesting its file again brings them back.
    """
    if not document:
        return notice_html("Pick an article to remove first."), gr.skip(), gr.skip(), gr.skip(), None, gr.skip()
    if document != pending:
        record = next((r for r in qa.articles() if r.document == document), None)
        name = f"“{record.title}” ({document})" if record else document
        question = (f"Remove {name} from the index? Its passages go, and answers that cite it can no longer "
                    f"open it. Click “{CONFIRM_LABEL}” to go on, or pick another article.")
        status = f'<div class="removal-confirm">{escape(question)}</div>'
        confirm = gr.update(value=CONFIRM_LABEL, elem_classes=["confirming"])
        return status, gr.skip(), gr.skip(), gr.skip(), document, confirm
    removed = qa.remove(document)
    status = f"Removed {document} from the index." if removed else f"{document} was not in the index."
    listing, picker = refresh_documents()
    return notice_html(status), listing, picker, "", None, gr.update(value=REMOVE_LABEL, elem_classes=[])


def withdrawn_removal():
    """(pending, button, status) once another article is picked: a removal waiting for confirmation is off."""
    return None, gr.update(value=REMOVE_LABEL, elem_classes=[]), ""


def read_clicked_article(event: gr.EventData):
    """A row of the list was clicked: pick that article and show it; returns (picker, reader, pending, button,
    status)."""
    document = str((getattr(event, "_data", None) or {}).get("document", ""))
    return gr.update(value=document or None), *read_article(document)


def read_article(document: str | None):
    """The whole article, for reading in the Documents tab; returns (reader, pending, button, status), since
    picking an article withdraws a removal waiting for confirmation (in the same step, so that a quick click
    on Remove cannot come between)."""
    return _article_view(document), *withdrawn_removal()


def _article_view(document: str | None) -> str:
    if not document:
        return notice_html("Pick an article to read it here.")
    record = next((r for r in qa.articles() if r.document == document), None)
    if record is None:
        return notice_html(f"{document} is not in the index.")
    return article_html(
        qa.article(document),
        title=record.title,
        language=record.language,
        date=record.date,
        document=record.document,
    )


def _copy_uploads(files: list[str], folder: Path) -> tuple[list[Path], list[str]]:
    paths, duplicates = [], []
    for upload in files:
        target = folder / Path(upload).name
        if target.exists():
            duplicates.append(target.name)
            continue
        shutil.copyfile(upload, target)
        paths.append(target)
    return paths, duplicates
