"""Shared fixtures: the real packaged model and real Chroma stores in temporary folders."""

from __future__ import annotations

import os
import shutil
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


@pytest.fixture
def index_dir(tmp_path) -> Path:
    return tmp_path / "index"
