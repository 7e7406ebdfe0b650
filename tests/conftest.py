"""Shared fixtures: the real packaged model and real Chroma stores in temporary folders."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"
os.environ["TOKENIZERS_PARALLELISM"] = "false"
for _name in ("QA_LLM", "QA_LLM_TIMEOUT", "QA_LLM_MAX_TOKENS", "QA_LLM_CONTEXT", "QA_LLM_TEMPERATURE"):
    os.environ.pop(_name, None)  # answers are quoted unless a test asks for a model

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "articles"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def bundled_index(tmp_path_factory) -> Path:
    """An index of the five bundled articles, built once for the session."""
    import qa

    index_dir = tmp_path_factory.mktemp("bundled-index")
    report = qa.ingest(BUNDLED, index_dir=index_dir, show_progress=False)
    assert len(report.added) == 5, report.summary()
    return index_dir


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the bundled articles."""
    folder = tmp_path / "articles"
    shutil.copytree(BUNDLED, folder)
    return folder


def change_one_article_and_remove_another(corpus: Path, index_dir: Path) -> None:
    """Edit the Albanian article's "18 muaj luftë" to "18 javë luftë", delete the English one, re-ingest."""
    import qa

    albanian = corpus / "001_24cdb1bdea82b61a.txt"
    albanian.write_text(albanian.read_text(encoding="utf-8").replace("18 muaj luftë", "18 javë luftë"),
                        encoding="utf-8")
    (corpus / "004_0c55c83cf9a148cd.txt").unlink()
    report = qa.ingest(corpus, index_dir=index_dir, show_progress=False)
    assert len(report.updated) == 1 and len(report.removed) == 1, report.summary()


@pytest.fixture
def index_dir(tmp_path) -> Path:
    return tmp_path / "index"


def run_qa(*args: str, index_dir: Path) -> subprocess.CompletedProcess:
    """The `qa` command on `index_dir`, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "qa.cli", "--index-dir", str(index_dir), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


SERVER_START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ChromaServer:
    """`chroma run` on loopback, stopped and started again on the same folder and port."""

    def __init__(self, path: Path, port: int):
        self.path, self.port, self.process = path, port, None
        self.url = f"http://127.0.0.1:{port}"

    def start(self) -> None:
        chroma = Path(sys.executable).parent / "chroma"
        self.process = subprocess.Popen(
            [str(chroma), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            try:
                self.client().heartbeat()
                return
            except Exception:
                if self.process.poll() is not None:
                    raise RuntimeError(f"chroma run exited with status {self.process.returncode}")
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"chroma run did not answer on port {self.port} within {SERVER_START_SECONDS} s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def client(self):
        import chromadb

        from vectorstore.chroma_client import chroma_settings

        return chromadb.HttpClient(host="127.0.0.1", port=self.port, settings=chroma_settings())


def run_coroutine(coroutine):
    """`asyncio.run` in a thread of its own: once the browser tests have started Playwright, its event loop runs in
    the main thread, where `asyncio.run` refuses to start another."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def stop_process(process, timeout: float = 20) -> None:
    """Terminate a server the tests started, killing it if it does not end within `timeout` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


GOVERNOR_NAME = re.compile("Kozhemiako|Kojemiako")  # the bundled articles spell the governor both ways
