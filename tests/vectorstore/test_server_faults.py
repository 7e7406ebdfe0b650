"""kill -9 of the catalog's PostgreSQL server or of the vectors' Chroma server, in the middle of an ingest or of a
question: the user gets one line naming the server and how to start it (no traceback); once it is back nothing is
half-written (the collection holds exactly the catalog's passages), the interrupted ingest completes when run again,
and a long-lived process answers again.

To kill at a known moment the test holds the ingest (or the question) on a real row or table lock of its own in
the catalog's database, waits until the server reports the ingest's connection waiting on it, and kills then."""

from __future__ import annotations

import json
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, ROOT, ChromaServer, free_port, run_qa
from tests.postgres_server import PostgresServer, postgres_bin

pytestmark = pytest.mark.skipif(postgres_bin() is None,
                                reason="PostgreSQL is not installed (apt-get install postgresql)")
psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'qa-citations[postgres]')")

ARTICLES = sorted(path.name for path in BUNDLED.iterdir())  # ingested in this order (the files are given so)
HELD = ARTICLES[1]  # the article whose catalog write is held until a server is killed: the first is stored by then
GOVERNOR = "Who is the governor of the Primorye region?"
WAIT_SECONDS = 120


def kill_chroma(chroma: ChromaServer) -> None:
    """kill -9 of `chroma run` (one process: the server runs inside it)."""
    chroma.process.send_signal(signal.SIGKILL)
    chroma.process.wait(timeout=30)


def postgres_running(postgres: PostgresServer) -> bool:
    try:
        postgres.psql("SELECT 1")
        return True
    except subprocess.CalledProcessError:
        return False


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    postgres = PostgresServer(free_port())
    chroma = ChromaServer(tmp_path_factory.mktemp("chroma"), free_port())
    try:
        postgres.start()
        chroma.start()
        yield postgres, chroma
    finally:
        chroma.stop()
        postgres.remove()


@pytest.fixture
def shared(servers, monkeypatch, tmp_path):
    """Both servers up, a new database for the catalog and a new collection for the vectors; the catalog's tables
    made (as any process's start makes them), so that the test can hold a write before an ingest reaches it."""
    from vectorstore.catalog.postgres import PostgresCatalog

    postgres, chroma = servers
    if not postgres_running(postgres):
        postgres.start()
    if chroma.process is None or chroma.process.poll() is not None:
        chroma.start()
    url = postgres.create_database(f"faults_{uuid.uuid4().hex[:8]}")
    PostgresCatalog(url).close()
    monkeypatch.setenv("QA_CATALOG_URL", url)
    monkeypatch.setenv("QA_CHROMA_URL", chroma.url)
    monkeypatch.setenv("QA_CHROMA_COLLECTION", collection := f"faults_{uuid.uuid4().hex[:8]}")
    return postgres, chroma, url, collection


def ingest_command(index_dir: Path, corpus: Path) -> list[str]:
    return [sys.executable, "-m", "qa.cli", "--index-dir", str(index_dir), "ingest",
            *(str(corpus / name) for name in ARTICLES)]


def hold_write_of(url: str, document: str):
    """An open transaction that inserted `document`'s catalog row: the ingest's own insert of it waits for it (after
    the article's vectors are sent to Chroma, before its catalog transaction commits)."""
    held = psycopg.connect(url)
    held.execute("INSERT INTO articles VALUES (%s, '', '', '', NULL, NULL, '', 0)", (document,))
    return held


def hold_journal_mark_of(url: str, path: Path):
    """An open transaction that inserted the journal's mark of the article's write: the ingest's own mark of it waits
    for it (before anything of the article is sent to Chroma)."""
    from vectorstore.ingest import prepare_article
    from vectorstore.settings import Settings

    settings = Settings.from_env()
    content_hash = prepare_article(path, settings.passage_tokens, settings.max_file_bytes).record.content_hash
    held = psycopg.connect(url)
    held.execute("INSERT INTO pending VALUES (%s, %s)", (path.name, content_hash))
    return held


def wait_until_waiting_on_lock(url: str, process: subprocess.Popen) -> None:
    """Until a connection of the database waits on a lock (the held write, or the held table)."""
    deadline = time.monotonic() + WAIT_SECONDS
    with psycopg.connect(url, autocommit=True) as watcher:
        while time.monotonic() < deadline:
            if watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                               "AND wait_event_type = 'Lock'").fetchone()[0]:
                return
            assert process.poll() is None, f"the process ended before reaching the held write: {process.stderr.read()}"
            time.sleep(0.05)
    raise AssertionError("the process never reached the held write")


