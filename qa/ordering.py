"""The retrieved passages in the order an answer cites them: those that can answer first.

The search ranks passages by how close they are to the question's subject; the kind of answer it asks for
(`qa.answer_types`, `qa.quantities`) says which of them can answer it. Among the passages retrieved, one that holds a
candidate of that kind (a new name for "who", a number with what was counted for "how many", a date for "when")
comes before one that holds none, each group in the search's order. Only the order changes, never which passages:
a passage from beyond the top k would let the abstention rules find an answer of the kind in a story the question
is not about (measured: on-topic unanswerable questions were answered; docs/quality.md).
"""

from __future__ import annotations

from qa.answer_types import CHECKED
from qa.evidence import text_of_kind
from qa.prepare import Query
from qa.retrieval import Candidate
from qa.rules import states_asked_count


def answering_first(query: Query, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates, those holding an answer of the asked kind first (a stable partition); unchanged for a question
    whose kind has no form to look for (what, why, how)."""
    if query.counted_units:
        answering = [states_asked_count(query, candidate.text) for candidate in candidates]
    elif query.answer_type in CHECKED:
        holds = text_of_kind(query, [candidate.source() for candidate in candidates])
        answering = [holds(candidate.text, candidate.language) for candidate in candidates]
    else:
        return candidates
    return [c for c, a in zip(candidates, answering) if a] + [c for c, a in zip(candidates, answering) if not a]
