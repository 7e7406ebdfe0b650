"""The catalog in PostgreSQL against the catalog in SQLite, in one run: write throughput and the reads of a question
at N passages, then end-to-end questions through two replicas sharing PostgreSQL and a Chroma server.

    python bench/postgres_bench.py [--passages 100000] [--clients 20] [--seconds 60] [--skip-replicas]

Part 1 (catalogs): a PostgreSQL cluster of Debian's packages on a free loopback port (tests/postgres_server.py) and a
SQLite file are filled with the same synthetic articles (bench/synthetic_corpus.py) through `put_article`, one
transaction per article as ingestion writes them; then each read a question makes is timed on both (best of 3 per
question, median and p95 over the 30 questions of questions.py, or `--questions` of them), and one article is replaced, added and deleted.

Part 2 (replicas, the bundled articles): a `chroma run` and the same PostgreSQL on loopback; replica A ingests the
bundled articles with the catalog in PostgreSQL; then two processes, each `qa` on an index folder of its own
(QA_CATALOG_URL and QA_CHROMA_URL shared), are asked by `--clients` threads in all (half each) for `--seconds`
(at most 60); against one process with the SQLite catalog and its own collection on the same Chroma server, asked by
as many threads for as long. Everything listens on 127.0.0.1 and stops at the end. Prints tables and writes
bench/results/postgres.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import numpy as np  # noqa: E402

import catalog_bench  # noqa: E402
from measure import Latency, Stopwatch, latency, ratio  # noqa: E402
from questions import QUESTIONS  # noqa: E402
from synthetic_corpus import PASSAGES_PER_ARTICLE, VECTOR_DIMENSION, load_sources, synthetic_articles  # noqa: E402
from tests.conftest import BUNDLED, ChromaServer, free_port  # noqa: E402
from tests.postgres_server import PostgresServer  # noqa: E402
from vectorstore.catalog import PassageSentences, SqliteCatalog  # noqa: E402
from vectorstore.text import words_of  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "postgres.json"
MAX_SECONDS = 60
UPDATES = 10
SENTENCES_PER_PASSAGE = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000, help="catalog size (default 100000)")
    parser.add_argument("--questions", type=int, default=len(QUESTIONS),
                        help="questions whose catalog reads are timed, taken evenly from the 30 (default all)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients in part 2 (default 20)")
    parser.add_argument("--seconds", type=float, default=MAX_SECONDS, help="seconds of questions per row (max 60)")
    parser.add_argument("--skip-catalogs", action="store_true", help="only part 2")
    parser.add_argument("--skip-replicas", action="store_true", help="only part 1")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    options = parser.parse_args()
    seconds = min(options.seconds, MAX_SECONDS)
    if options.worker:
        print(json.dumps(serve(options.clients, seconds, options.worker)))
        return
    report: dict = {"load_average_before": os.getloadavg(), "cores": os.cpu_count()}
    postgres = PostgresServer(free_port())
    postgres.start()
    try:
        if not options.skip_catalogs:
            questions = QUESTIONS[:: max(len(QUESTIONS) // options.questions, 1)][: options.questions]
            report["catalogs"] = compare_catalogs(postgres, options.passages, questions)
            print_catalogs(report["catalogs"])
        if not options.skip_replicas:
            report["replicas"] = compare_replicas(postgres, options.clients, seconds)
            print_replicas(report["replicas"])
    finally:
        postgres.remove()
    report["load_average_after"] = os.getloadavg()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, default=lambda o: o.as_dict()))
    print(f"\nload average {report['load_average_before'][0]:.1f} at the start, "
          f"{report['load_average_after'][0]:.1f} at the end; written {RESULTS}")


# --- part 1: the catalogs ------------------------------------------------------------------------------------------
def compare_catalogs(postgres: PostgresServer, passages: int, questions: list[tuple[str, str]]) -> dict:
    from vectorstore.catalog.postgres import PostgresCatalog

    sources = load_sources()
    articles = -(-passages // PASSAGES_PER_ARTICLE)
    out: dict = {"passages": articles * PASSAGES_PER_ARTICLE, "articles": articles, "questions": len(questions)}
    with tempfile.TemporaryDirectory(prefix="qa-pgbench-") as folder:
        database = f"bench_{uuid.uuid4().hex[:8]}"
        catalogs = {"sqlite": SqliteCatalog(Path(folder) / "catalog.sqlite3"),
                    "postgres": PostgresCatalog(postgres.create_database(database))}
        for name, catalog in catalogs.items():
            load = os.getloadavg()[0]
            with Stopwatch() as watch:
                written = catalog_bench.fill_catalog(catalog, synthetic_articles(sources, 0, articles), articles)
            out[name] = {"build_seconds": round(watch.seconds, 1),
                         "passages_per_second": round(written / watch.seconds, 1),
                         "load_average_during_build": round((load + os.getloadavg()[0]) / 2, 1)}
            print(f"{name}: {written:,} passages in {watch.seconds:.1f} s", flush=True)
        out["sqlite"]["megabytes"] = catalog_bench.catalog_megabytes(catalogs["sqlite"])
        out["postgres"]["megabytes"] = round(int(postgres.psql(f"SELECT pg_database_size('{database}')")) / 2**20, 1)
        add_sentences(catalogs, questions)
        for name, catalog in catalogs.items():
            out[name]["queries"] = query_latency(catalog, questions)
            print(f"{name}: reads timed", flush=True)
        for name, catalog in catalogs.items():
            step = max(articles // UPDATES, 1)
            out[name]["updates"] = catalog_bench.update_latency(
                catalog, sources, replace=list(range(step // 2, articles, step))[:UPDATES],
                add=list(range(10**6, 10**6 + UPDATES)))
        for catalog in catalogs.values():
            catalog.close()
    out["ratios"] = catalog_ratios(out)
    return out


def query_latency(catalog, questions: list[tuple[str, str]]) -> dict[str, Latency]:
    """catalog_bench's reads of a question, plus the others `qa.query` makes: the candidates' records and stored
    sentences, a name's fragment (`count_containing`) and the spellings of a name (`words_starting`)."""
    reads = catalog_bench.query_latency(catalog, questions)
    top = [(q, [pid for pid, _ in catalog.lexical_search(q, catalog_bench.LIMIT)]) for _, q in questions]
    longest = [max(words_of(q), key=len) for _, q in questions]
    reads["passages"] = latency(lambda item: catalog.passages(item[1]), top)
    reads["passage_sentences"] = latency(lambda item: catalog.passage_sentences(item[1]), top)
    reads["count_containing"] = latency(lambda word: catalog.count_containing(word[1:-1], 1), longest)
    reads["words_starting"] = latency(lambda word: catalog.words_starting(word[:4], (len(word) - 2, len(word) + 2)),
                                      longest)
    return reads


