"""The Documents tab over an index whose articles were all removed: it says so, and offers nothing to pick."""

from __future__ import annotations

from playwright.sync_api import expect

import qa
from tests.conftest import BUNDLED
from tests.ui.conftest import DESKTOP, open_app, running_app, server_env
from tests.ui.steps import open_tab, screenshot, upload_and_ingest
from tests.ui.test_documents import LIGHTHOUSE


def test_an_empty_index_offers_no_article_to_pick_until_one_is_added(browser, tmp_path, dialogs, outside_requests):
    index_dir = tmp_path / "index"
    qa.ingest(BUNDLED / "004_0c55c83cf9a148cd.txt", index_dir=index_dir, show_progress=False)
    assert qa.remove("004_0c55c83cf9a148cd.txt", index_dir=index_dir)
    qa.close_indexes()
    article = tmp_path / "vrelle_lighthouse.txt"
    article.write_text(LIGHTHOUSE, encoding="utf-8")

    with running_app(tmp_path, server_env(index_dir)) as url:
        page = open_app(browser, url, dialogs, outside_requests, DESKTOP)
        open_tab(page, "Documents")
        expect(page.locator("#documents-list")).to_contain_text("No articles are indexed yet")
        expect(page.locator("#document-picker")).to_be_hidden()
        expect(page.locator("#remove-article")).to_be_hidden()
        screenshot(page, "documents-empty")

        report = upload_and_ingest(page, article)
        assert report.startswith("1 added"), report
        expect(page.locator("#documents-list .doc-row")).to_have_count(1)
        expect(page.locator("#document-picker")).to_be_visible()
        expect(page.locator("#remove-article")).to_be_visible()
        page.context.close()
    assert dialogs == [] and outside_requests == []
