"""The OpenAI-compatible chat API, mounted at /v1: `POST /v1/chat/completions` (streamed as server-sent events or
not) and `GET /v1/models`, answered by `qa.query_stream` with the conversation's earlier messages as its history.

The answer text carries the `[n]` markers and ends with a numbered source list; the response also carries the
sources themselves in an extra field, `sources` (document, start, end, language, title, date, text, score:
`qa.article(document)[start:end] == text`), beside `abstained` and `notice`. Streamed, they come in the last chunk,
the one whose `finish_reason` is set. Errors are OpenAI's JSON, `{"error": {"message", "type", "param", "code"}}`.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any, Iterator

import anyio
from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, StreamingResponse
from starlette.routing import Route

import qa

log = logging.getLogger(__name__)

EXTRACTIVE_MODEL = "qa-extractive"  # the answers that quote the articles; the other models are QA_LLM's specs
OWNER = "qa-citations"
MAX_BODY_BYTES = 1_048_576  # a conversation of 40 messages with their sources fits many times over
CONCURRENT_ANSWERS = 4  # answers computed at once, as the chat page's queue allows
ROLES = ("system", "developer", "user", "assistant")  # system and developer messages are read and skipped
SOURCES_HEADING = "\n\nSources:\n"
REPLACED = "The draft above was replaced by the answer below."
TITLE_CHARS = 80


class ApiError(Exception):
    """A request the API refuses, with the HTTP status and OpenAI's error fields."""

    def __init__(self, status: int, message: str, *, param: str | None = None, code: str | None = None,
                 kind: str = "invalid_request_error") -> None:
        super().__init__(message)
        self.status, self.message, self.param, self.code, self.kind = status, message, param, code, kind

    def body(self) -> dict:
        return {"error": {"message": self.message, "type": self.kind, "param": self.param, "code": self.code}}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status)


class Message(BaseModel):
    model_config = ConfigDict(extra="allow")  # name, tool_calls, ... are accepted and not read

    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatRequest(BaseModel):
    """The fields read; OpenAI's others (temperature, max_tokens, ...) are accepted and not read. `top_k` and
    `language` are this API's own: `qa.query`'s arguments of those names."""

    model_config = ConfigDict(extra="allow")

    messages: list[Message]
    model: str | None = None  # None: the default answerer, as `GET /v1/models` lists it first
    stream: bool | None = False
    n: int | None = 1
    top_k: int = 5
    language: str | None = None


def model_ids() -> list[str]:
    """The answerers a request may name: QA_LLM's models (the default first), then the quoting answerer."""
    try:
        return [*qa.llm_choices(), EXTRACTIVE_MODEL]
    except qa.QuestionError:  # a malformed QA_LLM: `qa chat` and `qa serve` refuse it at start
        return [EXTRACTIVE_MODEL]


def _model_card(model: str) -> dict:
    return {"id": model, "object": "model", "created": 0, "owned_by": OWNER}


async def list_models(request: Request) -> JSONResponse:
    return JSONResponse({"object": "list", "data": [_model_card(model) for model in model_ids()]})


async def get_model(request: Request) -> JSONResponse:
    return JSONResponse(_model_card(_known_model(request.path_params["model"])))


def _known_model(model: str | None) -> str:
    models = model_ids()
    if model is None:
        return models[0]
    if model not in models:
        raise ApiError(404, f"The model '{model:.100}' does not exist here; this server's models are "
                            f"{', '.join(models)} (GET /v1/models).", param="model", code="model_not_found")
    return model


async def bounded_body(request: Request, limit: int) -> bytes | None:
    """The request's body, or None when it is over `limit` bytes (read on a while, up to 16 times the limit, so
    that a client still sending gets the answer rather than a broken connection)."""
    body, size = bytearray(), 0
    async for chunk in request.stream():
        size += len(chunk)
        if size <= limit:
            body += chunk
        elif size > 16 * limit:  # this far, no further
            break
    return bytes(body) if size <= limit else None


