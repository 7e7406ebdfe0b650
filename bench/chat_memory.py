"""Peak memory of `qa chat` on an index: start it on a loopback port, ask questions through `/ask`, read its peak RSS.

    python bench/chat_memory.py /tmp/bench100k/index [--questions 6]    # an index from large_index.py, say

The server is the real `qa chat` process; questions go through gradio_client as a user's script would send them
(`questions.py`'s, spread over the three languages, again from the first after the 30). Peak RSS is the kernel's high-water mark of the
process (VmHWM in /proc/PID/status), read after start-up and after the questions; its children are listed too.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from questions import QUESTIONS  # noqa: E402


def memory(pid: int) -> dict[str, int]:
    """VmHWM and VmRSS of a process, in MB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            found[key] = int(value.split()[0]) // 1024
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--questions", type=int, default=6)
    options = parser.parse_args()
    port = free_port()
    log = open(options.index_dir.parent / "chat.log", "w")
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "qa.cli", "--index-dir", str(options.index_dir), "chat",
                               "--host", "127.0.0.1", "--port", str(port)], cwd=ROOT, stdout=log, stderr=log)
    try:
        from gradio_client import Client

        client = None
        while client is None:
            if server.poll() is not None:
                raise SystemExit(f"qa chat stopped; see {log.name}")
            try:
                client = Client(f"http://127.0.0.1:{port}/", verbose=False)
            except Exception:  # not listening yet
                time.sleep(2)
        print(f"qa chat up after {time.perf_counter() - started:.0f} s (pid {server.pid}): {memory(server.pid)} MB")
        spread = [question for _, question in QUESTIONS][::max(1, len(QUESTIONS) // options.questions)]
        for number in range(options.questions):  # past the 30, they come round again
            question = spread[number % len(spread)]
            asked = time.perf_counter()
            answer = client.predict(question, api_name="/ask")
            print(f"{time.perf_counter() - asked:5.1f} s  {len(answer.get('sources', []))} sources  "
                  f"{answer.get('reason')}  {question}  {memory(server.pid)} MB", flush=True)
        peak = memory(server.pid)
        print(f"qa chat peak RSS {peak['VmHWM']:,} MB, now {peak['VmRSS']:,} MB; children "
              f"{[(pid, memory(pid)) for pid in children(server.pid)]}")
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
