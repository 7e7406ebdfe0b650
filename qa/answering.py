"""The default answerer: quote the sentence of the sources that best answers the question, cited, and a second one
only when it adds a different fact; the same fact in other sources is named, not quoted again.

It writes nothing of its own but the corroboration note (an abstention's line comes from `qa/rules.py`), so every
quoted sentence is in a source.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from qa.citation_check import in_citation_order
from qa.evidence import Evidence, quoting_order, worth_quoting
from qa.prepare import Query
from qa.questions import language_name_or_code
from qa.rules import NEARBY, count_sentence, states_asked_count
from qa.types import Answer, Quote, Source

MAX_SENTENCES = 2
# A second sentence is quoted only when it ranks this close to the first: further down, it is about the same events
# and answers less (a median answer of two long news sentences is a page to a reader who asked one thing).
SECOND_SENTENCE_MARGIN = 0.03
# Two sentences of different sources report the same fact when their similarity is this many times the mean of
# each one's MARGIN_NEIGHBOURS closest sentences in the other sources (`SameFacts`); measured on the bundled
# articles' translated reports (the drones, the governor, the departure: 1.01 to 1.03).
SAME_FACT_MARGIN = 1.01
MARGIN_NEIGHBOURS = 4


def compose_answer(query: Query, sources: list[Source], evidence: list[Evidence]) -> Answer:
    """The best answering sentence first, with its source's [n] and the sources that report the same fact; the
    abstention rules have found that some answer."""
    def order(e: Evidence) -> float:
        return quoting_order(query, e)

    # Without the answer-type rule among the abstention rules, a typed question may have no sentence of its kind.
    relevant = worth_quoting(query, sources, evidence) or sorted(evidence, key=order, reverse=True)
    # Of the sentences worth quoting, in quoting order, before any other: the one scoring best may be a story's lead.
    counted = (count_sentence(query, relevant) or count_sentence(query, evidence)) if query.counted_units else None
    if counted is not None:  # only a number with what was counted answers "how many": it comes first
        relevant = [counted] + [e for e in relevant if e is not counted]
    facts = SameFacts(evidence, sources)
    chosen = [relevant[0]]
    for e in relevant[1:]:
        if len(chosen) >= MAX_SENTENCES or order(e) < order(chosen[0]) - SECOND_SENTENCE_MARGIN:
            break
        if not any(facts.same(e, c) or e.sentence == c.sentence for c in chosen):
            chosen.append(e)
    # A sentence of the question's language stands in for its report only if it answers as much (the count too).
    answering = [e for e in relevant
                 if not query.counted_units or states_asked_count(query, e.sentence.text)]
    chosen = [prefer_question_language(e, facts, sources, query, answering) for e in chosen]
    quoted: dict[int, list[Quote]] = {}
    parts = []
    for e in chosen:
        others = [o for o in facts.reports_of(e) if o.source_number not in
                  {c.source_number for c in chosen}]
        for shown in [e] + others:
            quoted.setdefault(shown.source_number, []).append(Quote(shown.sentence.start, shown.sentence.end))
        parts.append(f"{e.sentence.text.strip()} [{e.source_number}]" + corroboration_note(others, sources))
    sources = [replace(source, quotes=tuple(sorted(set(quoted.get(number, ())), key=lambda q: q.start)))
               for number, source in enumerate(sources, start=1)]
    return Answer(text=" ".join(parts), sources=sources, abstained=False, question=query.text)


def with_nearby(refusal: Answer, query: Query, evidence: list[Evidence]) -> Answer:
    """The refusal, and after it the sentence of its sources that ranks first for quoting (in the question's language
    when a source there reports the same), cited, marked in its source as quoted, and said to be no answer (`NEARBY`);
    its source becomes [1], as an answer's first cited one. For a refusal by an on-topic rule (`qa.rules.ON_TOPIC`)."""
    sources = refusal.sources
    if not evidence or not sources:
        return refusal
    ranked = sorted(evidence, key=lambda e: quoting_order(query, e), reverse=True)
    nearest = prefer_question_language(ranked[0], SameFacts(evidence, sources), sources, query, ranked)
    quote = Quote(nearest.sentence.start, nearest.sentence.end)
    text, sources = in_citation_order(
        NEARBY.format(refusal=refusal.text, sentence=nearest.sentence.text.strip(), number=nearest.source_number),
        [replace(source, quotes=(quote,)) if number == nearest.source_number else source
         for number, source in enumerate(sources, start=1)])
    return replace(refusal, text=text, sources=sources)


