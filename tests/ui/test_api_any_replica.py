"""The /ask API behind a load balancer without affinity: two replicas of the app (`python -m ui`), each with its own
index folder as on two machines, sharing the catalog on a real PostgreSQL server and the vectors on a real Chroma
server. `POST /v1/ask` is one request, so either replica answers it; Gradio's /ask is two requests, and the second
finds the call only on the replica that took the first."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from itertools import cycle, islice
from pathlib import Path

import httpx
import pytest
from gradio_client import Client

from tests.conftest import BUNDLED, ChromaServer, free_port, run_qa
from tests.postgres_server import PostgresServer, postgres_bin
from tests.ui.conftest import running_app, server_env

pytestmark = pytest.mark.skipif(postgres_bin() is None,
                                reason="PostgreSQL is not installed (apt-get install postgresql)")

GOVERNOR = "Who is the governor of the Primorye region?"
ENGLISH = "004_0c55c83cf9a148cd.txt"
API_KEY = "replicas-key"  # both replicas have it, as compose.yaml gives them one
KEYED = {"Authorization": f"Bearer {API_KEY}"}
ROUND_ROBIN_REQUESTS = 6
ANSWER_SECONDS = 120


@contextmanager
def two_replicas(folder: Path) -> Iterator[tuple[str, str, ChromaServer]]:
    """Two apps on loopback sharing one catalog in PostgreSQL and one Chroma server, which hold the English article
    (ingested first, so that neither app fills the catalog with the five bundled articles at start), and one API
    key; yields the apps' URLs and the Chroma server."""
    postgres, chroma = PostgresServer(free_port()), ChromaServer(folder / "chroma", free_port())
    with ExitStack() as stack:
        stack.callback(postgres.remove)
        postgres.start()
        stack.callback(chroma.stop)
        chroma.start()
        shared = {"QA_CATALOG_URL": postgres.create_database("replicas"), "QA_CHROMA_URL": chroma.url}
        with pytest.MonkeyPatch.context() as environment:
            for name, value in shared.items():
                environment.setenv(name, value)
            ingested = run_qa("ingest", str(BUNDLED / ENGLISH), index_dir=folder / "a" / "index")
        assert ingested.returncode == 0 and "1 added" in ingested.stdout, ingested.stderr
        urls = []
        for name in ("a", "b"):
            (folder / name).mkdir(exist_ok=True)
            urls.append(stack.enter_context(running_app(folder / name, {**server_env(folder / name / "index"),
                                                                        **shared, "QA_API_KEY": API_KEY})))
        yield urls[0], urls[1], chroma


@pytest.fixture(scope="module")
def replicas(tmp_path_factory) -> Iterator[tuple[str, str, ChromaServer]]:
    with two_replicas(tmp_path_factory.mktemp("replicas")) as servers:
        yield servers


def ask(url: str, **body) -> httpx.Response:
    return httpx.post(f"{url}v1/ask", json=body, headers=KEYED, timeout=ANSWER_SECONDS)


def test_either_replica_answers_every_request_alike(replicas):
    first, second, _ = replicas
    replies = [ask(url, question=GOVERNOR) for url in islice(cycle([first, second]), ROUND_ROBIN_REQUESTS)]
    assert [reply.status_code for reply in replies] == [200] * ROUND_ROBIN_REQUESTS, [r.text for r in replies]
    answers = [reply.json() for reply in replies]
    assert all(answer == answers[0] for answer in answers)
    assert not answers[0]["abstained"] and answers[0]["sources"][0]["document"] == ENGLISH
    assert "governor" in answers[0]["sources"][0]["text"]
    # The same dict as Gradio's /ask, which gradio_client calls.
    assert Client(second, verbose=False).predict(GOVERNOR, api_name="/ask") == answers[0]

    narrowed = ask(second, question=GOVERNOR, top_k=2, language="en").json()
    assert 1 <= len(narrowed["sources"]) <= 2 and {source["language"] for source in narrowed["sources"]} == {"en"}


