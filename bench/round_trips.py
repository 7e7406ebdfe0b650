"""How many round trips to its servers a question makes, with the catalog in PostgreSQL and the vectors on a Chroma
server (QA_CATALOG_URL and QA_CHROMA_URL, as replicas share an index), and how long it takes.

    python bench/round_trips.py [--rounds 3] [--checkout DIR ...]    # about 2 minutes

Starts a PostgreSQL cluster of Debian's packages (tests/postgres_server.py) and a `chroma run`, both on free loopback
ports, and ingests the bundled articles through them. Then, in a new process for this checkout and for each
`--checkout` (another version of the project, `git archive COMMIT | tar -x -C DIR`), alternating, the 30 questions of
questions.py are asked once to warm up and `--rounds` times measured: p50 and mean of `qa.query`, and the
statements sent to PostgreSQL and requests sent to Chroma per question (counted by wrapping psycopg's
`Cursor.execute` and httpx's `Client.send`, which every request goes through). On loopback a round trip costs
0.1 to 0.3 ms for PostgreSQL and 1.5 to 3 ms for Chroma's HTTP API; a server on another machine costs more.
Everything listens on 127.0.0.1 and stops at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from tests.conftest import BUNDLED, ChromaServer, free_port  # noqa: E402
from tests.postgres_server import PostgresServer  # noqa: E402

# Run in the measured process, with the checkout's directory first on sys.path.
MEASURE = r"""
import collections, json, statistics, sys, time
sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[1] + "/bench")
import httpx, psycopg
import qa
from questions import QUESTIONS

trips = collections.Counter()

def counted(kind, call):
    def wrapper(self, *args, **kwargs):
        trips[kind] += 1
        return call(self, *args, **kwargs)
    return wrapper

psycopg.Cursor.execute = counted("postgres", psycopg.Cursor.execute)
httpx.Client.send = counted("chroma", httpx.Client.send)
questions = [question for _, question in QUESTIONS]
for question in questions:
    qa.query(question)
trips.clear()
times = []
for _ in range(int(sys.argv[2])):
    for question in questions:
        began = time.perf_counter()
        qa.query(question)
        times.append((time.perf_counter() - began) * 1000)
print(json.dumps({"p50_ms": statistics.median(times), "mean_ms": statistics.mean(times),
                  "postgres": trips["postgres"] / len(times), "chroma": trips["chroma"] / len(times)}))
"""


def measure(code: Path, rounds: int, env: dict) -> dict:
    result = subprocess.run([sys.executable, "-c", MEASURE, str(code), str(rounds)], env=env, capture_output=True,
                            text=True, cwd=code)
    if result.returncode:
        raise RuntimeError(f"{code}: {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds of the 30 questions (default 3)")
    parser.add_argument("--checkout", action="append", default=[], type=Path, help="another version to compare")
    parser.add_argument("--runs", type=int, default=2, help="alternating runs of each version (default 2)")
    args = parser.parse_args()
    postgres = PostgresServer(free_port())
    folder = Path(tempfile.mkdtemp(prefix="qa-round-trips-"))
    chroma = ChromaServer(folder / "chroma", free_port())
    postgres.start()
    chroma.start()
    try:
        env = {**os.environ, "QA_CATALOG_URL": postgres.create_database("qa"), "QA_CHROMA_URL": chroma.url,
               "QA_INDEX_DIR": str(folder / "index")}
        subprocess.run([sys.executable, "-m", "qa.cli", "ingest", str(BUNDLED)], env=env, check=True, cwd=ROOT,
                       capture_output=True)
        versions = [ROOT, *args.checkout]
        results: dict[str, list[dict]] = {str(code): [] for code in versions}
        for _ in range(args.runs):
            for code in versions:
                results[str(code)].append(measure(code, args.rounds, env))
        print(f"{'version':40} {'p50 ms':>8} {'mean ms':>8} {'PostgreSQL':>11} {'Chroma':>7}  (round trips a question)")
        for code, runs in results.items():
            for run in runs:
                print(f"{code[-40:]:40} {run['p50_ms']:8.1f} {run['mean_ms']:8.1f} {run['postgres']:11.1f} "
                      f"{run['chroma']:7.1f}")
    finally:
        chroma.stop()
        postgres.remove()


if __name__ == "__main__":
    main()
