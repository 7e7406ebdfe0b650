"""The named `/ask` endpoint, called with gradio_client against the running app."""

from __future__ import annotations

import re
import httpx
import pytest
from gradio_client import Client
from tests.conftest import GOVERNOR_NAME


@pytest.fixture(scope="module")
def client(app_url: str) -> Client:
    return Client(app_url, verbose=False)


def test_ask_returns_the_answer_and_its_sources_as_json(client: Client):
    result = client.predict("Who is the governor of the Primorye region?", api_name="/ask")
    assert GOVERNOR_NAME.search(result["text"]) and re.search(r"\[\d+\]", result["text"])
    assert result["abstained"] is False
    source = result["sources"][0]
    assert set(source) >= {"document", "text", "start", "end", "score", "language", "title", "date"}
    assert source["end"] - source["start"] == len(source["text"])


def test_ask_takes_top_k_and_language(client: Client):
    result = client.predict("Kur u largua Kim Jong Un nga Rusia?", 2, "tl", api_name="/ask")
    assert 1 <= len(result["sources"]) <= 2
    assert {source["language"] for source in result["sources"]} == {"tl"}
    with pytest.raises(Exception, match="top_k must be a whole number"):  # not cut to 2 without a word
        client.predict("Kur u largua Kim Jong Un nga Rusia?", 2.5, "tl", api_name="/ask")


def test_several_users_are_answered_at_once(client: Client):
    questions = ["Who is the governor of the Primorye region?", "Kur u largua Kim Jong Un nga Rusia?",
                 "Ano ang tinanggap ni Putin mula kay Kim?"]
    jobs = [client.submit(question, api_name="/ask") for question in questions]
    results = [job.result(timeout=120) for job in jobs]
    assert all(result["sources"] and not result["abstained"] for result in results)


def test_ask_reports_a_bad_question_by_its_message(client: Client, app_server):
    log = app_server[1]
    before = log.read_text().count("Traceback")
    with pytest.raises(Exception, match="limit is 4,000"):
        client.predict("x" * 4001, api_name="/ask")
    assert log.read_text().count("Traceback") == before  # the asker's mistake fills no server log


def test_only_ask_is_public_and_analytics_are_off(app_url: str, client: Client):
    assert list(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == ["/ask"]
    config = httpx.get(f"{app_url}config", timeout=10).json()
    assert config["analytics_enabled"] is False
