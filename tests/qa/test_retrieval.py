"""How the top k passages are taken from the fused ranking (qa/retrieval.py)."""

from qa.retrieval import Candidate, spread_over_articles


def ranked(documents: str) -> list[Candidate]:
    return [Candidate(f"{d}{i}", d, 0, 1, "x", d, None, "en", -i) for i, d in enumerate(documents)]


def test_one_article_takes_at_most_its_share_rounded_up_and_the_next_articles_fill_the_rest():
    taken = spread_over_articles(ranked("aaaaabbc"), 5, 0.6)
    assert [c.id for c in taken] == ["a0", "a1", "a2", "b5", "b6"]  # best first within what is taken
    assert [c.document for c in spread_over_articles(ranked("aaaaaaaabbbbcc"), 10, 0.7)] == list("aaaaaaabbb")


def test_passages_refused_for_the_share_come_last_when_no_other_article_can_fill():
    assert [c.id for c in spread_over_articles(ranked("aaaaab"), 5, 0.6)] == ["a0", "a1", "a2", "b5", "a3"]
    assert [c.id for c in spread_over_articles(ranked("aaaaaa"), 5, 0.6)] == ["a0", "a1", "a2", "a3", "a4"]
    assert spread_over_articles(ranked("aaaaab"), 5, 1.0) == ranked("aaaaab")[:5]  # a share of 1: the ranking's top k
