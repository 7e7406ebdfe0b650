"""The embedding engine runs with the threads and the wait policy the settings give, and leaves the environment as it
found it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT
from vectorstore.settings import available_cores

# After one question: the OpenMP threads of the engine's own OpenMP library, the environment it left, and the CPU
# time its idle threads burn in the half second after a pass.
PROBE = """
import ctypes, json, os, time
from vectorstore.embedding import load_embedder
from vectorstore.settings import Settings
embedder = load_embedder(Settings.from_env())
embedder.get_query_embedding("Who is the governor of the Primorye region?")
openmp = next(line.split()[-1] for line in open("/proc/self/maps") if "libgomp" in line)
cpu = time.process_time()
time.sleep(0.5)
print(json.dumps({"threads": ctypes.CDLL(openmp).omp_get_max_threads(), "idle_cpu": time.process_time() - cpu,
                  "environment": [os.environ.get("OMP_NUM_THREADS"), os.environ.get("OMP_WAIT_POLICY")]}))
"""


def probe(**settings: str) -> dict:
    env = {name: value for name, value in os.environ.items()
           if name not in ("QA_THREADS", "QA_WORKERS", "QA_SPIN_WAIT", "OMP_NUM_THREADS", "OMP_WAIT_POLICY")}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120,
                            env={**env, **settings})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_threads_are_the_cores_shared_among_workers_unless_set_and_the_environment_is_left_as_it_was():
    default = probe()
    assert default["threads"] == available_cores() and default["environment"] == [None, None]
    assert probe(QA_WORKERS=str(available_cores()))["threads"] == 1
    # The user's own OpenMP variables are what child processes still see.
    chosen = probe(QA_THREADS="3", QA_WORKERS="8", OMP_NUM_THREADS="7", OMP_WAIT_POLICY="ACTIVE")
    assert chosen["threads"] == 3 and chosen["environment"] == ["7", "ACTIVE"]


def test_idle_engine_threads_sleep_unless_told_to_spin():
    """A spinning thread keeps a core busy after every pass: on a shared machine, the core the next request needs."""
    assert probe(QA_THREADS="2")["idle_cpu"] < 0.05
    assert probe(QA_THREADS="2", QA_SPIN_WAIT="1")["idle_cpu"] > 0.1


def test_a_thread_count_below_one_is_refused_saying_what_to_do(monkeypatch):
    from vectorstore.settings import Settings

    monkeypatch.setenv("QA_THREADS", "0")
    try:
        Settings.from_env()
    except ValueError as error:
        assert str(error) == "QA_THREADS='0' must be 1 or more; unset it for the default"
    else:
        raise AssertionError("QA_THREADS=0 was accepted")
