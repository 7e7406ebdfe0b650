"""Choosing a backend from a spec string, and what happens when one cannot answer."""

import os
import socket
import subprocess
import sys

import pytest

import qa
from qa.llm_backends import LLMSpec, LLMSpecError, configured_specs, parse_llm_spec
from tests.conftest import GOVERNOR_NAME, ROOT

QUESTION = "Who is the governor of the Primorye region?"


@pytest.mark.parametrize("spec, expected", [
    ("ollama:llama3.2", LLMSpec("ollama", "llama3.2")),
    ("ollama:qwen2.5:7b-instruct", LLMSpec("ollama", "qwen2.5:7b-instruct")),
    ("openai:http://127.0.0.1:8080/v1:my-model", LLMSpec("openai", "my-model", "http://127.0.0.1:8080/v1")),
    ("openai:https://llm.example.org/v1:org/model:q4", LLMSpec("openai", "org/model:q4", "https://llm.example.org/v1")),
    ("openai:http://localhost:1234:qwen", LLMSpec("openai", "qwen", "http://localhost:1234")),
    ("openai:http://[::1]:8000/v1:m", LLMSpec("openai", "m", "http://[::1]:8000/v1")),
    ("gguf:/models/small model.gguf", LLMSpec("gguf", "/models/small model.gguf")),
    ("GGUF:C:\\models\\x.gguf", LLMSpec("gguf", "C:\\models\\x.gguf")),
])
def test_spec_strings(spec, expected):
    assert parse_llm_spec(spec) == expected


@pytest.mark.parametrize("spec", ["llama3", "ollama:", "openai:my-model", "openai:http://host:8080/v1", "vllm:x"])
def test_bad_specs_say_what_is_accepted(spec):
    with pytest.raises(LLMSpecError, match="openai:BASE_URL:MODEL"):
        parse_llm_spec(spec)


def test_qa_llm_lists_the_configured_backends(monkeypatch):
    monkeypatch.setenv("QA_LLM", "ollama:llama3.2, openai:http://127.0.0.1:8080/v1:m")
    assert configured_specs() == ["ollama:llama3.2", "openai:http://127.0.0.1:8080/v1:m"]
    assert qa.llm_choices() == configured_specs()
    monkeypatch.setenv("QA_LLM", "nonsense")
    with pytest.raises(qa.QuestionError, match="QA_LLM"):
        qa.llm_choices()


def test_a_bad_spec_is_a_question_error(bundled_index):
    with pytest.raises(qa.QuestionError, match="cannot read LLM spec"):
        qa.query(QUESTION, index_dir=bundled_index, llm="gpt4")


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _assert_fallback(answer, reason):
    assert answer.mode.startswith("extractive (fallback: ") and reason in answer.mode
    assert reason in answer.notice and "\n" not in answer.notice
    assert not answer.abstained and GOVERNOR_NAME.search(answer.text)
    assert all(s.supported for s in answer.sentences)


def test_missing_gguf_file_falls_back(bundled_index, tmp_path):
    answer = qa.query(QUESTION, index_dir=bundled_index, llm=f"gguf:{tmp_path / 'absent.gguf'}")
    _assert_fallback(answer, "no GGUF model file")


def test_server_not_running_falls_back(bundled_index):
    port = _closed_port()
    answer = qa.query(QUESTION, index_dir=bundled_index, llm=f"openai:http://127.0.0.1:{port}/v1:any")
    _assert_fallback(answer, f"cannot reach the LLM server at http://127.0.0.1:{port}/v1")


def test_ollama_not_running_falls_back(bundled_index, monkeypatch):
    port = _closed_port()
    monkeypatch.setenv("OLLAMA_HOST", f"http://127.0.0.1:{port}")
    answer = qa.query(QUESTION, index_dir=bundled_index, llm="ollama:llama3.2")
    _assert_fallback(answer, "cannot reach the LLM server")


def test_server_that_never_answers_times_out_and_falls_back(bundled_index, monkeypatch):
    monkeypatch.setenv("QA_LLM_TIMEOUT", "1")
    with socket.socket() as silent:  # accepts connections (the kernel's backlog) and never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        answer = qa.query(QUESTION, index_dir=bundled_index, llm=f"openai:http://127.0.0.1:{port}/v1:any")
    _assert_fallback(answer, "did not answer within the time limit")


def test_qa_llm_is_the_default_and_extractive_turns_it_off(bundled_index, monkeypatch, tmp_path):
    monkeypatch.setenv("QA_LLM", f"gguf:{tmp_path / 'absent.gguf'}")
    _assert_fallback(qa.query(QUESTION, index_dir=bundled_index), "no GGUF model file")
    assert qa.query(QUESTION, index_dir=bundled_index, llm="extractive").mode == "extractive"


def test_cli_prints_a_one_line_notice_and_never_a_traceback(bundled_index):
    env = {**os.environ, "QA_INDEX_DIR": str(bundled_index)}
    port = _closed_port()
    down = subprocess.run([sys.executable, "-m", "qa.cli", "ask", QUESTION, "--llm",
                           f"openai:http://127.0.0.1:{port}/v1:any"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert down.returncode == 0, down.stderr
    assert GOVERNOR_NAME.search(down.stdout) and "Sources:" in down.stdout
    notices = [line for line in down.stderr.splitlines() if line.startswith("qa: ")]
    assert len(notices) == 1 and "cannot reach the LLM server" in notices[0]
    assert "Traceback" not in down.stderr
    bad = subprocess.run([sys.executable, "-m", "qa.cli", "ask", QUESTION, "--llm", "llama3"],
                         capture_output=True, text=True, env=env, cwd=ROOT)
    assert bad.returncode == 2 and "cannot read LLM spec" in bad.stderr and "Traceback" not in bad.stderr