def one_line_error(stderr: str, returncode: int) -> str:
    """The `qa: error:` line of a command that failed with exit status 2, on a line of its own, without a
    traceback (a progress bar's redraws are split off at their carriage returns)."""
    assert returncode == 2 and "Traceback" not in stderr, stderr
    errors = [line for line in re.split(r"[\r\n]+", stderr) if "qa: error:" in line]
    assert len(errors) == 1 and errors[0].startswith("qa: error:"), stderr
    return errors[0]


def says_how_to_start_postgres(line: str, url: str) -> None:
    assert f"the PostgreSQL server at {url} (QA_CATALOG_URL) does not answer" in line, line
    assert "pg_ctl -D DATADIR start" in line, line


def says_how_to_start_chroma(line: str, chroma: ChromaServer) -> None:
    assert f"the Chroma server at {chroma.url} (QA_CHROMA_URL) does not answer" in line, line
    assert f"chroma run --path DIR --host 127.0.0.1 --port {chroma.port}" in line, line


def listed(index_dir: Path) -> dict[str, int]:
    result = run_qa("list", "--json", index_dir=index_dir)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return {article["document"]: article["passages"] for article in json.loads(result.stdout)}


def journal(postgres: PostgresServer, url: str) -> list[str]:
    """The articles whose writes the catalog's journal says are under way."""
    return postgres.psql("SELECT document FROM pending ORDER BY document", url.rsplit("/", 1)[1]).split()


def stored(postgres: PostgresServer, url: str) -> dict[str, int]:
    """The catalog's articles and their passage counts, as its tables hold them."""
    rows = postgres.psql("SELECT document, passage_count FROM articles", url.rsplit("/", 1)[1]).split()
    return {document: int(count) for document, count in (row.split("|") for row in rows)}


def vectors_by_article(chroma: ChromaServer, collection: str) -> dict[str, int]:
    held = chroma.client().get_collection(collection).get(include=["metadatas"])
    counts: dict[str, int] = {}
    for metadata in held["metadatas"]:
        counts[metadata["document"]] = counts.get(metadata["document"], 0) + 1
    return counts


def assert_whole(articles: dict[str, int], chroma: ChromaServer, collection: str) -> dict[str, int]:
    """Catalog and vectors agree: each article (with its passage count) has a vector for each passage, and no
    other vector is held."""
    assert vectors_by_article(chroma, collection) == articles
    assert chroma.client().get_collection(collection).count() == sum(articles.values())
    return articles


def ingest_again_completes(index_dir: Path, corpus: Path, chroma: ChromaServer, collection: str, postgres, url):
    again = subprocess.run(ingest_command(index_dir, corpus), capture_output=True, text=True, cwd=ROOT,
                           timeout=300)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    assert sorted(assert_whole(listed(index_dir), chroma, collection)) == ARTICLES
    assert journal(postgres, url) == []