def add_sentences(catalogs: dict, questions) -> None:
    """Stand-in answer sentences (three per passage, random unit vectors) for every article that holds one of a
    question's lexical top passages, so that `passage_sentences` reads blobs of the real size."""
    reference = catalogs["sqlite"]
    hits = {pid for _, q in questions for pid, _ in reference.lexical_search(q, catalog_bench.LIMIT)}
    documents = sorted({record.document for record in reference.passages(sorted(hits)).values()})
    rng = np.random.default_rng(0)
    for document in documents:
        spans = [p.end - p.start for p in sorted(reference.passages(_ids_of(reference, document)).values(),
                                                 key=lambda p: p.ordinal)]
        sentences = []
        for length in spans:
            cuts = np.linspace(0, length, SENTENCES_PER_PASSAGE + 1).astype(np.int32)
            vectors = rng.standard_normal((SENTENCES_PER_PASSAGE, VECTOR_DIMENSION)).astype(np.float32)
            sentences.append(PassageSentences(np.stack([cuts[:-1], cuts[1:]], axis=1),
                                              vectors / np.linalg.norm(vectors, axis=1, keepdims=True)))
        for catalog in catalogs.values():
            catalog.put_article_sentences(document, sentences)


def _ids_of(catalog: SqliteCatalog, document: str) -> list[str]:
    from vectorstore.catalog import passage_id

    record = catalog.article(document)
    return [passage_id(document, record.content_hash, n) for n in range(record.passage_count)]


