"""The embedding engine runs with the threads and the wait policy the settings give, and leaves the environment as it
found it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT
from vectorstore.settings import available_cores

# After one pass of a long text (a short one runs on one thread): the OpenMP threads of the engine's own OpenMP
# library, the environment it left, and the CPU time its idle threads burn in the half second after the pass.
PROBE = """
import ctypes, json, os, time
from vectorstore.embedding import load_embedder
from vectorstore.settings import Settings
embedder = load_embedder(Settings.from_env())
embedder.get_query_embedding("Who is the governor of the Primorye region? " * 8)
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


# A question's passes: its vector pass, short, on one thread; its sparse pass in a lane, on one thread too; a long
# pass on the settings' threads. Vectors and terms are the same whatever the threads.
SOLO_PROBE = """
import ctypes, json
import numpy as np
from vectorstore.embedding import SOLO_PASS_CHARS, load_embedder
from vectorstore.settings import Settings
embedder = load_embedder(Settings.from_env())
openmp = ctypes.CDLL(next(line.split()[-1] for line in open("/proc/self/maps") if "libgomp" in line))
question = "Who is the governor of the Primorye region?"
seen = []
original = embedder._model.encode
def encode(texts, query):
    seen.append((sum(map(len, texts)), openmp.omp_get_max_threads()))
    return original(texts, query)
embedder._model.encode = encode
short = embedder.query_embeddings([question])[0]
long = embedder.query_embeddings([question * 8])[0]
lane = embedder._sparse_lanes().submit(openmp.omp_get_max_threads).result()
terms = embedder.latent_terms([question])[0]
openmp.omp_set_num_threads(2)
again = embedder._model.encode([question], True)[0]
alone = embedder._model.sparse(question, top_k=256, fmt="indices")
print(json.dumps({"passes": seen[:2], "limit": SOLO_PASS_CHARS, "lane": lane, "after": openmp.omp_get_max_threads(),
                  "same_vector": bool(np.array_equal(np.asarray(short), np.asarray(again))),
                  "same_terms": all(np.array_equal(a, b) for a, b in zip(terms, alone))}))
"""


def test_a_question_s_passes_run_on_a_thread_each_and_long_passes_on_the_settings_threads():
    env = {name: value for name, value in os.environ.items()
           if name not in ("QA_THREADS", "QA_WORKERS", "QA_SPIN_WAIT", "OMP_NUM_THREADS", "OMP_WAIT_POLICY")}
    result = subprocess.run([sys.executable, "-c", SOLO_PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120,
                            env={**env, "QA_THREADS": "2"})
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.splitlines()[-1])
    (short_chars, short_threads), (long_chars, long_threads) = found["passes"]
    assert short_chars <= found["limit"] < long_chars
    assert (short_threads, long_threads) == (1, 2)
    assert found["lane"] == 1 and found["after"] == 2
    assert found["same_vector"] and found["same_terms"]
