"""How the retrieved sentences are ranked for quoting (qa/evidence.py), on hand-built vectors."""

from dataclasses import replace

import numpy as np

from qa.evidence import AnswerPolicy, rank_evidence
from qa.prepare import IndexFacts, Query, Search
from qa.retrieval import Candidate
from vectorstore.catalog import PassageSentences

LEAD = "PORTO VELL, 3 May — The town opened its harbour, as Mayor Ana Ruiz cut the ribbon."
DETAIL = "The harbour was designed by the engineer Pau Vidal."
OTHERS = ["Mayor Ana Ruiz thanked the fishermen.", "The fishing fleet sailed past the new quay."]


def unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def passage(number: int, sentence: str, vector: np.ndarray) -> tuple[Candidate, PassageSentences]:
    candidate = Candidate(f"p{number}", "harbour.txt", 100 * number, 100 * number + len(sentence), sentence,
                          "Harbour", None, "en", 1.0)
    return candidate, PassageSentences(np.array([[0, len(sentence)]], dtype=np.int32), vector[None, :])


def ranked(policy: AnswerPolicy) -> list[str]:
    # The lead is a little closer to the question than the detail, and much closer to what the story's other
    # sentences say: it sums them up.
    vectors = [unit(0.8, 0.55, 0.0), unit(0.8, -0.6, 0.0), unit(0.55, 0.8, 0.1), unit(0.5, 0.7, 0.5)]
    pairs = [passage(n, text, v) for n, (text, v) in enumerate(zip([LEAD, DETAIL, *OTHERS], vectors), start=1)]
    query = Query(text="Who designed the harbour?", search_text="Who designed the harbour?", language="en",
                  only_language=None, top_k=4, follow_up=False, searches=(Search("Who designed the harbour?",
                                                                                 (1.0, 0.0, 0.0)),),
                  counted_units=(), policy=policy, index=IndexFacts(passage_total=4, languages=frozenset({"en"})))
    evidence = rank_evidence(query, [c for c, _ in pairs], {c.id: s for c, s in pairs}, embedder=None)
    return [e.sentence.text for e in sorted(evidence, key=lambda e: e.rank, reverse=True)]


def test_a_sentence_that_sums_up_the_retrieved_ones_ranks_below_the_detail_that_answers():
    policy = AnswerPolicy(overlap_weight=0.5, min_evidence=0.9, confident_evidence=0.93)
    assert ranked(policy)[0] == DETAIL
    # Without the weight on closeness to the sentences' mean, the lead comes first by its similarity alone.
    assert ranked(AnswerPolicy(overlap_weight=0.5, min_evidence=0.9, confident_evidence=0.93,
                               rank_centrality_weight=0.0))[0] == LEAD


def test_an_article_s_title_and_lead_rank_below_a_detail_as_close_to_the_question():
    title = "Porto Vell opens its new harbour"
    lead = "PORTO VELL, 3 May — The town opened its harbour, as Mayor Ana Ruiz cut the ribbon."
    texts = [(title, 0), (lead, len(title) + 2), (DETAIL, 400)]
    vectors = [unit(0.9, 0.1, 0.45), unit(0.92, 0.1, -0.35), unit(0.9, -0.3, 0.3)]  # cosines 0.89, 0.93, 0.905
    candidates = [Candidate(f"p{n}", "harbour.txt", start, start + len(text), text, title, None, "en", 1.0)
                  for n, (text, start) in enumerate(texts)]
    stored = {c.id: PassageSentences(np.array([[0, len(c.text)]], dtype=np.int32), v[None, :])
              for c, v in zip(candidates, vectors)}
    query = Query(text="Who designed the harbour?", search_text="Who designed the harbour?", language="en",
                  only_language=None, top_k=3, follow_up=False,
                  searches=(Search("Who designed the harbour?", (1.0, 0.0, 0.0)),), counted_units=(),
                  policy=AnswerPolicy(overlap_weight=0.5, min_evidence=0.9, confident_evidence=0.93,
                                      rank_centrality_weight=0.0),
                  index=IndexFacts(passage_total=3, languages=frozenset({"en"})))

    def first(policy: AnswerPolicy) -> str:
        evidence = rank_evidence(replace(query, policy=policy), candidates, stored, embedder=None)
        return max(evidence, key=lambda e: e.rank).sentence.text

    assert first(query.policy) == DETAIL
    assert first(replace(query.policy, rank_opening_weight=0.0)) == lead  # by its similarity alone
