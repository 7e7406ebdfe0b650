"""How long a `qa ask` takes from the shell, with the default model, against the same run with
sentence-transformers and torch imported first (as every run did before they became lazy imports).

    python bench/startup.py [--runs 5]    # QA_INDEX_DIR picks the index (built first if empty)

Each run is a new process answering the same question; the best and the median of the runs are printed for
both, and their ratio. The two kinds alternate, so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "Who is the governor of the Primorye region?"
ASK = f"import qa.cli; raise SystemExit(qa.cli.main(['ask', {QUESTION!r}]))"
EAGER = "import sentence_transformers, torch; " + ASK  # the import the default model no longer makes


def timed(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    timed(ASK)  # builds the index if it has none, and warms the file cache
    lazy, eager = [], []
    for _ in range(runs):
        lazy.append(timed(ASK))
        eager.append(timed(EAGER))
    for name, times in (("qa ask (as shipped)", lazy), ("qa ask, torch imported first", eager)):
        print(f"{name:<30} best {min(times):5.2f} s   median {statistics.median(times):5.2f} s")
    print(f"ratio, as shipped / torch first: best {min(lazy) / min(eager):.2f}, "
          f"median {statistics.median(lazy) / statistics.median(eager):.2f}")


if __name__ == "__main__":
    main()
