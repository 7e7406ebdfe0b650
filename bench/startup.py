"""How long a cold `qa ask` takes from the shell, in wall time and CPU time, against a cold plain-LlamaIndex query
(bench/plain_llamaindex.py: the same e5 model over the same Chroma collection, top 5) in the same run.

    python bench/startup.py [--runs 5] [--torch-first] [--checkout DIR]    # QA_INDEX_DIR picks the index

Each run is a new process answering the same question; the kinds alternate, so a busy machine slows all alike.
`--torch-first` adds the same `qa ask` with sentence-transformers and torch imported first, as every run did before
they became imports of the other models only. `--checkout DIR` adds the same `qa ask` run from another checkout of
the project (`git archive COMMIT | tar -x -C DIR`), to compare two versions in one run (`--checkout-index`: an index
of that version).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vectorstore.settings import Settings  # noqa: E402  (light: no model, no store)

QUESTION = "Who is the governor of the Primorye region?"
EAGER = "import sentence_transformers, torch; "  # the import the default model no longer makes


def ask(index_dir: Path) -> str:
    return f"import qa.cli; raise SystemExit(qa.cli.main(['--index-dir', {str(index_dir)!r}, 'ask', {QUESTION!r}]))"


def timed(command: list[str], checkout: Path = ROOT) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=checkout, check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "PYTHONPATH": str(checkout)})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--torch-first", action="store_true")
    parser.add_argument("--checkout", type=Path, help="another checkout whose qa ask is timed too")
    parser.add_argument("--checkout-index", type=Path, help="the index that checkout reads (default: the same)")
    options = parser.parse_args()
    index_dir = Settings.from_env().index_dir
    kinds = {"qa ask": ([sys.executable, "-c", ask(index_dir)], ROOT),
             "plain LlamaIndex": ([sys.executable, str(ROOT / "bench" / "plain_llamaindex.py"), str(index_dir),
                                   QUESTION], ROOT)}
    if options.torch_first:
        kinds["qa ask, torch imported first"] = ([sys.executable, "-c", EAGER + ask(index_dir)], ROOT)
    if options.checkout:
        kinds[f"qa ask of {options.checkout}"] = ([sys.executable, "-c", ask(options.checkout_index or index_dir)],
                                                  options.checkout.resolve())
    for command, checkout in kinds.values():  # the first builds the index if it has none; all warm the file cache
        timed(command, checkout)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in kinds}
    for _ in range(options.runs):
        for name, (command, checkout) in kinds.items():
            runs[name].append(timed(command, checkout))
    print(f"{options.runs} runs each, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    for name, times in runs.items():
        walls, cpus = [wall for wall, _ in times], [cpu for _, cpu in times]
        print(f"{name:<40} wall best {min(walls):5.2f} s median {statistics.median(walls):5.2f} s   "
              f"CPU best {min(cpus):5.2f} s median {statistics.median(cpus):5.2f} s")
    plain = runs["plain LlamaIndex"]
    for name, ours in runs.items():
        if name == "plain LlamaIndex":
            continue
        for what, column in (("CPU", 1), ("wall", 0)):
            print(f"{name} / plain LlamaIndex, {what}: median "
                  f"{statistics.median(r[column] for r in ours) / statistics.median(r[column] for r in plain):.2f}, "
                  f"best {min(r[column] for r in ours) / min(r[column] for r in plain):.2f}")


if __name__ == "__main__":
    main()
