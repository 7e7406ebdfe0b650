"""Latency percentiles, wall-clock timing and process memory for the benchmark phases."""

from __future__ import annotations

import resource
import time
from dataclasses import asdict, dataclass
from typing import Callable, Iterable, TypeVar

import numpy as np

Item = TypeVar("Item")


@dataclass(frozen=True)
class Latency:
    median_ms: float
    p95_ms: float
    max_ms: float
    calls: int

    def as_dict(self) -> dict:
        return asdict(self)


def latency(call: Callable[[Item], object], items: Iterable[Item], warmup: int = 1, repeat: int = 3) -> Latency:
    """Time `call` on each item, keeping the best of `repeat` runs per item (the machine is shared,
    and other processes only ever add time); `warmup` untimed calls on the first items come first."""
    items = list(items)
    for item in items[:warmup]:
        call(item)
    best = []
    for item in items:
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            call(item)
            runs.append(time.perf_counter() - start)
        best.append(min(runs))
    ms = np.array(best) * 1000
    return Latency(float(np.median(ms)), float(np.percentile(ms, 95)), float(ms.max()), len(ms))


class Stopwatch:
    """`with Stopwatch() as watch: ...`, then `watch.seconds`."""

    def __enter__(self) -> "Stopwatch":
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self._start


def memory_mb() -> dict[str, float]:
    """Peak resident memory of the process so far (getrusage) and the resident memory now."""
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    with open("/proc/self/statm") as statm:
        resident_pages = int(statm.read().split()[1])
    return {
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "current_rss_mb": round(resident_pages * resource.getpagesize() / 2**20, 1),
    }


def ratio(numerator: float, denominator: float, digits: int = 2) -> float:
    return round(numerator / denominator, digits) if denominator else float("inf")
