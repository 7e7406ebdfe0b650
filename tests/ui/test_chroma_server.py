"""The chat page over an index whose vectors live on a Chroma server that goes away and comes back."""

from __future__ import annotations

import httpx
from playwright.sync_api import expect

from tests.conftest import ChromaServer, GOVERNOR_NAME, free_port
from tests.ui.conftest import DESKTOP, open_app, running_app, server_env
from tests.ui.steps import ask, screenshot

PRIMORYE = "Who is the governor of the Primorye region?"


def test_the_page_says_when_the_chroma_server_is_gone_and_answers_once_it_is_back(browser, tmp_path, dialogs,
                                                                                  outside_requests):
    server = ChromaServer(tmp_path / "server-data", free_port())
    server.start()
    env = {**server_env(tmp_path / "index"), "QA_CHROMA_URL": server.url}
    try:
        with running_app(tmp_path, env) as url:
            page = open_app(browser, url, dialogs, outside_requests, DESKTOP)
            expect(ask(page, PRIMORYE)).to_contain_text(GOVERNOR_NAME)
            healthy = httpx.get(f"{url}healthz", timeout=30)  # what a load balancer asks, without signing in
            assert healthy.status_code == 200 and healthy.json()["status"] == "ok", healthy.text
            assert healthy.json()["vectors"] == healthy.json()["passages"] > 0

            server.stop()
            unhealthy = httpx.get(f"{url}healthz", timeout=30)
            assert unhealthy.status_code == 503 and server.url in unhealthy.json()["error"], unhealthy.text
            notice = ask(page, PRIMORYE)
            expect(notice).to_have_class("msg-notice")
            expect(notice).to_contain_text("The index cannot be searched")
            expect(notice).to_contain_text(server.url)
            screenshot(page, "chroma-server-gone")

            server.start()
            assert httpx.get(f"{url}healthz", timeout=30).status_code == 200
            expect(ask(page, "Kur u largua Kim Jong Un nga Rusia?")).to_contain_text("dielën")
            page.context.close()
    finally:
        server.stop()
    assert dialogs == [] and outside_requests == []
