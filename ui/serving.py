"""Who may reach the server (loopback by default, any other address only behind a password, and its API only with
a key), where to open it, and what it refuses to do for anyone: fetch a web address."""

from __future__ import annotations

import errno
import ipaddress
import os
import re
import secrets
import socket

from starlette.datastructures import Headers
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

AUTH_ENV = "QA_AUTH"
API_KEY_ENV = "QA_API_KEY"
API_PATHS = ("/v1", "/mcp")  # the OpenAI-compatible API and the MCP server


class BindError(ValueError):
    """The server cannot, or must not, listen where it was asked to."""


class UnsafeBindError(BindError):
    """Serving on a non-loopback address without a password was asked for."""


def credentials(auth: str | None) -> tuple[str, str] | None:
    """'user:pass' (from the argument, else $QA_AUTH) as a (user, password) pair, or None."""
    auth = auth or os.environ.get(AUTH_ENV) or None
    if auth is None:
        return None
    user, separator, password = auth.partition(":")
    if not (separator and user and password):
        raise UnsafeBindError(f"--auth (or ${AUTH_ENV}) must look like USER:PASS")
    return user, password


def is_loopback(host: str) -> bool:
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, auth: str | None) -> tuple[str, str] | None:
    """The credentials to serve `host` with; refuses a non-loopback host without any."""
    pair = credentials(auth)
    if pair is None and not is_loopback(host):
        raise UnsafeBindError(
            f"refusing to serve on {host} without a password: anyone on the network could use it. "
            f"Pass --auth USER:PASS (or set {AUTH_ENV}=USER:PASS), or bind to 127.0.0.1."
        )
    return pair


def check_api_bind(host: str, api_key: str | None) -> None:
    """Refuse to serve the API alone (`qa serve`) on a non-loopback `host` without a key."""
    if not api_key and not is_loopback(host):
        raise UnsafeBindError(
            f"refusing to serve the API on {host} without a key: anyone on the network could use it. "
            f"Set {API_KEY_ENV}=KEY (clients send it as 'Authorization: Bearer KEY'), or bind to 127.0.0.1."
        )


def check_port(host: str, port: int) -> None:
    """Refuse, with what to do, a port the server could not listen on (in use, out of range, not allowed)."""
    if not 1 <= port <= 65535:
        raise BindError(f"port {port} is not a port number (1-65535); pick one with --port")
    try:
        family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((host.strip("[]"), port))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise BindError(f"port {port} on {host} is in use (another server, or the chat already running); "
                            "pick another with --port") from None
        raise BindError(f"cannot listen on {host}:{port} ({error.strerror or error}); pick another --host or "
                        "--port") from None


def page_addresses(host: str, port: int) -> list[str]:
    """Addresses a browser can open for a server bound to `host`: an "any address" bind (0.0.0.0, ::) is reached
    at the loopback address on this machine and at the machine's name from others."""
    bare = host.strip("[]")
    try:
        unspecified = ipaddress.ip_address(bare).is_unspecified
    except ValueError:
        unspecified = False
    if unspecified:
        loopback = "[::1]" if ":" in bare else "127.0.0.1"
        return [f"http://{loopback}:{port}/ on this machine", f"http://{socket.gethostname()}:{port}/ from others"]
    return [f"http://{f'[{bare}]' if ':' in bare else bare}:{port}/"]


# Gradio's file route fetches an http(s) address it is given (`/gradio_api/file=http://host/x`) from the server
# and streams it back; its deprecated `/file/` twin does the same.
URL_THROUGH_FILE_ROUTE = re.compile(r"/file[=/]\s*https?:", re.IGNORECASE)
URL_REFUSED = "This server serves its own files only; it does not fetch web addresses."


class RefuseUrlFetches:
    """ASGI middleware: a web address asked through the file route is answered 403, never fetched, so that the
    server makes no outbound connection on anyone's request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and URL_THROUGH_FILE_ROUTE.search(scope.get("path", "")):
            await PlainTextResponse(URL_REFUSED, status_code=403)(scope, receive, send)
            return
        await self.app(scope, receive, send)


class RequireApiKey:
    """ASGI middleware: requests to the API's paths need `Authorization: Bearer KEY` when a key is set, and are
    refused beyond loopback when none is; anything else passes. Refusals are OpenAI's JSON error."""

    def __init__(self, app: ASGIApp, api_key: str | None, host: str) -> None:
        self.app = app
        self.api_key = api_key or None
        self.open = self.api_key is None and is_loopback(host)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if self.open or not any(path == p or path.startswith(p + "/") for p in API_PATHS):
            await self.app(scope, receive, send)
            return
        if self.api_key is None:
            message = (f"This server answers its API beyond loopback only with a key, and none was set: its operator "
                       f"sets {API_KEY_ENV} and gives you the key.")
        else:
            scheme, _, given = Headers(scope=scope).get("authorization", "").partition(" ")
            if scheme.lower() == "bearer" and secrets.compare_digest(given.strip().encode(), self.api_key.encode()):
                await self.app(scope, receive, send)
                return
            message = ("Incorrect API key: send the key this server was started with ($" + API_KEY_ENV + ") as "
                       "'Authorization: Bearer KEY' (the openai client's api_key)." if given else
                       "This API needs a key: send 'Authorization: Bearer KEY' (the openai client's api_key).")
        error = {"message": message, "type": "invalid_request_error", "param": None, "code": "invalid_api_key"}
        await JSONResponse({"error": error}, status_code=401,
                           headers={"WWW-Authenticate": "Bearer"})(scope, receive, send)
