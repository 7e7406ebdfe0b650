"""The dev-set quality bar, measured as `qa eval` measures it."""

import pytest

import qa
from qa.evaluation import evaluate, load_questions
from tests.conftest import SHARED

DEV_SET = SHARED / "eval" / "dev.jsonl"


@pytest.fixture(scope="module")
def dev_scores(bundled_index):
    if not DEV_SET.exists():
        pytest.skip(f"{DEV_SET} is not beside the project")
    questions = load_questions(DEV_SET)
    summary, rows = evaluate(questions, ask=lambda q: qa.query(q, index_dir=bundled_index), k=5,
                             article=lambda d: qa.article(d, index_dir=bundled_index))
    return summary


def test_citations_valid_and_spans_exact(dev_scores):
    assert dev_scores["all"]["citation_validity"] == 1.0
    assert dev_scores["all"]["exact_spans"] == 1.0


def test_abstains_on_none_and_answers_the_rest(dev_scores):
    assert dev_scores["kind=none"]["abstention"] == 1.0
    answerable = [dev_scores[k]["abstention"] for k in dev_scores if k in ("kind=mono", "kind=cross", "kind=multi")]
    assert min(answerable) >= 0.95


def test_same_language_questions_meet_the_bar(dev_scores):
    mono = dev_scores["kind=mono"]
    assert mono["evidence@k"] >= 0.95 and mono["mrr"] >= 0.8 and mono["answer_hit"] >= 0.9


@pytest.mark.xfail(strict=True, reason="the packaged model (all-MiniLM-L6-v2) is English-only; cross-language "
                   "questions need a multilingual model such as intfloat/multilingual-e5-small (README)")
def test_whole_bar_including_cross_language(dev_scores):
    overall = dev_scores["all"]
    assert overall["evidence@k"] >= 0.95 and overall["mrr"] >= 0.8 and overall["answer_hit"] >= 0.9
    assert dev_scores["kind=cross"]["answer_hit"] >= 0.8