def test_postgres_killed_mid_ingest(shared, corpus_copy, tmp_path):
    postgres, chroma, url, collection = shared
    index_dir = tmp_path / "index"
    held = hold_write_of(url, HELD)
    ingest = subprocess.Popen(ingest_command(index_dir, corpus_copy), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        wait_until_waiting_on_lock(url, ingest)
        postgres.kill()  # the first article stored, the second's vectors sent and its catalog write under way
        stdout, stderr = ingest.communicate(timeout=WAIT_SECONDS)
    finally:
        ingest.kill()
        held.close()
    says_how_to_start_postgres(one_line_error(stderr, ingest.returncode), url)

    asked = run_qa("ask", GOVERNOR, index_dir=tmp_path / "replica")  # a question meanwhile
    says_how_to_start_postgres(one_line_error(asked.stderr, asked.returncode), url)

    postgres.start()
    assert journal(postgres, url) == [HELD]  # the journal says which write was cut short
    assert sorted(stored(postgres, url)) == ARTICLES[:1]  # the held article is not half in the catalog
    assert vectors_by_article(chroma, collection)[HELD]  # its vectors, sent before, wait for the recovery
    # Edited meanwhile, the article comes back as another version: the half-written one's vectors must go.
    (corpus_copy / HELD).write_text((corpus_copy / HELD).read_text(encoding="utf-8") + "\nPërditësuar.\n",
                                    encoding="utf-8")
    ingest_again_completes(index_dir, corpus_copy, chroma, collection, postgres, url)


@pytest.mark.parametrize("moment", ["vectors sent", "journal marked"])
def test_chroma_killed_mid_ingest(shared, corpus_copy, tmp_path, moment):
    postgres, chroma, url, collection = shared
    index_dir = tmp_path / "index"
    # The second article's write is held with its vectors acknowledged and its catalog write under way, or with
    # the journal's mark of it under way and nothing sent yet; either way its next step after the kill finds no server.
    held = hold_write_of(url, HELD) if moment == "vectors sent" else hold_journal_mark_of(url, corpus_copy / HELD)
    ingest = subprocess.Popen(ingest_command(index_dir, corpus_copy), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        wait_until_waiting_on_lock(url, ingest)
        kill_chroma(chroma)
        held.rollback()
        stdout, stderr = ingest.communicate(timeout=WAIT_SECONDS)
    finally:
        ingest.kill()
        held.close()
    says_how_to_start_chroma(one_line_error(stderr, ingest.returncode), chroma)

    if moment == "vectors sent":  # a question meanwhile (once is enough)
        asked = run_qa("ask", GOVERNOR, index_dir=index_dir)
        says_how_to_start_chroma(one_line_error(asked.stderr, asked.returncode), chroma)

    chroma.start()
    if moment == "vectors sent":  # committed once let go, with the vectors Chroma acknowledged before its death
        assert journal(postgres, url) == [] and sorted(stored(postgres, url)) == ARTICLES[:2]
    else:  # the journal says the write was cut short
        assert journal(postgres, url) == [HELD] and sorted(stored(postgres, url)) == ARTICLES[:1]
    assert_whole(stored(postgres, url), chroma, collection)
    ingest_again_completes(index_dir, corpus_copy, chroma, collection, postgres, url)


# A long-lived process: ingests the articles given, then answers each question read from stdin with one line of
# JSON (the documents cited, or the message of an index that cannot be used).
ASKING = """
import json, sys
import qa
qa.ingest(sys.argv[1], index_dir=sys.argv[2], show_progress=False)
print(json.dumps({"ready": True}), flush=True)
for question in sys.stdin:
    try:
        answer = qa.query(question.strip(), index_dir=sys.argv[2])
        print(json.dumps({"sources": [source.document for source in answer.sources]}), flush=True)
    except qa.IndexUnusable as error:
        print(json.dumps({"error": str(error)}), flush=True)
"""


class Asker:
    def __init__(self, corpus: Path, index_dir: Path):
        self.process = subprocess.Popen([sys.executable, "-c", ASKING, str(corpus), str(index_dir)], cwd=ROOT,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
        self.replies: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [self.replies.put(json.loads(line)) for line in self.process.stdout],
                         daemon=True).start()
        assert self.reply() == {"ready": True}

    def send(self, question: str) -> None:
        self.process.stdin.write(question + "\n")
        self.process.stdin.flush()

    def reply(self) -> dict:
        try:
            return self.replies.get(timeout=WAIT_SECONDS)
        except queue.Empty:
            raise AssertionError(f"no reply; the process said: {self.stderr()}") from None

    def ask(self, question: str) -> dict:
        self.send(question)
        return self.reply()

    def stderr(self) -> str:
        """What the process said on stderr, once it ended (at the end of its input, or killed)."""
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        return self.process.stderr.read()


def held_table(url: str, table: str):
    """An open transaction holding `table` against every read: a question that reads it waits there."""
    held = psycopg.connect(url)
    held.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
    return held


def test_servers_killed_mid_question_and_the_same_process_answers_once_they_are_back(shared, corpus_copy, tmp_path):
    postgres, chroma, url, _ = shared
    asker = Asker(corpus_copy, tmp_path / "index")
    try:
        assert "004_0c55c83cf9a148cd.txt" in asker.ask(GOVERNOR)["sources"]

        # The question waits on the trigram counts (read as it is built, before any search) when PostgreSQL dies.
        held = held_table(url, "gram_counts")
        asker.send(GOVERNOR)
        wait_until_waiting_on_lock(url, asker.process)
        postgres.kill()
        held.close()
        reply = asker.reply()
        assert "error" in reply and "\n" not in reply["error"], reply
        says_how_to_start_postgres(reply["error"], url)
        assert "error" in asker.ask(GOVERNOR)  # while it is down: the same message, at once
        postgres.start()
        assert "004_0c55c83cf9a148cd.txt" in asker.ask(GOVERNOR)["sources"]

        # Chroma dies while the question waits on the languages' mean vectors, the first read of a question, before
        # any of Chroma (a question checks the server once, at its first read of the vectors); once let go, the
        # question finds no server.
        held = held_table(url, "language_vectors")
        asker.send(GOVERNOR)
        wait_until_waiting_on_lock(url, asker.process)
        kill_chroma(chroma)
        held.close()
        reply = asker.reply()
        assert "error" in reply and "\n" not in reply["error"], reply
        says_how_to_start_chroma(reply["error"], chroma)
        chroma.start()
        assert "004_0c55c83cf9a148cd.txt" in asker.ask(GOVERNOR)["sources"]
        assert asker.process.poll() is None
    finally:
        stderr = asker.stderr()
    assert "Traceback" not in stderr, stderr
