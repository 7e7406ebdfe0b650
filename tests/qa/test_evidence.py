"""How the retrieved sentences are ranked for quoting (qa/evidence.py), on hand-built vectors."""

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
