"""Questions asked by several clients at once in one process: latency and throughput of `qa.query`, against plain
LlamaIndex's query loop (bench/plain_llamaindex.py: the same e5 model, dense top 5) with as many clients, in one run.

    python bench/concurrency.py [--clients 1 4 20] [--seconds 60] [--checkout DIR]    # QA_INDEX_DIR picks the index

For each client count and each kind, a new process loads the index, answers one question to warm up, then starts
that many threads, each asking the 30 questions of questions.py in turn (from its own starting point) until
`--seconds` (at most 60) have passed. `--checkout DIR` adds `qa.query` from another checkout of the project
(`git archive COMMIT | tar -x -C DIR`), to compare two versions in one run; `--checkout-index` gives it an index
of its own version. Extra environment variables for
every kind go in front of the command as usual (QA_THREADS=1 ...).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
MAX_SECONDS = 60


def ask_function(kind: str, index_dir: str):
    if kind == "plain":
        from plain_llamaindex import open_retriever

        retriever = open_retriever(index_dir)
        return retriever.retrieve
    import qa

    return lambda question: qa.query(question, index_dir=index_dir)


def serve_clients(kind: str, clients: int, seconds: float, index_dir: str) -> dict:
    """Run in the measured process: `clients` threads asking until `seconds` have passed."""
    from questions import QUESTIONS

    questions = [question for _, question in QUESTIONS]
    ask = ask_function(kind, index_dir)
    ask(questions[0])  # loads the model and opens the index
    latencies: list[float] = []
    errors: list[str] = []
    cpu, start = time.process_time(), time.perf_counter()
    deadline = start + seconds

    def client(number: int) -> None:
        turn = number
        while time.perf_counter() < deadline:
            question = questions[turn % len(questions)]
            turn += 1
            began = time.perf_counter()
            try:
                ask(question)
            except Exception as error:  # counted and shown: a benchmark run must not stop at the first
                errors.append(f"{type(error).__name__}: {error}")
                continue
            latencies.append(time.perf_counter() - began)

    threads = [threading.Thread(target=client, args=(number * 7,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    ms = np.array(latencies) * 1000 if latencies else np.zeros(1)
    return {"answers": len(latencies), "errors": len(errors), "first_error": errors[0] if errors else None,
            "seconds": round(elapsed, 1), "per_minute": round(len(latencies) / elapsed * 60, 1),
            "p50_ms": round(float(np.percentile(ms, 50)), 1), "p95_ms": round(float(np.percentile(ms, 95)), 1),
            "cpu_s": round(time.process_time() - cpu, 1)}


def measure(kind: str, clients: int, seconds: float, index_dir: Path, checkout: Path) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--clients", str(clients),
               "--seconds", str(seconds), "--index-dir", str(index_dir)]
    result = subprocess.run(command, cwd=checkout, capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": os.pathsep.join([str(checkout), str(ROOT / "bench")])})
    return json.loads(result.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 20])
    parser.add_argument("--seconds", type=float, default=MAX_SECONDS)
    parser.add_argument("--checkout", type=Path, help="another checkout whose qa.query is measured too")
    parser.add_argument("--checkout-index", type=Path, help="the index that checkout reads (default: the same)")
    parser.add_argument("--worker", choices=["qa", "plain"], help=argparse.SUPPRESS)
    parser.add_argument("--index-dir", help=argparse.SUPPRESS)
    options = parser.parse_args()
    seconds = min(options.seconds, MAX_SECONDS)
    if options.worker:
        print(json.dumps(serve_clients(options.worker, options.clients[0], seconds, options.index_dir)))
        return
    sys.path.insert(0, str(ROOT))
    from vectorstore.settings import Settings

    index_dir = Settings.from_env().index_dir
    kinds = {"qa.query": ("qa", ROOT, index_dir), "plain LlamaIndex": ("plain", ROOT, index_dir)}
    if options.checkout:
        kinds[f"qa.query of {options.checkout}"] = ("qa", options.checkout.resolve(),
                                                     options.checkout_index or index_dir)
    results: dict[tuple[str, int], dict] = {}
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start; {seconds:.0f} s per row")
    print(f"{'kind':<36} {'clients':>7} {'answers':>7} {'errors':>6} {'per min':>8} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'CPU s':>6}")
    for clients in options.clients:
        for name, (kind, checkout, index) in kinds.items():
            row = results[name, clients] = measure(kind, clients, seconds, index, checkout)
            print(f"{name:<36} {clients:>7} {row['answers']:>7} {row['errors']:>6} {row['per_minute']:>8} "
                  f"{row['p50_ms']:>8} {row['p95_ms']:>8} {row['cpu_s']:>6}", flush=True)
            if row["first_error"]:
                print(f"    first error: {row['first_error']}")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    single = min(options.clients)
    for name in kinds:
        if name == "plain LlamaIndex":
            continue
        for clients in options.clients:
            ours, plain = results[name, clients], results["plain LlamaIndex", clients]
            print(f"{name}, {clients} clients: throughput / plain LlamaIndex's "
                  f"{ours['per_minute'] / plain['per_minute']:.2f}, p95 / its own {single}-client p50 {ours['p95_ms'] / results[name, single]['p50_ms']:.1f}")


if __name__ == "__main__":
    main()
