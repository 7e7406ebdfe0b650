"""The interfaces for programs, which `qa chat` serves beside the page and `qa serve` alone: the OpenAI-compatible
chat API at /v1, the one-request `POST /v1/ask` beside it, and the MCP server at /mcp, all behind the API key rules
of ui.serving."""

from __future__ import annotations

import contextlib
import json
import logging
import sys

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

import qa
from ui.api import answer
from ui.chat import UNSEARCHABLE
from ui.mcp_tools import mcp_routes, mcp_server
from ui.openai_api import ApiError, _in_thread, bounded_body, openai_app
from ui.serving import RequireApiKey, check_api_bind, check_port, is_loopback, page_addresses

log = logging.getLogger(__name__)


def app_kwargs(host: str, api_key: str | None) -> dict:
    """The routes, middleware and lifespan that add the interfaces to an app (Gradio's `app_kwargs` take them)."""
    # One line per record on stderr; the MCP library would otherwise set up its own handler on the root logger.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    server = mcp_server(host)
    routes = [Route("/healthz", healthz), Route("/v1/ask", ask, methods=["GET", "POST"]),  # before /v1's own routes
              Mount("/v1", app=openai_app()), *mcp_routes(server)]

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


ASK_FIELDS = ("question", "top_k", "language")
ASK_SHAPE = 'a JSON object {"question": "...", "top_k": 5, "language": null} (top_k and language may be left out)'
MAX_ASK_BYTES = 65_536  # a question of 4,000 characters is at most 48 kB of JSON, every character escaped


async def ask(request: Request) -> JSONResponse:
    """`POST /v1/ask`: the Gradio /ask's answer in one request, which any replica serves (a Gradio call is two
    requests, the second only to the replica that took the first). Errors: 400 for the question, 503 for the index,
    as `{"error": {"message", ...}}`."""
    try:
        if request.method != "POST":
            raise ApiError(405, f"POST {ASK_SHAPE} to /v1/ask.", code="method_not_allowed")
        fields = await _ask_fields(request)
        return JSONResponse(await _in_thread(lambda: answer(**fields)))
    except ApiError as error:
        return error.response()
    except qa.QuestionError as error:  # the caller's to mend: nothing for the server's log
        named = str(error).split(" ", 1)[0]  # "top_k must be ...", "language must be ..."
        return ApiError(400, str(error), param=named if named in ASK_FIELDS else "question").response()
    except qa.IndexUnusable as error:  # the operator's to mend: one line that says how, not a traceback
        log.error("/v1/ask: %s", error)
        return ApiError(503, f"{UNSEARCHABLE} {error}", kind="server_error", code="index_unusable").response()


async def _ask_fields(request: Request) -> dict:
    body = await bounded_body(request, MAX_ASK_BYTES)
    if body is None:
        raise ApiError(413, f"The request is over {MAX_ASK_BYTES:,} bytes; a question holds at most 4,000 "
                            "characters.", code="request_too_large")
    try:
        fields = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        fields = None
    if not isinstance(fields, dict):
        raise ApiError(400, f"The body must be {ASK_SHAPE}.")
    unknown = ", ".join(sorted(set(fields) - set(ASK_FIELDS)))
    if unknown:
        raise ApiError(400, f"The body has fields /v1/ask does not read ({unknown:.200}); it must be {ASK_SHAPE}.")
    if "question" not in fields:
        raise ApiError(400, f"The body has no question; it must be {ASK_SHAPE}.", param="question")
    return fields


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
