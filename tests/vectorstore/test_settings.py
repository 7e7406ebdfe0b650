"""Settings from the environment: a value that cannot be used is named, with what to do."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from vectorstore.settings import Settings


@pytest.mark.parametrize("name, value, message", [
    ("QA_MIN_EVIDENCE", "abc", "QA_MIN_EVIDENCE='abc' is not a number"),
    ("QA_CONFIDENT_EVIDENCE", "high", "QA_CONFIDENT_EVIDENCE='high' is not a number"),
    ("QA_MIN_EVIDENCE", "5", "outside 0 to 2"),  # every question would abstain
])
def test_an_unusable_evidence_threshold_is_named(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=message):
        Settings.from_env()


def test_an_evidence_threshold_is_read():
    env = {**os.environ, "QA_MIN_EVIDENCE": "0.85"}
    probe = "from vectorstore.settings import Settings; print(Settings.from_env().evidence_thresholds[0])"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=env,
                            timeout=60)
    assert result.stdout.strip() == "0.85", result.stderr


def test_the_command_line_names_the_variable_in_one_line():
    env = {**os.environ, "QA_MIN_EVIDENCE": "abc"}
    result = subprocess.run([sys.executable, "-m", "qa.cli", "ask", "Who is the governor?"], capture_output=True,
                            text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "QA_MIN_EVIDENCE='abc' is not a number" in result.stderr