def test_a_bad_request_is_a_400_that_says_what_to_change(replicas):
    first, second, _ = replicas
    too_long = ask(first, question="x" * 4001)
    assert too_long.status_code == 400 and "limit is 4,000" in too_long.json()["error"]["message"]
    with pytest.raises(Exception) as gradio_error:
        Client(first, verbose=False).predict("x" * 4001, api_name="/ask")
    assert too_long.json()["error"]["message"] in str(gradio_error.value)  # the message Gradio's /ask gives

    fractional = ask(second, question=GOVERNOR, top_k=2.5)
    assert fractional.status_code == 400 and fractional.json()["error"]["param"] == "top_k"
    assert fractional.json()["error"]["message"].startswith("top_k must be a whole number")
    misspelt = ask(first, question=GOVERNOR, topk=3)
    assert misspelt.status_code == 400 and "(topk)" in misspelt.json()["error"]["message"]
    unasked = ask(second, top_k=3)
    assert unasked.status_code == 400 and unasked.json()["error"]["param"] == "question"
    not_json = httpx.post(f"{first}v1/ask", content=b"question=governor", headers=KEYED, timeout=30)
    assert not_json.status_code == 400 and '{"question": "...",' in not_json.json()["error"]["message"]
    fetched = httpx.get(f"{second}v1/ask", headers=KEYED, timeout=30)
    assert fetched.status_code == 405 and "POST" in fetched.json()["error"]["message"]
    keyless = httpx.post(f"{second}v1/ask", json={"question": GOVERNOR}, timeout=30)
    assert keyless.status_code == 401 and "Authorization: Bearer KEY" in keyless.json()["error"]["message"]


def events(url: str) -> list[tuple[str, str]]:
    """The (event, data) pairs of a server-sent event stream, read until the server closes it."""
    lines = []
    try:
        with httpx.stream("GET", url, timeout=ANSWER_SECONDS) as response:
            lines.extend(response.iter_lines())
    except httpx.RemoteProtocolError:  # Gradio drops the connection after an error event
        pass
    pairs, event = [], "message"
    for line in lines:
        if line.startswith("event:"):
            event = line.removeprefix("event:").strip()
        elif line.startswith("data:"):
            pairs.append((event, line.removeprefix("data:").strip()))
    return pairs


def test_a_gradio_call_started_on_one_replica_is_unknown_to_the_other(replicas):
    first, second, _ = replicas
    started = httpx.post(f"{first}gradio_api/call/ask", json={"data": [GOVERNOR, 5, None]}, timeout=30)
    assert started.status_code == 200, started.text
    event_id = started.json()["event_id"]
    assert events(f"{second}gradio_api/call/ask/{event_id}") == [("error", '"404: Not Found"')]
    (event, started_data), = events(f"{first}gradio_api/call/ask/{event_id}")[-1:]
    assert event == "complete" and json.loads(started_data) == [ask(second, question=GOVERNOR).json()]

    # gradio_client's own way, a queue join and its event stream, fails the same way across replicas.
    dependencies = httpx.get(f"{first}config", timeout=30).json()["dependencies"]
    ask_index = next(dependency["id"] for dependency in dependencies if dependency.get("api_name") == "ask")
    joined = httpx.post(f"{first}gradio_api/queue/join", json={
        "data": [GOVERNOR, 5, None], "fn_index": ask_index, "session_hash": "replica-test", "trigger_id": None,
        "event_data": None}, timeout=30)
    assert joined.status_code == 200, joined.text
    (_, data), = events(f"{second}gradio_api/queue/data?session_hash=replica-test")
    assert json.loads(data)["session_not_found"] is True
    messages = [json.loads(data) for _, data in events(f"{first}gradio_api/queue/data?session_hash=replica-test")]
    completed = next(message for message in messages if message["msg"] == "process_completed")
    assert completed["success"] and completed["output"]["data"][0]["text"] == json.loads(started_data)[0]["text"]


def test_a_replica_whose_vectors_are_gone_answers_503_naming_the_server(replicas):
    first, second, chroma = replicas
    chroma.stop()
    try:
        for url in (first, second):
            refused = ask(url, question=GOVERNOR)
            assert refused.status_code == 503, refused.text
            message = refused.json()["error"]["message"]
            assert message.startswith("The index cannot be searched:") and chroma.url in message
    finally:
        chroma.start()
    assert ask(second, question=GOVERNOR).status_code == 200
