"""The interfaces for programs, which `qa chat` serves beside the page and `qa serve` alone: the OpenAI-compatible
chat API at /v1 and the MCP server at /mcp, both behind the API key rules of ui.serving."""

from __future__ import annotations

import contextlib
import logging
import sys

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

import qa
from ui.mcp_tools import mcp_routes, mcp_server
from ui.openai_api import openai_app
from ui.serving import RequireApiKey, check_api_bind, check_port, is_loopback, page_addresses


def app_kwargs(host: str, api_key: str | None) -> dict:
    """The routes, middleware and lifespan that add the interfaces to an app (Gradio's `app_kwargs` take them)."""
    # One line per record on stderr; the MCP library would otherwise set up its own handler on the root logger.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    server = mcp_server(host)
    routes = [Route("/healthz", healthz), Mount("/v1", app=openai_app()), *mcp_routes(server)]

    @contextlib.asynccontextmanager
    async def lifespan(app):
        async with server.session_manager.run():
            yield

    return {"routes": routes, "middleware": [Middleware(RequireApiKey, api_key=api_key, host=host)],
            "lifespan": lifespan}


async def healthz(request: Request) -> JSONResponse:
    """200 with the index's counts while its catalog and vectors answer, 503 with what is wrong: for a load
    balancer's or an orchestrator's health check, without signing in (it shows no article)."""
    from starlette.concurrency import run_in_threadpool

    try:
        counts = await run_in_threadpool(qa.health)
    except qa.IndexUnusable as error:
        return JSONResponse({"status": "unavailable", "error": str(error)}, status_code=503)
    return JSONResponse({"status": "ok", **counts})


def describe(host: str, port: int, api_key: str | None) -> str:
    """Where the interfaces are and what they need, as the start-up lines say."""
    base = page_addresses(host, port)[0].split()[0].rstrip("/")
    needs = " (with the key of QA_API_KEY)" if api_key else "" if is_loopback(host) else " (closed: set QA_API_KEY)"
    return f"The OpenAI-compatible API is at {base}/v1 and MCP at {base}/mcp{needs}"


def serve(host: str = "127.0.0.1", port: int = 7860, api_key: str | None = None) -> None:
    """Serve the interfaces without the page; a non-loopback `host` needs `api_key`."""
    import uvicorn

    from ui.app import open_index_early

    check_api_bind(host, api_key)
    check_port(host, port)
    open_index_early()
    app = Starlette(**app_kwargs(host, api_key))
    print(f"{describe(host, port, api_key)} (Ctrl+C stops it)", flush=True)
    uvicorn.run(app, host=host.strip("[]"), port=port, log_level="warning")
