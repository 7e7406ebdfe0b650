"""An index whose vectors live on a real Chroma server (`chroma run`, on 127.0.0.1), as QA_CHROMA_URL sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from chromadb.api.models.Collection import Collection

import qa
from qa.prepare import Query
from qa.rankers import DenseRanker
from tests.conftest import BUNDLED, ChromaServer, free_port, run_qa

GOVERNOR = "Who is the governor of the Primorye region?"


@pytest.fixture
def chroma_server(tmp_path, monkeypatch):
    server = ChromaServer(tmp_path / "server-data", free_port())
    server.start()
    monkeypatch.setenv("QA_CHROMA_URL", server.url)
    yield server
    server.stop()
    qa.close_indexes()


def test_processes_share_the_index_through_the_server(chroma_server, corpus_copy, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    english = corpus_copy / "004_0c55c83cf9a148cd.txt"
    later = english.rename(tmp_path / english.name)
    report = qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    assert len(report.added) == 4, report.summary()
    assert chroma_server.client().get_collection("passages").count() == report_count(index_dir)
    assert not (index_dir / "chroma").exists()  # the index folder keeps only the catalog

    assert english.name not in dense_documents(index_dir)  # the passages' vectors are held in memory now

    added = run_qa("ingest", str(later), index_dir=index_dir)  # another process adds an article
    assert added.returncode == 0 and "1 added" in added.stdout, added.stderr
    answer = qa.query(GOVERNOR, index_dir=index_dir)  # this process, open all along, finds it
    assert english.name in {s.document for s in answer.sources}
    assert english.name in dense_documents(index_dir)  # by its vectors too: the held ones were read again
    assert chroma_server.client().get_collection("passages").count() == report_count(index_dir)

    counted = []  # each count is a round trip to the server
    count = Collection.count
    monkeypatch.setattr(Collection, "count", lambda self: counted.append(self.name) or count(self))
    assert not qa.query(GOVERNOR, index_dir=index_dir).abstained
    assert counted == ["passages"]  # one a question checks every held collection (the passages' and the words')

    result = run_qa("ask", GOVERNOR, "--json", index_dir=index_dir)  # and a third answers from it
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert not answer["abstained"]
    assert any(name in answer["text"] for name in ("Kozhemiako", "Kojemiako"))


def dense_documents(index_dir) -> set[str]:
    """The articles of the governor question's nearest passages, as the dense ranker finds them."""
    index = qa.open_index(index_dir, build_default=False)
    query = Query.build(GOVERNOR, [], index, index.settings)
    found = DenseRanker(index, index.settings.question_centring).find(query, query.searches[0], 6)
    return {record.document for record in index.catalog.passages(list(found)).values()}


def test_a_stopped_server_gets_a_clear_message_and_nothing_stored_is_lost(chroma_server, corpus_copy, tmp_path):
    index_dir = tmp_path / "index"
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    stored = chroma_server.client().get_collection("passages").count()
    chroma_server.stop()

    with pytest.raises(qa.StoreUnavailable, match="chroma run --path DIR --host 127.0.0.1"):
        qa.query(GOVERNOR, index_dir=index_dir)
    albanian = corpus_copy / "001_24cdb1bdea82b61a.txt"
    albanian.write_text(albanian.read_text(encoding="utf-8").replace("18 muaj luftë", "18 javë luftë"),
                        encoding="utf-8")
    with pytest.raises(qa.StoreUnavailable, match=chroma_server.url):
        qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    result = run_qa("ask", GOVERNOR, index_dir=index_dir)
    assert result.returncode == 2
    assert "does not answer" in result.stderr and "QA_CHROMA_URL" in result.stderr
    assert "Traceback" not in result.stderr
    # Reading what is indexed needs only the catalog: a new process lists the articles and shows one.
    listed = run_qa("list", index_dir=index_dir)
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 5, listed.stderr
    shown = run_qa("show", albanian.name, index_dir=index_dir)
    assert shown.returncode == 0 and "18 muaj luftë" in shown.stdout, shown.stderr

    chroma_server.start()
    answer = qa.query(GOVERNOR, index_dir=index_dir)  # the same process, once the server is back
    assert not answer.abstained and answer.sources
    assert chroma_server.client().get_collection("passages").count() == stored
    assert "18 muaj luftë" in qa.article(albanian.name, index_dir=index_dir)  # the stored version, whole
    again = qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    assert again.updated == [albanian.name] and len(again.unchanged) == 4
    assert "18 javë luftë" in qa.article(albanian.name, index_dir=index_dir)
    assert chroma_server.client().get_collection("passages").count() == report_count(index_dir)


def test_a_new_index_does_not_adopt_the_collection_of_another(chroma_server, tmp_path, monkeypatch):
    first = tmp_path / "first"
    qa.ingest(BUNDLED / "004_0c55c83cf9a148cd.txt", index_dir=first, show_progress=False)
    held = chroma_server.client().get_collection("passages").count()

    second = tmp_path / "second"
    with pytest.raises(qa.IndexMismatch, match="QA_CHROMA_COLLECTION"):
        qa.ingest(BUNDLED / "000_ede382171aec3975.txt", index_dir=second, show_progress=False)
    assert chroma_server.client().get_collection("passages").count() == held

    qa.close_indexes()
    monkeypatch.setenv("QA_CHROMA_COLLECTION", "second_index")
    report = qa.ingest(BUNDLED / "000_ede382171aec3975.txt", index_dir=second, show_progress=False)
    assert report.added == ["000_ede382171aec3975.txt"]
    assert chroma_server.client().get_collection("second_index").count() == report_count(second)
    assert chroma_server.client().get_collection("passages").count() == held


def report_count(index_dir: Path) -> int:
    return sum(a.passage_count for a in qa.articles(index_dir=index_dir))


def test_a_catalog_meeting_another_catalogs_collection_is_refused_at_every_start(chroma_server, corpus_copy, tmp_path,
                                                                                monkeypatch):
    english, albanian = corpus_copy / "004_0c55c83cf9a148cd.txt", corpus_copy / "001_24cdb1bdea82b61a.txt"
    first, second = tmp_path / "first", tmp_path / "second"
    qa.ingest(english, index_dir=first, show_progress=False)  # the first index's catalog claims 'passages'
    monkeypatch.setenv("QA_CHROMA_COLLECTION", "other")
    qa.ingest(albanian, index_dir=second, show_progress=False)  # a second index, with articles of its own
    qa.close_indexes()
    monkeypatch.setenv("QA_CHROMA_COLLECTION", "passages")  # then pointed at the first one's collection
    held = chroma_server.client().get_collection("passages").count()

    with pytest.raises(qa.IndexMismatch, match="belongs to another index's catalog"):
        qa.query(GOVERNOR, index_dir=second)  # refused although its own catalog is not empty
    rebuilt = run_qa("ingest", "--rebuild", str(albanian), index_dir=second)
    assert rebuilt.returncode == 2 and "deleted nothing of it" in rebuilt.stderr, rebuilt.stderr
    assert "Traceback" not in rebuilt.stderr
    assert chroma_server.client().get_collection("passages").count() == held  # the first index's vectors stay
    qa.close_indexes()
    answer = qa.query(GOVERNOR, index_dir=first)
    assert english.name in {source.document for source in answer.sources}