def catalog_ratios(out: dict) -> dict[str, float]:
    sqlite, postgres = out["sqlite"], out["postgres"]
    ratios = {"write_throughput_postgres_over_sqlite": ratio(postgres["passages_per_second"],
                                                             sqlite["passages_per_second"])}
    for name in sqlite["queries"]:
        ratios[f"{name}_p50_postgres_over_sqlite"] = ratio(postgres["queries"][name].median_ms,
                                                           sqlite["queries"][name].median_ms)
        ratios[f"{name}_p95_postgres_over_sqlite"] = ratio(postgres["queries"][name].p95_ms,
                                                           sqlite["queries"][name].p95_ms)
    for name in ("replace_article", "add_article", "delete_article"):
        ratios[f"{name}_p50_postgres_over_sqlite"] = ratio(postgres["updates"][name].median_ms,
                                                           sqlite["updates"][name].median_ms)
    return ratios


def print_catalogs(out: dict) -> None:
    sqlite, postgres, ratios = out["sqlite"], out["postgres"], out["ratios"]
    print(f"\nCatalogs at {out['passages']:,} passages ({out['articles']:,} articles), reads of {out['questions']} "
          "questions: median [p95], best of 3 per question")
    print(f"{'measure':<28} {'SQLite':>22} {'PostgreSQL':>22} {'PG / SQLite':>12}")
    print(f"{'write, passages/s':<28} {sqlite['passages_per_second']:>22,.0f} {postgres['passages_per_second']:>22,.0f} "
          f"{ratios['write_throughput_postgres_over_sqlite']:>12}")
    print(f"{'build, s':<28} {sqlite['build_seconds']:>22} {postgres['build_seconds']:>22}")
    print(f"{'size, MB':<28} {sqlite['megabytes']:>22} {postgres['megabytes']:>22}")

    def cell(value: Latency) -> str:
        return f"{value.median_ms:.2f} [{value.p95_ms:.2f}] ms"

    for name in sqlite["queries"]:
        print(f"{name:<28} {cell(sqlite['queries'][name]):>22} {cell(postgres['queries'][name]):>22} "
              f"{ratios[f'{name}_p50_postgres_over_sqlite']:>12}")
    for name in ("replace_article", "add_article", "delete_article"):
        print(f"{name:<28} {cell(sqlite['updates'][name]):>22} {cell(postgres['updates'][name]):>22} "
              f"{ratios[f'{name}_p50_postgres_over_sqlite']:>12}")
    for name in ("sqlite", "postgres"):
        failed = [check for check, passed in out[name]["updates"]["checks"].items() if not passed]
        print(f"{name} update checks: {'all passed' if not failed else 'FAILED ' + ', '.join(failed)}")


