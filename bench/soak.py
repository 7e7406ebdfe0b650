"""Soak test: the chat server answering many askers while another process ingests and removes articles.

    python bench/soak.py [--minutes 30] [--askers 20] [--keep DIR]

What a deployment meets: `python -m ui` (what `qa chat` starts) serves a fresh index of the bundled articles on
127.0.0.1; ASKERS threads, each its own `gradio_client` connection, call `/ask` over and over; a separate process
adds, updates and removes a few extra articles through `qa.ingest` / `qa.remove` on the same index folder. Every
answer is checked: each [n] names one of its sources, and each source's text is its article's text at
[start:end] (against the text of every version of that article ever written, since the article may have changed
between the answer and the check). At the end, with every process stopped, the index is opened again and its
catalog must list as many passages as the vector store holds, with no write left pending.

All traffic goes to 127.0.0.1; the run stops by itself after --minutes (and each asker after --max-asks).
Prints the figures as JSON (also written to --report FILE when given); exit status 1 if any check failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from questions import QUESTIONS  # noqa: E402
from qa.types import CITATION  # noqa: E402
from vectorstore.settings import BUNDLED_ARTICLES  # noqa: E402

ENV = {"HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False", "GRADIO_ANALYTICS_ENABLED": "False",
       "TOKENIZERS_PARALLELISM": "false", "PYTHONUNBUFFERED": "1"}
STARTUP_SECONDS = 300
ASK_TIMEOUT = 300

# The articles the writer adds, changes and removes: each has two versions, and questions that only it answers.
EXTRA_ARTICLES = {
    "soak_glass_festival.txt": (
        "Glassblowers gather in Durrës for the Zorblat Festival of Glass\n\n"
        "The Zorblat Festival of Glass opened in Durrës on Saturday with forty workshops from six countries. "
        "Its winner, the glassblower Mira Kastrati, shaped a blue heron in under an hour. "
        "The festival's organiser, Arben Leka, said the next edition would move to the old harbour. "
        "Visitors paid no entry fee, and the workshops stayed open until midnight.\n"
    ),
    "soak_river_ferry.txt": (
        "A solar ferry crosses the Vjosa for the first time\n\n"
        "The first solar ferry on the Vjosa river made its maiden crossing near Poçem on Monday. "
        "The ferry, named Dallëndyshja, carries twelve passengers and two bicycles. "
        "Its builder, the cooperative Ujë i Pastër, spent three years on the design. "
        "Tickets cost one hundred lekë, and the ferry runs every half hour in summer.\n"
    ),
    "soak_chess_cup.txt": (
        "Ang paligsahan sa chess sa Baguio ay napanalunan ng isang guro\n\n"
        "Nanalo si Lorna Dizon, isang guro mula sa La Trinidad, sa Baguio Chess Cup noong Linggo. "
        "Tinalo niya ang dating kampeon sa ikasiyam na round matapos ang limang oras na laro. "
        "Ayon sa mga tagapag-ayos, mahigit dalawang daang manlalaro ang sumali ngayong taon. "
        "Ang premyo ay isang tropeo at limampung libong piso.\n"
    ),
}
EXTRA_QUESTIONS = [
    ("en", "Who won the Zorblat Festival of Glass?"), ("en", "How many passengers does the solar ferry carry?"),
    ("tl", "Sino ang nanalo sa Baguio Chess Cup?"), ("sq", "Sa kushton bileta e tragetit diellor?"),
]
CHANGED = "\nAn update added later: the organisers thanked the volunteers of {name}.\n"


def versions(name: str) -> list[str]:
    """Every text the article `name` can have: as first written and as changed by the writer."""
    text = EXTRA_ARTICLES[name]
    return [text, text + CHANGED.format(name=name)]


# --- the writer: a process of its own, as `qa ingest` and `qa remove` would be --------------------------------------

def write_until(index_dir: Path, folder: Path, deadline: float, seed: int) -> dict:
    import qa

    rng = random.Random(seed)
    done: Counter = Counter()
    errors: list[str] = []
    while time.time() < deadline:
        name = rng.choice(sorted(EXTRA_ARTICLES))
        path = folder / name
        action = rng.choice(["ingest", "ingest", "change", "remove"])
        try:
            if action == "remove":
                done["removed" if qa.remove(name, index_dir=index_dir) else "remove of an absent article"] += 1
            else:
                if action == "change":
                    path.write_text(rng.choice(versions(name)), encoding="utf-8")
                report = qa.ingest(path, index_dir=index_dir, show_progress=False)
                for kind in ("added", "updated", "unchanged", "skipped"):
                    done[kind] += len(getattr(report, kind))
        except Exception as error:  # counted and reported: the soak is about whether this ever happens
            errors.append(f"{action} {name}: {type(error).__name__}: {error}")
        time.sleep(rng.uniform(0.5, 3.0))
    return {"operations": dict(done), "errors": errors}


# --- the askers -------------------------------------------------------------------------------------------------------

class Tally:
    def __init__(self, texts: dict[str, list[str]]):
        self.texts = texts
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.answers = self.abstained = self.sources_checked = 0
        self.errors: Counter = Counter()
        self.wrong: list[str] = []

    def check(self, question: str, answer: dict, seconds: float) -> None:
        problems = []
        cited = [int(n) for n in CITATION.findall(answer["text"])]
        if any(not 1 <= n <= len(answer["sources"]) for n in cited):
            problems.append(f"citation out of range: {cited} for {len(answer['sources'])} sources")
        for source in answer["sources"]:
            known = self.texts.get(source["document"], [])
            if not any(text[source["start"]:source["end"]] == source["text"] for text in known):
                problems.append(f"span {source['document']} {source['start']}:{source['end']} is not its text")
        with self.lock:
            self.latencies.append(seconds)
            self.answers += 1
            self.abstained += answer["abstained"]
            self.sources_checked += len(answer["sources"])
            self.wrong += [f"{question!r}: {problem}" for problem in problems]

    def failed(self, error: Exception) -> None:
        with self.lock:
            self.errors[f"{type(error).__name__}: {str(error)[:200]}"] += 1


def ask_until(url: str, deadline: float, max_asks: int, seed: int, tally: Tally) -> None:
    from gradio_client import Client

    rng = random.Random(seed)
    client = Client(url, verbose=False)
    questions = QUESTIONS + EXTRA_QUESTIONS
    for _ in range(max_asks):
        if time.time() >= deadline:
            return
        _, question = rng.choice(questions)
        top_k = rng.choice([3, 5, 8])
        language = rng.choice([None, None, None, "sq", "tl", "en"])
        start = time.perf_counter()
        try:
            job = client.submit(question, top_k, language, api_name="/ask")
            answer = job.result(timeout=ASK_TIMEOUT)
        except Exception as error:  # counted: every failure the askers meet is reported
            tally.failed(error)
            continue
        tally.check(question, answer, time.perf_counter() - start)


# --- the run ----------------------------------------------------------------------------------------------------------

def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(index_dir: Path, folder: Path, env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = (folder / "server.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "ui", "--host", "127.0.0.1", "--port", str(port)],
                              cwd=ROOT, env={**env, "QA_INDEX_DIR": str(index_dir)}, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}; see {folder / 'server.log'}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return server, url
        except httpx.HTTPError:
            pass
        time.sleep(1)
    stop(server)
    raise SystemExit(f"the server did not answer within {STARTUP_SECONDS} s; see {folder / 'server.log'}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def invariant(index_dir: Path) -> dict:
    """With nothing running: the catalog's passages and the vector store's, and whether a write was left pending."""
    import qa

    index = qa.open_index(index_dir, build_default=False)
    try:
        held, listed = index.collection.count(), index.catalog.passage_count()
        return {"vectors": held, "catalog_passages": listed, "pending_writes": len(index.catalog.pending()),
                "articles": sorted(a.document for a in index.catalog.articles()),
                "holds": held == listed and not index.catalog.pending()}
    finally:
        qa.close_indexes()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="how long the askers and the writer run")
    parser.add_argument("--askers", type=int, default=20)
    parser.add_argument("--max-asks", type=int, default=5000, help="per asker, whatever the time left")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="run in this folder and keep it (default: a temporary one)")
    parser.add_argument("--report", type=Path, help="where to write the figures as JSON")
    parser.add_argument("--writer", nargs=3, metavar=("INDEX_DIR", "FOLDER", "DEADLINE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ.update(ENV)

    if args.writer:  # the writer process
        index_dir, folder, deadline = Path(args.writer[0]), Path(args.writer[1]), float(args.writer[2])
        print(json.dumps(write_until(index_dir, folder, deadline, args.seed)))
        return 0

    folder = args.keep or Path(tempfile.mkdtemp(prefix="qa-soak-"))
    folder.mkdir(parents=True, exist_ok=True)
    index_dir, extra = folder / "index", folder / "extra"
    extra.mkdir(exist_ok=True)
    for name in EXTRA_ARTICLES:
        (extra / name).write_text(EXTRA_ARTICLES[name], encoding="utf-8")
    texts = {path.name: [path.read_text(encoding="utf-8-sig")] for path in BUNDLED_ARTICLES.glob("*.txt")}
    texts.update({name: versions(name) for name in EXTRA_ARTICLES})
    env = {**{k: v for k, v in os.environ.items() if k not in ("QA_AUTH", "QA_LLM", "QA_INDEX_DIR")}, **ENV}

    print(f"Soak in {folder}: {args.askers} askers and one writer for {args.minutes:g} min", file=sys.stderr)
    server, url = start_server(index_dir, folder, env)  # builds the index from the bundled articles first
    writer = None
    started = time.time()
    try:
        deadline = time.time() + args.minutes * 60
        writer = subprocess.Popen([sys.executable, __file__, "--seed", str(args.seed), "--writer", str(index_dir),
                                   str(extra), str(deadline)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                  text=True, start_new_session=True)
        tally = Tally(texts)
        askers = [threading.Thread(target=ask_until, args=(url, deadline, args.max_asks, args.seed * 1000 + n, tally),
                                   daemon=True) for n in range(args.askers)]
        for asker in askers:
            asker.start()
        for asker in askers:
            asker.join(timeout=max(0.0, deadline - time.time()) + ASK_TIMEOUT + 60)
        writer_out, _ = writer.communicate(timeout=ASK_TIMEOUT)
        writes = json.loads(writer_out.strip().splitlines()[-1]) if writer_out.strip() else {"errors": ["no report"]}
    finally:
        if writer is not None:
            stop(writer)
        stop(server)
    elapsed = time.time() - started
    server_tracebacks = (folder / "server.log").read_text(errors="replace").count("Traceback")
    final = invariant(index_dir)
    figures = {
        "minutes": round(elapsed / 60, 1), "askers": args.askers, "answers": tally.answers,
        "abstained": tally.abstained, "sources_checked": tally.sources_checked,
        "wrong_citations_or_spans": len(tally.wrong), "wrong_examples": tally.wrong[:10],
        "ask_errors": sum(tally.errors.values()), "ask_error_kinds": dict(tally.errors.most_common(10)),
        "server_tracebacks": server_tracebacks,
        "latency_s": {"p50": round(percentile(tally.latencies, 0.5), 2),
                      "p95": round(percentile(tally.latencies, 0.95), 2),
                      "max": round(max(tally.latencies, default=float("nan")), 2),
                      "mean": round(statistics.fmean(tally.latencies), 2) if tally.latencies else None},
        "answers_per_minute": round(tally.answers / (elapsed / 60), 1),
        "writes": writes, "invariant": final,
    }
    if args.report:
        args.report.write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    ok = final["holds"] and not tally.wrong and not tally.errors and not writes.get("errors")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
