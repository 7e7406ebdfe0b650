"""Pick and load a language model from a spec string: `ollama:MODEL`, `openai:BASE_URL:MODEL` or `gguf:PATH`.

All three are llama-index LLM integrations (the optional `llm` extra). Their settings are `Settings.llm`
(vectorstore/settings.py: `QA_LLM` may list several specs separated by commas, the first is the default).
"""

from __future__ import annotations

import atexit
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vectorstore.settings import LLMSettings

if TYPE_CHECKING:
    from llama_index.core.llms import LLM

EXTRACTIVE = "extractive"  # a spec that turns generation off even when QA_LLM is set
OPENAI_SPEC = re.compile(  # host (or [IPv6]), optional :port, a path without colons, then a model that is no port
    r"^(?P<url>https?://(?:\[[^\]]+\]|[^/:\s]+)(?::\d+)?(?:/[^:\s]*)?):(?!\d+(?:/|$))(?P<model>\S.*)$"
)
EXTRA_HINT = "install the optional backends with: pip install 'qa-citations[llm]'"


class LLMSpecError(ValueError):
    """A spec string that names no backend; the message shows the accepted forms."""


class LLMUnavailable(RuntimeError):
    """The backend cannot be used now; the message is one line for the user."""


@dataclass(frozen=True)
class LLMSpec:
    kind: str
    model: str  # the model name, or the GGUF path
    base_url: str | None = None

    def __str__(self) -> str:
        return f"openai:{self.base_url}:{self.model}" if self.kind == "openai" else f"{self.kind}:{self.model}"


def parse_llm_spec(spec: str) -> LLMSpec:
    kind, _, rest = spec.strip().partition(":")
    kind = kind.lower()
    if kind == "openai":
        match = OPENAI_SPEC.match(rest.strip())
        if match:
            return LLMSpec("openai", match["model"].strip(), match["url"])
    elif kind in ("ollama", "gguf") and rest.strip():
        return LLMSpec(kind, rest.strip())
    raise LLMSpecError(
        f"cannot read LLM spec {spec!r}; use ollama:MODEL, openai:BASE_URL:MODEL "
        f"(e.g. openai:http://127.0.0.1:8080/v1:my-model), gguf:PATH or {EXTRACTIVE}"
    )


def configured_specs(settings: LLMSettings | None = None) -> list[str]:
    """The specs listed in `QA_LLM` (comma-separated; `settings.specs`), each checked; empty when generation is
    off. Without `settings`, those of the environment."""
    settings = LLMSettings.from_env() if settings is None else settings
    specs = [s for s in settings.specs if s.lower() != EXTRACTIVE]
    for spec in specs:
        parse_llm_spec(spec)
    return specs


_loaded: dict[tuple[LLMSpec, LLMSettings], LLM] = {}
_lock = threading.Lock()


def load_llm(spec: str | LLMSpec, settings: LLMSettings) -> LLM:
    """The llama-index LLM for a spec, built once per process (a GGUF file is loaded into memory)."""
    spec = parse_llm_spec(spec) if isinstance(spec, str) else spec
    with _lock:
        if (spec, settings) not in _loaded:
            _loaded[(spec, settings)] = _build(spec, settings)
        return _loaded[(spec, settings)]


@atexit.register
def _free_local_models() -> None:
    """Free llama.cpp models while the interpreter can still run their finalizers cleanly."""
    with _lock:
        for llm in _loaded.values():
            model = getattr(llm, "_model", None)
            if hasattr(model, "close"):
                model.close()
        _loaded.clear()


def _build(spec: LLMSpec, settings: LLMSettings) -> LLM:
    try:
        if spec.kind == "ollama":
            from llama_index.llms.ollama import Ollama

            return Ollama(model=spec.model, base_url=server_address(spec, settings),
                          request_timeout=settings.timeout, temperature=settings.temperature,
                          context_window=settings.context_window,
                          additional_kwargs={"num_predict": settings.max_tokens})
        if spec.kind == "openai":
            from llama_index.llms.openai_like import OpenAILike

            return OpenAILike(model=spec.model, api_base=spec.base_url, api_key=settings.api_key,
                              is_chat_model=True, context_window=settings.context_window,
                              max_tokens=settings.max_tokens, temperature=settings.temperature,
                              timeout=settings.timeout, max_retries=0)
        return _load_gguf(Path(spec.model).expanduser(), settings)
    except ImportError as error:
        raise LLMUnavailable(f"the {spec.kind} backend is not installed ({error.name}); {EXTRA_HINT}") from None


def _load_gguf(path: Path, settings: LLMSettings) -> LLM:
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter
    from llama_index.llms.llama_cpp import LlamaCPP

    if not path.is_file():
        raise LLMUnavailable(f"no GGUF model file at {path}")
    try:
        llm = LlamaCPP(model_path=str(path), temperature=settings.temperature, max_new_tokens=settings.max_tokens,
                       context_window=settings.context_window, verbose=False)
    except (ValueError, RuntimeError) as error:
        raise LLMUnavailable(f"cannot load GGUF model {path.name}: {error}") from None
    # LlamaCPP formats chats in a generic way; use the chat template the GGUF file carries, as llama.cpp does.
    model = llm._model
    template = model.metadata.get("tokenizer.chat_template")
    if template:
        formatter = Jinja2ChatFormatter(
            template,
            eos_token=model._model.token_get_text(model.token_eos()),
            bos_token=model._model.token_get_text(model.token_bos()),
            add_generation_prompt=True,
        )
        llm.messages_to_prompt = lambda messages: formatter(
            messages=[{"role": m.role.value, "content": m.content or ""} for m in messages]
        ).prompt
    return llm


def server_address(spec: LLMSpec, settings: LLMSettings) -> str:
    return spec.base_url if spec.kind == "openai" else settings.ollama_host


def describe_failure(error: BaseException, spec: LLMSpec | None = None, settings: LLMSettings | None = None) -> str:
    """One line for the user from whatever a backend raised (server down, refusal, missing model, timeout)."""
    if isinstance(error, (LLMUnavailable, LLMSpecError)):
        return str(error)
    name = type(error).__name__
    status = getattr(error, "status_code", None)
    known = spec and spec.kind != "gguf" and (spec.kind == "openai" or settings is not None)
    server = f"the LLM server at {server_address(spec, settings)}" if known else "the LLM server"
    if "Timeout" in name:
        return f"{server} did not answer within the time limit, QA_LLM_TIMEOUT"
    if "Connect" in name or isinstance(error, ConnectionError):
        return f"cannot reach {server}; is it running?"
    if status == 404:
        model = f" '{spec.model}'" if spec else ""
        hint = f"; run: ollama pull {spec.model}" if spec and spec.kind == "ollama" else ""
        return f"{server} has no model{model}{hint}"
    if status is not None:
        return f"{server} refused the request with HTTP {status}"
    detail = " ".join(str(error).split())[:160]
    return f"the language model failed: {name}{': ' + detail if detail else ''}"
