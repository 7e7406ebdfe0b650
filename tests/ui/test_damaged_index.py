"""The chat page over an index whose files cannot be read: it says so, and how to mend it."""

from __future__ import annotations

from playwright.sync_api import expect

import qa
from tests.conftest import BUNDLED
from tests.ui.conftest import DESKTOP, open_app, running_app, server_env
from tests.ui.steps import ask, open_tab, screenshot


def test_the_page_says_what_to_do_about_a_damaged_index(browser, tmp_path, dialogs, outside_requests):
    index_dir = tmp_path / "index"
    qa.ingest(BUNDLED / "004_0c55c83cf9a148cd.txt", index_dir=index_dir, show_progress=False)
    qa.close_indexes()
    (index_dir / "chroma" / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)

    with running_app(tmp_path, server_env(index_dir)) as url:
        page = open_app(browser, url, dialogs, outside_requests, DESKTOP)
        notice = ask(page, "What warning did Seoul issue?")
        expect(notice).to_have_class("msg-notice")
        expect(notice).to_contain_text("The index cannot be searched")
        expect(notice).to_contain_text("qa ingest --rebuild")

        open_tab(page, "Documents")  # the list says it in its place, not as error badges
        listing = page.locator("#documents-list")
        expect(listing).to_contain_text("The index cannot be read")
        expect(listing).to_contain_text("qa ingest --rebuild")
        expect(page.locator("#documents-list .doc-row")).to_have_count(0)
        expect(page.locator("#document-picker")).to_be_hidden()  # nothing to pick
        screenshot(page, "damaged-index-documents")
        page.context.close()
    assert dialogs == [] and outside_requests == []


def test_a_citation_whose_article_cannot_be_read_says_what_to_do(tmp_path, monkeypatch):
    import gradio as gr

    from ui import chat

    index_dir = tmp_path / "index"
    qa.ingest(BUNDLED / "004_0c55c83cf9a148cd.txt", index_dir=index_dir, show_progress=False)
    monkeypatch.setenv("QA_INDEX_DIR", str(index_dir))
    answer = qa.query("Who is the governor of the Primorye region?")
    turns = [{"question": answer.question, "answer": answer.to_dict(), "notice": None}]
    qa.close_indexes()
    for leftover in index_dir.glob("catalog.sqlite3-*"):
        leftover.unlink()
    (index_dir / "catalog.sqlite3").write_bytes(b"this is not a database" * 100)

    panel, view = chat.open_citation(turns, gr.EventData(None, {"turn": 0, "source": 1}))
    assert "cannot be read" in view and "qa ingest --rebuild" in view  # not "no longer in the index"
    assert 'data-source="1"' in panel
    qa.close_indexes()