class SameFacts:
    """Which sentences of different articles report one fact, by the multilingual model: mutual closest sentences
    of their two articles whose similarity stands out from each one's similarity to the other articles' sentences
    (the margin criterion of bitext mining, Artetxe and Schwenk 2019). Cosine alone does not tell them: e5-small
    puts translations of one report at 0.87 to 0.93, and sentences about the same events at up to 0.92. Two
    passages of one article are one report, not two."""

    def __init__(self, evidence: list[Evidence], sources: list[Source]):
        self.evidence = [e for e in evidence if e.vector is not None]
        self.position = {id(e): i for i, e in enumerate(self.evidence)}
        self.articles = np.array([sources[e.source_number - 1].document for e in self.evidence])
        vectors = np.array([e.vector for e in self.evidence]) if self.evidence else np.zeros((0, 1))
        self.similarity = vectors @ vectors.T
        self.typical = np.array([self._typical(i) for i in range(len(self.evidence))])

    def _typical(self, i: int) -> float:
        others = np.sort(self.similarity[i, self.articles != self.articles[i]])[-MARGIN_NEIGHBOURS:]
        return float(others.mean()) if others.size else 1.0

    def closest_in(self, article: str, e: Evidence) -> Evidence | None:
        """The sentence of that article closest in meaning to `e`."""
        i = self.position.get(id(e))
        candidates = np.flatnonzero(self.articles == article)
        if i is None or not candidates.size:
            return None
        return self.evidence[int(candidates[np.argmax(self.similarity[i, candidates])])]

    def same(self, a: Evidence, b: Evidence) -> bool:
        i, j = self.position.get(id(a)), self.position.get(id(b))
        if i is None or j is None or self.articles[i] == self.articles[j]:
            return False
        margin = self.similarity[i, j] / ((self.typical[i] + self.typical[j]) / 2)
        return (margin >= SAME_FACT_MARGIN and self.closest_in(self.articles[j], a) is b
                and self.closest_in(self.articles[i], b) is a)

    def reports_of(self, e: Evidence) -> list[Evidence]:
        """The other articles' sentences that report the fact `e` states, one per article, by source number."""
        i = self.position.get(id(e))
        if i is None:
            return []
        found = (self.closest_in(article, e) for article in dict.fromkeys(self.articles.tolist())
                 if article != self.articles[i])
        return sorted((o for o in found if o is not None and self.same(e, o)), key=lambda o: o.source_number)


def prefer_question_language(e: Evidence, facts: SameFacts, sources: list[Source], query: Query,
                             relevant: list[Evidence]) -> Evidence:
    """The same fact in the question's language, when a source in it reports it and that sentence answers nearly as
    well (among `relevant`, within `SECOND_SENTENCE_MARGIN` of `e`); else `e`. The margin criterion alone also pairs
    sentences about one event that state different facts, and a cross-language question's answer is only in the
    other language."""
    language = query.language
    if language is None or sources[e.source_number - 1].language == language:
        return e
    floor = quoting_order(query, e) - SECOND_SENTENCE_MARGIN
    own = [o for o in facts.reports_of(e) if sources[o.source_number - 1].language == language
           and any(o is r for r in relevant) and quoting_order(query, o) >= floor]
    return own[0] if own else e


def corroboration_note(others: list[Evidence], sources: list[Source]) -> str:
    """" (also reported in [2] Albanian, [3] Tagalog)": the sources that report the quoted fact too."""
    if not others:
        return ""
    named = ", ".join(f"[{o.source_number}] {language_name_or_code(sources[o.source_number - 1].language)}"
                      for o in others)
    return f" (also reported in {named})"
