"""Several replicas, each with its own index folder (as on separate machines), sharing one catalog on a real
PostgreSQL server and the vectors on a real Chroma server: they list, answer and see changes alike."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.conftest import ChromaServer, free_port, run_qa
from tests.postgres_server import PostgresServer, postgres_bin

pytestmark = pytest.mark.skipif(postgres_bin() is None, reason="PostgreSQL is not installed (apt-get install postgresql)")

GOVERNOR = "Who is the governor of the Primorye region?"
ENGLISH, ALBANIAN = "004_0c55c83cf9a148cd.txt", "001_24cdb1bdea82b61a.txt"


@pytest.fixture
def shared_servers(tmp_path, monkeypatch):
    postgres = PostgresServer(free_port())
    chroma = ChromaServer(tmp_path / "chroma", free_port())
    postgres.start()
    chroma.start()
    monkeypatch.setenv("QA_CATALOG_URL", postgres.create_database(f"replicas_{uuid.uuid4().hex[:8]}"))
    monkeypatch.setenv("QA_CHROMA_URL", chroma.url)
    yield postgres, chroma
    chroma.stop()
    postgres.remove()


def listed(index_dir) -> list[str]:
    result = run_qa("list", "--json", index_dir=index_dir)
    assert result.returncode == 0, result.stderr
    return sorted(article["document"] for article in json.loads(result.stdout))


def answered(index_dir, question: str = GOVERNOR) -> dict:
    result = run_qa("ask", question, "--json", index_dir=index_dir)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def test_two_replicas_list_answer_and_see_each_others_changes(shared_servers, corpus_copy, tmp_path):
    _, chroma = shared_servers
    first, second = tmp_path / "replica-1", tmp_path / "replica-2"
    ingested = run_qa("ingest", str(corpus_copy / ENGLISH), index_dir=first)
    assert ingested.returncode == 0 and "1 added" in ingested.stdout, ingested.stderr

    assert listed(second) == listed(first) == [ENGLISH]
    one, other = answered(first), answered(second)
    assert not one["abstained"] and one == other  # the same answer, the same sources, from either replica
    assert not (first / "catalog.sqlite3").exists() and not (second / "catalog.sqlite3").exists()

    added = run_qa("ingest", str(corpus_copy / ALBANIAN), index_dir=second)  # the other replica adds one
    assert added.returncode == 0 and "1 added" in added.stdout, added.stderr
    assert listed(first) == [ALBANIAN, ENGLISH]  # seen at once by the first
    removed = run_qa("remove", ENGLISH, index_dir=first)
    assert removed.returncode == 0, removed.stderr
    assert listed(second) == [ALBANIAN]
    assert ENGLISH not in {source["document"] for source in answered(second)["sources"]}
    # Catalog and vectors agree: the collection holds the passages the shared catalog lists, no more.
    passages = sum(article["passages"] for article in json.loads(run_qa("list", "--json", index_dir=first).stdout))
    assert chroma.client().get_collection("passages").count() == passages


def test_the_catalog_on_a_server_needs_the_vectors_on_one(shared_servers, tmp_path, monkeypatch):
    monkeypatch.delenv("QA_CHROMA_URL")
    refused = run_qa("list", index_dir=tmp_path / "replica")
    assert refused.returncode == 2 and "set QA_CHROMA_URL" in refused.stderr and "Traceback" not in refused.stderr