async def _body(request: Request) -> ChatRequest:
    body = await bounded_body(request, MAX_BODY_BYTES)
    if body is None:
        raise _too_large()
    try:
        return ChatRequest.model_validate_json(body)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        param = ".".join(str(part) for part in first["loc"]) or None
        if first["type"] == "json_invalid":
            raise ApiError(400, f"The body is not valid JSON ({first['msg']}); send a chat completion request "
                                "as the OpenAI API takes it.") from None
        raise ApiError(400, f"{param or 'The body'}: {first['msg']}", param=param) from None


def _too_large() -> ApiError:
    return ApiError(413, f"The request is over {MAX_BODY_BYTES:,} bytes; a question may hold 4,000 characters and "
                         "the history is read from its last 40 messages, so send less of the conversation.",
                    code="request_too_large")


def _text(message: Message, index: int) -> str | None:
    """The message's text: its content, or its text parts joined; parts of another kind are refused."""
    if message.content is None or isinstance(message.content, str):
        return message.content
    texts = []
    for part in message.content:
        if part.get("type") != "text" or not isinstance(part.get("text"), str):
            raise ApiError(400, f"messages.{index}.content: only text parts are read, not {part.get('type')!r:.40}",
                           param=f"messages.{index}.content")
        texts.append(part["text"])
    return "\n".join(texts)


def conversation(messages: list[Message]) -> tuple[str, list[dict]]:
    """(the question: the last message, the user's; the history before it, as `qa.query` takes it)."""
    if not messages:
        raise ApiError(400, "messages is empty; send at least one message: the user's question, last.",
                       param="messages")
    for index, message in enumerate(messages):
        if message.role not in ROLES:
            raise ApiError(400, f"messages.{index}.role is {message.role!r:.40}; this API takes the roles "
                                f"{', '.join(ROLES)} (it calls no tools).", param=f"messages.{index}.role")
    if messages[-1].role != "user":
        raise ApiError(400, f"The last message is the {messages[-1].role}'s; it must be the user's question.",
                       param=f"messages.{len(messages) - 1}.role")
    texts = [_text(message, index) for index, message in enumerate(messages)]
    history = [{"role": message.role, "content": _without_source_list(text) if message.role == "assistant" else text}
               for message, text in zip(messages[:-1], texts) if message.role in ("user", "assistant")]
    return texts[-1] or "", history


def _without_source_list(text: str | None) -> str | None:
    """An earlier answer of this API without the source list it ends with."""
    return text if text is None else text.split(SOURCES_HEADING, 1)[0]


def source_list(answer: qa.Answer) -> str:
    """The answer's sources as short numbered lines, for clients that show only the text."""
    lines = []
    for number, source in enumerate(answer.sources, start=1):
        title = "" if qa.title_opens_passage(source.title, source.text) else f" {_shortened(source.title)}"
        lines.append(f"[{number}] {source.document} {source.start}:{source.end} "
                     f"({source.language or '?'}, {source.date or 'no date'}){title}")
    return SOURCES_HEADING + "\n".join(lines) if lines else ""


def _shortened(title: str) -> str:
    return title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS - 1].rstrip() + "…"


def _extras(answer: qa.Answer) -> dict:
    return {"sources": answer.to_dict()["sources"], "abstained": answer.abstained, "notice": answer.notice}


_limiter: anyio.CapacityLimiter | None = None


async def _in_thread(function, *args):
    """`function(*args)` on a worker thread, at most CONCURRENT_ANSWERS at once, so the server keeps serving."""
    global _limiter
    if _limiter is None:
        _limiter = anyio.CapacityLimiter(CONCURRENT_ANSWERS)
    return await anyio.to_thread.run_sync(function, *args, limiter=_limiter)


