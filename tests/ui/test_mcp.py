"""The chat app's MCP server (/mcp, streamable HTTP), used by a real MCP client session as an agent host would."""

from __future__ import annotations

import json
import re

from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

from tests.conftest import GOVERNOR_NAME, ROOT, run_coroutine

GOVERNOR = "Who is the governor of the Primorye region?"


def readme_mcp_config() -> dict:
    """The client configuration README.md gives for the MCP server."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## MCP"):]
    return json.loads(re.search(r"```json\n(.*?)```", section, re.DOTALL).group(1))


def in_session(url: str, work):
    """`work(session)` in an initialised MCP client session with the server at `url`."""
    async def run():
        async with streamable_http_client(url, http_client=create_mcp_http_client()) as (read, write, _):
            async with ClientSession(read, write) as session:
                await session.initialize()
                return await work(session)
    return run_coroutine(run())


def mcp_url(app_url: str) -> str:
    """The README's server address, on the port of the app under test."""
    server = readme_mcp_config()["mcpServers"]["qa-citations"]
    return server["url"].replace("http://127.0.0.1:7860/", app_url)


def test_the_tools_are_listed_with_what_they_take(app_url: str):
    # Before, /mcp answered 404.
    tools = in_session(mcp_url(app_url), lambda session: session.list_tools()).tools
    by_name = {tool.name: tool for tool in tools}
    assert set(by_name) == {"ask", "article"}
    assert by_name["ask"].inputSchema["required"] == ["question"]
    assert set(by_name["ask"].inputSchema["properties"]) == {"question", "top_k", "language"}
    assert by_name["article"].inputSchema["required"] == ["document"]
    assert "[n]" in by_name["ask"].description


def test_ask_answers_with_sources_whose_spans_article_returns(app_url: str):
    async def work(session: ClientSession):
        answer = (await session.call_tool("ask", {"question": GOVERNOR, "top_k": 3})).structuredContent
        texts = [(source, (await session.call_tool("article", {"document": source["document"]})).content[0].text)
                 for source in answer["sources"]]
        return answer, texts

    answer, texts = in_session(mcp_url(app_url), work)
    assert GOVERNOR_NAME.search(answer["text"]) and re.search(r"\[\d+\]", answer["text"]) and not answer["abstained"]
    assert 1 <= len(answer["sources"]) <= 3
    for source, text in texts:
        assert text[source["start"]:source["end"]] == source["text"]


def test_a_tool_error_says_what_to_do(app_url: str):
    async def work(session: ClientSession):
        return (await session.call_tool("ask", {"question": "x" * 4001}),
                await session.call_tool("article", {"document": "missing.txt"}))

    too_long, missing = in_session(mcp_url(app_url), work)
    assert too_long.isError and "limit is 4,000" in too_long.content[0].text
    assert missing.isError and "no article named 'missing.txt'" in missing.content[0].text
