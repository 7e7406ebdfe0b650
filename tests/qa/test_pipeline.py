"""The pipeline's stages and parts on the real model and index: the Query built once, named rankers, the Answer's
reason (qa/pipeline.py, qa/prepare.py, qa/rankers.py)."""

from dataclasses import replace

import pytest

import qa
from qa.pipeline import Assistant
from qa.prepare import Query, Search
from qa.rankers import rankers_for, retriever_for
from qa.retrieval import Candidate
from qa.types import Reason

SHOIGU_ARTICLE = "003_e05fb4bfbdb8159e.txt"


class ArticleRanker:
    """Prefers the passages of one article: a ranker written as a user would, with no other change."""

    name = "article"

    def __init__(self, document: str):
        self.document = document

    def find(self, query: Query, search: Search, limit: int) -> dict[str, float]:
        return {}

    def scores(self, query: Query, search: Search, pool: dict[str, Candidate],
               found: dict[str, float]) -> dict[str, float]:
        return {pid: float(c.document == self.document) for pid, c in pool.items()}


@pytest.fixture(scope="module")
def index(bundled_index):
    return qa.open_index(bundled_index, build_default=False)


def test_a_new_ranker_joins_the_fusion_with_one_class_and_one_weight(index):
    question = "Who is the governor of the Primorye region?"
    plain = qa.query(question, index_dir=index.settings.index_dir)
    assert SHOIGU_ARTICLE not in {s.document for s in plain.sources}

    def top(weight: float) -> tuple[list[str], qa.Answer]:
        settings = replace(index.settings, weights={"article": weight})
        rankers = [*rankers_for(index, settings), ArticleRanker(SHOIGU_ARTICLE)]
        answer = [item for item in Assistant.from_settings(settings, rankers=rankers).stream(question)
                  if isinstance(item, qa.Answer)][0]
        query = Query.build(question, [], index, settings)
        return [c.document for c in retriever_for(index, settings, rankers).retrieve(query)], answer

    found, answer = top(3.0)
    assert SHOIGU_ARTICLE in found and SHOIGU_ARTICLE in {s.document for s in answer.sources}
    assert top(20.0)[0][0] == SHOIGU_ARTICLE  # the weight decides how far it moves them
    assert SHOIGU_ARTICLE not in top(0.0)[0]  # without a weight it counts for nothing


def test_one_article_takes_at_most_its_share_of_the_sources_while_other_articles_are_found(index):
    question = "Who is the governor of the Primorye region?"
    settings = replace(index.settings, weights={"article": 20.0})
    rankers = [*rankers_for(index, settings), ArticleRanker(SHOIGU_ARTICLE)]

    def found(share: float) -> list[str]:
        shared = replace(settings, max_article_share=share)
        return [c.document for c in retriever_for(index, shared, rankers).retrieve(Query.build(question, [], index,
                                                                                                shared))]

    spread = found(index.settings.max_article_share)
    assert len(spread) == 5 and spread[:3] == [SHOIGU_ARTICLE] * 3  # still first, by the ranker's weight
    assert spread.count(SHOIGU_ARTICLE) == 3  # 0.6 of 5, the rest from other articles
    assert found(1.0).count(SHOIGU_ARTICLE) > 3  # the share decides


def test_a_question_over_one_article_still_gets_every_source_asked_for(index):
    # The bundled articles hold one in Tagalog: with the language filter, every passage found is of that article.
    answer = qa.query("Anong regalo ang natanggap ni Kim bago umalis?", language="tl",
                      index_dir=index.settings.index_dir)
    assert len(answer.sources) == 5 and len({s.document for s in answer.sources}) == 1


def test_the_query_is_built_once_with_everything_the_stages_read(index):
    history = [{"role": "user", "content": "What gifts did Kim receive before leaving Russia?"}]
    query = Query.build("Who gave them to him?", history, index, index.settings, top_k=3, language="en")
    assert query.follow_up and query.search_text.startswith("What gifts did Kim receive")
    assert [s.text for s in query.searches] == [query.search_text, "Who gave them to him?"]
    assert query.own_vector == query.searches[1].vector and len(query.vector) == 384
    assert query.language == "en" and query.only_language == "en" and query.top_k == 3
    assert query.index.passage_total == index.catalog.passage_count()
    assert query.index.languages == {"en", "sq", "tl"} and set(query.index.language_means) == {"en", "sq", "tl"}
    alone = Query.build("For how many months had Russia been at war?", [], index, index.settings)
    assert not alone.follow_up and len(alone.searches) == 1 and alone.own_vector is None
    assert "months" in alone.counted_units and "muaj" in alone.counted_units
    assert "muaj" in alone.counterparts


def test_every_outcome_has_its_reason(bundled_index, tmp_path):
    def ask(question, **options):
        return qa.query(question, index_dir=options.pop("index_dir", bundled_index), **options)

    answered = ask("Who is the governor of the Primorye region?")
    assert answered.reason is Reason.ANSWERED and not answered.rule and not answered.abstained
    unknown = ask("Who won the 2022 football World Cup?")
    assert unknown.reason is Reason.NOT_IN_ARTICLES and unknown.rule == "weak_evidence" and unknown.abstained
    filtered = ask("Who won the 2022 football World Cup?", language="tl")
    assert filtered.reason is Reason.LANGUAGE_FILTER
    assert ask("Who is the governor?", language="de").reason is Reason.LANGUAGE_NOT_HELD
    assert ask("hello").reason is Reason.SMALL_TALK
    empty = tmp_path / "emptied-index"  # an index that held an article once, now emptied by its user
    (tmp_path / "note.txt").write_text("The harbour of Quenmoor reopened on Monday after the storm.\n", encoding="utf-8")
    qa.ingest(tmp_path / "note.txt", index_dir=empty, show_progress=False)
    qa.remove("note.txt", index_dir=empty)
    assert ask("Who is the governor?", index_dir=empty).reason is Reason.NO_ARTICLES
    assert answered.to_dict()["reason"] == "answered" and unknown.to_dict()["rule"] == "weak_evidence"


def test_the_public_names_stay_callable_once_the_pipeline_is_loaded():
    # A module of `qa` named like a public function would replace it on import ("qa.query" had become a module).
    import qa.pipeline  # noqa: F401
    assert all(callable(getattr(qa, name)) for name in ("query", "query_stream", "article", "articles", "ingest"))


def test_a_passage_whose_vector_is_gone_gets_no_dense_score_and_no_crash(index):
    # A writer in another process may remove an article's vectors while a question reads the catalog state that
    # still lists it (bench/soak.py met it: "matmul: ... size 384 is different from 0").
    from qa.rankers import DenseRanker

    query = Query.build("Who is the governor of the Primorye region?", [], index, index.settings)
    gone = Candidate("no-such-passage", "gone.txt", 0, 4, "Gone", "Gone", None, "en", 0.0)
    assert DenseRanker(index).scores(query, query.searches[0], {gone.id: gone}, {}) == {}
