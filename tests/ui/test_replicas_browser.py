"""Two replicas of the app sharing the catalog (PostgreSQL) and the vectors (Chroma), in a real browser: an article
uploaded through one replica's Documents tab is listed and answered from by the other."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.postgres_server import postgres_bin
from tests.ui.conftest import DESKTOP, open_app
from tests.ui.steps import ask, open_tab, screenshot, upload_and_ingest
from tests.ui.test_api_any_replica import two_replicas

pytestmark = pytest.mark.skipif(postgres_bin() is None,
                                reason="PostgreSQL is not installed (apt-get install postgresql)")

FERRY = """Lake Ohrid's Ferry Runs on Batteries

Published 2024-05-14

The ferry that crosses Lake Ohrid between Pogradec and Struga no longer burns diesel.
Its electric engine was built by the naval engineer Teuta Berisha at the shipyard of Durrës.
The crossing takes forty minutes and a ticket costs two euros.
"""
ROWS = "#documents-list .doc-row"


def test_an_article_uploaded_through_one_replica_is_listed_and_answered_by_the_other(browser, tmp_path: Path,
                                                                                    dialogs, outside_requests):
    article = tmp_path / "ohrid_ferry.txt"
    article.write_text(FERRY, encoding="utf-8")
    with two_replicas(tmp_path) as (first, second, _):
        uploading = open_app(browser, first, dialogs, outside_requests, DESKTOP)
        open_tab(uploading, "Documents")
        report = upload_and_ingest(uploading, article)
        assert report.startswith("1 added") and "added ohrid_ferry.txt" in report, report

        reading = open_app(browser, second, dialogs, outside_requests, DESKTOP)
        expect(reading.locator("#header")).to_contain_text("2 articles")
        open_tab(reading, "Documents")
        listed = reading.locator(ROWS).filter(has_text="ohrid_ferry.txt")
        expect(listed).to_contain_text("Lake Ohrid's Ferry Runs on Batteries")
        expect(reading.locator(ROWS)).to_have_count(2)
        screenshot(reading, "replicas-listed-on-the-other")

        open_tab(reading, "Ask")
        reply = ask(reading, "Who built the electric engine of the Lake Ohrid ferry?")
        expect(reply).to_have_class("msg-answer")
        expect(reply).to_contain_text("Teuta Berisha")
        reply.locator("a.cite").first.click()
        expect(reading.locator("#article .article-meta")).to_contain_text("ohrid_ferry.txt")
        expect(reading.locator("#article mark.cited-span")).to_contain_text("Teuta Berisha")
        expect(reading.locator("#sources .pending, #article .pending")).to_have_count(0)  # not faded while loading
        screenshot(reading, "replicas-answered-by-the-other")
        uploading.context.close()
        reading.context.close()
    assert dialogs == [] and outside_requests == []
