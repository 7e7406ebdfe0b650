"""The default answerer: quote the sentences of the sources that best answer the question, each cited.

It writes nothing of its own (an abstention's line comes from `qa/rules.py`), so every sentence of an answer is
in a source.
"""

from __future__ import annotations

from qa.evidence import Evidence, best_support, credited_score
from qa.prepare import Query
from qa.rules import count_sentence
from qa.types import Answer, Source

MAX_SENTENCES = 4
KEEP_RATIO = 0.8  # further sentences must score at least this share of the best one,
KEEP_SIMILARITY_MARGIN = 0.05  # or be this close to the best cosine similarity (words shared need not count)


def compose_answer(query: Query, sources: list[Source], evidence: list[Evidence]) -> Answer:
    """The quoted sentences, each with its source's [n]; the abstention rules have found that some answer."""
    policy = query.policy
    # Credited as for abstention: a sentence in another language shares fewer of the question's trigrams, and an
    # overview sentence in the question's own language must not push out the one that answers.
    # A sentence as close in meaning as the best one stays too, though it repeats fewer of the question's words:
    # "Its winner, the glassblower …" answers "Who won the Zorblat Festival of Glass?" less in spelling than "The
    # Zorblat Festival of Glass was held in …" does.
    best = best_support(evidence, sources, query.language, policy)
    closest = max(e.similarity for e in evidence)
    kept = (e for e in evidence if credited_score(e, sources, query.language, policy) >= KEEP_RATIO * best
            or e.similarity >= closest - KEEP_SIMILARITY_MARGIN)
    relevant = sorted(kept, key=lambda e: e.rank, reverse=True)
    # Only a number with what was counted answers "how many": the sources' best sentence that has one comes first.
    counted = count_sentence(query, evidence) if query.counted_units else None
    if counted is not None:
        relevant = [counted] + [e for e in relevant if e is not counted]
    chosen = relevant[:MAX_SENTENCES]
    if not query.follow_up:  # a follow-up's answer keeps its quoting order: what answers the follow-up first
        chosen.sort(key=lambda e: (e is not counted, e.source_number, e.sentence.start))  # the count first
    text = " ".join(f"{e.sentence.text.strip()} [{e.source_number}]" for e in chosen)
    return Answer(text=text, sources=sources, abstained=False, question=query.text)
