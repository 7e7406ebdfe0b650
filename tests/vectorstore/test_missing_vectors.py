"""Passages whose vectors were lost (a store restored from an older backup, a server that lost a write) are
reported, searched by their words alone, and embedded again by the next ingest."""

import json

import qa
from tests.conftest import run_qa
from vectorstore.catalog import passage_id

GOVERNOR = "Who is the governor of the Primorye region?"
ENGLISH = "004_0c55c83cf9a148cd.txt"


def test_lost_vectors_are_reported_and_embedded_again_by_the_next_ingest(corpus_copy, index_dir):
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    index = qa.open_index(index_dir, build_default=False)
    english = index.catalog.article(ENGLISH)
    index.collection.delete(ids=[passage_id(english.document, english.content_hash, i)
                                 for i in range(english.passage_count)])
    qa.close_indexes()

    asked = run_qa("ask", GOVERNOR, "--json", index_dir=index_dir)
    assert asked.returncode == 0 and "Traceback" not in asked.stderr, asked.stderr
    assert f"{english.passage_count} of the" in asked.stderr and "have no vector" in asked.stderr
    assert ENGLISH in asked.stderr and "Run 'qa ingest'" in asked.stderr
    json.loads(asked.stdout)  # an answer, from what the other rankers find

    repaired = run_qa("ingest", str(corpus_copy), index_dir=index_dir)
    assert repaired.returncode == 0, repaired.stderr
    assert f"{english.passage_count} passages' lost vectors embedded again" in repaired.stdout, repaired.stdout

    asked = run_qa("ask", GOVERNOR, "--json", index_dir=index_dir)
    assert asked.returncode == 0 and "have no vector" not in asked.stderr, asked.stderr
    answer = json.loads(asked.stdout)
    assert not answer["abstained"] and ENGLISH in {source["document"] for source in answer["sources"]}