async def chat_completions(request: Request):
    try:
        body = await _body(request)
        model = _known_model(body.model)
        if body.n not in (None, 1):
            raise ApiError(400, "n must be 1: there is one answer to a question.", param="n")
        question, history = conversation(body.messages)
        llm = "extractive" if model == EXTRACTIVE_MODEL else model
        stream = await _in_thread(lambda: qa.query_stream(question, top_k=body.top_k, history=history,
                                                          language=body.language, llm=llm))
        completion = _Completion(model)
        if body.stream:
            return StreamingResponse(completion.events(stream), media_type="text/event-stream",
                                     headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
        answer = None
        while (item := await _in_thread(next, stream, None)) is not None:
            answer = item if isinstance(item, qa.Answer) else answer
        return JSONResponse(completion.whole(answer))
    except ApiError as error:
        return error.response()
    except Exception as error:  # noqa: BLE001 - every failure is answered as OpenAI's JSON, never a traceback
        return _failure(error).response()


def _failure(error: Exception) -> ApiError:
    if isinstance(error, qa.QuestionError):  # the caller's to mend
        named = str(error).split(" ", 1)[0]  # "top_k must be ...", "language must be ..."
        return ApiError(400, str(error), param=named if named in ("top_k", "language") else "messages")
    if isinstance(error, qa.IndexUnusable):  # the operator's to mend: one line in the log that says how
        log.error("/v1/chat/completions: %s", error)
        return ApiError(503, f"The index cannot be searched: {error}", kind="server_error", code="index_unusable")
    log.exception("/v1/chat/completions failed")
    return ApiError(500, f"The server failed to answer ({type(error).__name__}); its log has the details.",
                    kind="server_error")


class _Completion:
    """One chat completion's answer, whole or as server-sent chunks."""

    def __init__(self, model: str) -> None:
        self.model = model
        self.id = f"chatcmpl-{uuid.uuid4().hex}"
        self.created = int(time.time())

    def whole(self, answer: qa.Answer) -> dict:
        message = {"role": "assistant", "content": answer.text + source_list(answer)}
        return {"id": self.id, "object": "chat.completion", "created": self.created, "model": self.model,
                "choices": [{"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}],
                **_extras(answer)}

    def _chunk(self, delta: dict, finish_reason: str | None = None, **extra) -> str:
        chunk = {"id": self.id, "object": "chat.completion.chunk", "created": self.created, "model": self.model,
                 "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}], **extra}
        return f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"

    async def events(self, stream: Iterator[str | qa.Answer]):
        """The answer's pieces as the model writes them, then what the checked answer changed, the source list,
        and a last chunk with the sources; `data: [DONE]` ends it. An error midway is an `error` event."""
        yield self._chunk({"role": "assistant", "content": ""})
        streamed, answer = "", None
        try:
            while (item := await _in_thread(next, stream, None)) is not None:
                if isinstance(item, qa.Answer):
                    answer = item
                elif item:
                    streamed += item
                    yield self._chunk({"content": item})
        except Exception as error:  # noqa: BLE001 - the status has been sent: the error goes as an event
            yield f"data: {json.dumps(_failure(error).body(), ensure_ascii=False)}\n\n"
            yield "data: [DONE]\n\n"
            return
        # The checked answer may differ from the draft (a citation removed, or quotes after a failed model).
        if answer.text.startswith(streamed):
            rest = answer.text[len(streamed):]
        else:
            rest = f"\n\n{answer.notice or REPLACED}\n\n{answer.text}"
        yield self._chunk({"content": rest + source_list(answer)})
        yield self._chunk({}, "stop", **_extras(answer))
        yield "data: [DONE]\n\n"


async def _not_found(request: Request, error: HTTPException) -> JSONResponse:
    return ApiError(error.status_code, f"{request.method} {request.url.path} is not part of this API; it serves "
                                       "POST /v1/chat/completions and GET /v1/models.", code="unknown_url").response()


def openai_app() -> Starlette:
    """The API's routes, to mount at /v1."""
    return Starlette(
        routes=[
            Route("/chat/completions", chat_completions, methods=["POST"]),
            Route("/models", list_models, methods=["GET"]),
            Route("/models/{model:path}", get_model, methods=["GET"]),
        ],
        exception_handlers={404: _not_found, 405: _not_found, ApiError: lambda request, error: error.response()},
    )
