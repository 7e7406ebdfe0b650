"""The MCP server at /mcp (the streamable HTTP transport): the app's `ask` and `article` as tools."""

from __future__ import annotations

from typing import Any

import anyio
import gradio as gr
from mcp.server.fastmcp import FastMCP
from mcp.server.fastmcp.exceptions import ToolError
from mcp.server.transport_security import TransportSecuritySettings
from starlette.routing import BaseRoute

import qa
from ui import api
from ui.serving import is_loopback

PATH = "/mcp"
INSTRUCTIONS = ("Answers questions about the indexed news articles (Albanian, Tagalog, English and any others added) "
                "with exact citations: call `ask` with a question; each [n] of its text is sources[n-1], whose "
                "start and end are offsets into the text that `article` returns for its document.")
CONCURRENT_CALLS = 4


async def ask(question: str, top_k: int = 5, language: str | None = None) -> dict[str, Any]:
    """Answer a question from the indexed articles, in any of their languages.

    Returns {"text", "sources": [{document, text, start, end, score, language, title, date}], "abstained",
    "question", ...}; [n] in text is sources[n-1], and article(document)[start:end] is that source's text.
    top_k: how many passages to retrieve (1 to 50); language: only cite articles in this language, a two-letter
    code such as "sq", "tl" or "en".
    """
    try:
        return await anyio.to_thread.run_sync(api.ask, question, top_k, language, limiter=_limiter())
    except gr.Error as error:  # the message that says what to change
        raise ToolError(error.message) from None


async def article(document: str) -> str:
    """The whole text of an indexed article, by the file name a source gives as its document; a source's start and
    end are offsets into it."""
    try:
        return await anyio.to_thread.run_sync(qa.article, document, limiter=_limiter())
    except KeyError as error:
        raise ToolError(error.args[0]) from None
    except (TypeError, qa.IndexUnusable) as error:
        raise ToolError(str(error)) from None


_calls: anyio.CapacityLimiter | None = None


def _limiter() -> anyio.CapacityLimiter:
    global _calls
    if _calls is None:
        _calls = anyio.CapacityLimiter(CONCURRENT_CALLS)
    return _calls


def mcp_server(host: str) -> FastMCP:
    """The tools' server for an app bound to `host`. On loopback it takes requests addressed to loopback names
    only, so that a web page cannot reach it by rebinding its own name to 127.0.0.1; beyond loopback a bearer key
    guards it (ui.serving.RequireApiKey)."""
    security = TransportSecuritySettings(
        enable_dns_rebinding_protection=is_loopback(host),
        allowed_hosts=["127.0.0.1:*", "localhost:*", "[::1]:*"],
        allowed_origins=["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"],
    )
    server = FastMCP("qa-citations", instructions=INSTRUCTIONS, streamable_http_path=PATH, stateless_http=True,
                     json_response=True, log_level="WARNING", transport_security=security)
    server.add_tool(ask, name="ask", title="Ask the articles")
    server.add_tool(article, name="article", title="Read an article")
    return server


def mcp_routes(server: FastMCP) -> list[BaseRoute]:
    """The route of the streamable HTTP transport, to add to the app; `server.session_manager.run()` must be
    running (the app's lifespan) while it serves."""
    return list(server.streamable_http_app().routes)
