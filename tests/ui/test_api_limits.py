"""`/ask` refuses at once, in one line the caller can act on and without a traceback in the server's log, what a
hostile or unlucky client sends: text that is not valid text, a question over the limit, a top_k of 309 digits."""

from __future__ import annotations

import json
import time

import httpx
import pytest


def ask_raw(app_url: str, *data) -> tuple[str, str]:
    """(event, data) of Gradio's call API for /ask, with the request body as escaped JSON: a lone surrogate is sent
    as a client in another language would send it (gradio_client cannot encode one)."""
    body = json.dumps({"data": list(data)}, ensure_ascii=True)
    with httpx.Client(base_url=app_url, timeout=120) as client:
        event_id = client.post("gradio_api/call/ask", content=body,
                               headers={"Content-Type": "application/json"}).raise_for_status().json()["event_id"]
        lines = client.get(f"gradio_api/call/ask/{event_id}").raise_for_status().text.splitlines()
    event = next(line.removeprefix("event: ") for line in lines if line.startswith("event: "))
    payload = next((line.removeprefix("data: ") for line in lines if line.startswith("data: ")), "")
    return event, payload


@pytest.mark.parametrize("data, message", [
    (["Who is the governor of Primorye\udce9?", 5, None], "the byte 0xE9, which is not UTF-8 text"),
    (["\ud83d Who is the governor of Primorye?", 5, None], "half of a character"),
    (["Who is the governor of Primorye?", 1e308, None], "not a 309-digit number"),
    (["Who is the governor of Primorye?" * 3000, 5, None], "the limit is 4,000"),
])
def test_ask_refuses_what_it_cannot_read_at_once_and_says_why(app_url, app_server, data, message):
    log = app_server[1]
    before = log.read_text().count("Traceback")
    start = time.perf_counter()
    event, payload = ask_raw(app_url, *data)
    assert event == "error" and message in payload, (event, payload[:300])
    assert len(payload) < 400  # the value is not echoed whole
    assert time.perf_counter() - start < 30  # refused before any search
    assert log.read_text().count("Traceback") == before