# --- part 2: replicas ----------------------------------------------------------------------------------------------
def compare_replicas(postgres: PostgresServer, clients: int, seconds: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="qa-pgbench-replicas-") as folder:
        folder = Path(folder)
        chroma = ChromaServer(folder / "chroma", free_port())
        chroma.start()
        try:
            shared = {"QA_CHROMA_URL": chroma.url, "QA_CATALOG_URL": postgres.create_database(
                f"replicas_{uuid.uuid4().hex[:8]}"), "QA_CHROMA_COLLECTION": "passages"}
            alone = {"QA_CHROMA_URL": chroma.url, "QA_CHROMA_COLLECTION": "passages_sqlite"}
            for env, index in ((shared, folder / "replica-1"), (alone, folder / "single")):
                ingest(index, env)
            half = [clients // 2, clients - clients // 2]
            two = run_workers([(folder / "replica-1", shared, half[0]), (folder / "replica-2", shared, half[1])],
                              seconds)
            one = run_workers([(folder / "single", alone, clients)], seconds)
        finally:
            chroma.stop()
    out = {"clients": clients, "seconds": seconds, "articles": "bundled (data/articles)",
           "two_replicas_postgres": two, "one_replica_sqlite": one}
    out["ratios"] = {
        "throughput_two_over_one": ratio(two["per_minute"], one["per_minute"]),
        "p50_two_over_one": ratio(two["p50_ms"], one["p50_ms"]),
        "p95_two_over_one": ratio(two["p95_ms"], one["p95_ms"]),
    }
    return out


def environment(extra: dict) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("QA_CATALOG_URL", "QA_CHROMA_URL", "QA_CHROMA_COLLECTION")}
    return {**env, **extra, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")])}


def ingest(index: Path, extra: dict) -> None:
    done = subprocess.run([sys.executable, "-m", "qa.cli", "--index-dir", str(index), "ingest", str(BUNDLED)],
                          capture_output=True, text=True, cwd=ROOT, env=environment(extra), timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"qa ingest failed: {done.stderr[-2000:]}")


def serve(clients: int, seconds: float, index_dir: str) -> dict:
    """In a replica's process: `clients` threads asking `qa.query` the 30 questions in turn until `seconds` pass
    (as bench/concurrency.py's clients do), keeping every latency so that replicas' latencies can be pooled."""
    import threading

    from concurrency import ask_function

    questions = [question for _, question in QUESTIONS]
    ask = ask_function("qa", index_dir)
    ask(questions[0])  # loads the model and opens the index
    latencies: list[float] = []
    errors: list[str] = []
    abstained: list[bool] = []
    cpu, start = time.process_time(), time.perf_counter()
    deadline = start + seconds

    def client(turn: int) -> None:
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            try:
                answer = ask(questions[turn % len(questions)])
            except Exception as error:  # counted and shown: a benchmark run must not stop at the first
                errors.append(f"{type(error).__name__}: {error}")
            else:
                latencies.append(time.perf_counter() - began)
                abstained.append(answer.abstained)
            turn += 1

    threads = [threading.Thread(target=client, args=(number * 7 + random.randrange(30),)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return {"answers": len(latencies), "abstained": sum(abstained), "errors": len(errors),
            "first_error": errors[0] if errors else None, "seconds": round(elapsed, 1), "cpu_s": round(time.process_time() - cpu, 1),
            "latencies_ms": [round(s * 1000, 1) for s in latencies]}


def run_workers(workers: list[tuple[Path, dict, int]], seconds: float) -> dict:
    """Each worker a process of its own answering with `clients` threads; latencies and answers pooled."""
    processes = [subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--worker", str(index),
                                   "--clients", str(count), "--seconds", str(seconds)],
                                  cwd=ROOT, env=environment(extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for index, extra, count in workers]
    rows = []
    for process in processes:  # each stops asking after `seconds`; the timeout covers loading the model
        stdout, stderr = process.communicate(timeout=seconds + 600)
        if process.returncode != 0:
            raise RuntimeError(f"a replica failed: {stderr[-2000:]}")
        rows.append(json.loads(stdout.splitlines()[-1]))
    answers = sum(row["answers"] for row in rows)
    elapsed = max(row["seconds"] for row in rows)
    return {"processes": rows, "answers": answers, "abstained": sum(row["abstained"] for row in rows), "errors": sum(row["errors"] for row in rows),
            "first_error": next((row["first_error"] for row in rows if row["first_error"]), None),
            "per_minute": round(answers / elapsed * 60, 1),
            "p50_ms": _pooled(rows, 50), "p95_ms": _pooled(rows, 95),
            "cpu_s": round(sum(row["cpu_s"] for row in rows), 1)}


def _pooled(rows: list[dict], percentile: int) -> float:
    latencies = [ms for row in rows for ms in row["latencies_ms"]]
    return round(float(np.percentile(latencies, percentile)), 1) if latencies else 0.0


def print_replicas(out: dict) -> None:
    print(f"\nQuestions on the bundled articles, {out['clients']} clients, {out['seconds']:.0f} s")
    print(f"{'setup':<40} {'answers':>7} {'abstained':>9} {'errors':>6} {'per min':>8} {'p50 ms':>8} {'p95 ms':>8} {'CPU s':>6}")
    for name, label in (("two_replicas_postgres", "2 replicas, PostgreSQL + Chroma server"),
                        ("one_replica_sqlite", "1 replica, SQLite + Chroma server")):
        row = out[name]
        print(f"{label:<40} {row['answers']:>7} {row['abstained']:>9} {row['errors']:>6} {row['per_minute']:>8} {row['p50_ms']:>8} "
              f"{row['p95_ms']:>8} {row['cpu_s']:>6}")
        if row["first_error"]:
            print(f"    first error: {row['first_error']}")
    print("ratios (two replicas / one): " + ", ".join(f"{k} {v}" for k, v in out["ratios"].items()))


if __name__ == "__main__":
    main()
