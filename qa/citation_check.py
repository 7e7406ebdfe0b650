"""Check an answer's `[n]` citations: drop numbers that name no source, mark uncited sentences, and
score how well each cited passage supports its sentence, across languages.

Support = the embedding similarity of the sentence to its best cited passage or passage sentence (rescaled
from the model's similarity of unrelated texts), averaged
with the share of its names and numbers that the cited passages contain (fuzzily: "Kozhemiako" ~
"Kojemiako", "Russia" ~ "Rusisë"). Written here: no library checks citations against their passages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

import numpy as np

from qa.types import CITATION, CORROBORATION, Answer, SentenceCheck, Source
from vectorstore.chunking import sentence_spans
from vectorstore.embedding import Embedder
from vectorstore.settings import unrelated_similarity

CITATION_GROUP = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")  # [2], [1, 3], [1;2]
LEADING_CITATIONS = re.compile(r"^(?:\s*\[\d+\])+")
NAME_OR_NUMBER = re.compile(r"\d+(?:[.,]\d+)*|\b[^\W\d_][\w’'-]*", re.UNICODE)
SUPPORTED = 0.5  # a sentence whose support reaches this is taken as supported by its citations
NAME_MATCH = 0.66  # SequenceMatcher ratio at which two spellings with one first letter name the same thing


@dataclass(frozen=True)
class CitedSentence:
    text: str  # as shown, with its [n] markers
    claim: str  # without markers, for scoring
    citations: list[int]


def parse_citations(text: str, source_count: int) -> tuple[str, list[CitedSentence], int]:
    """(text with only valid `[n]` markers, its sentences with their citations, number of markers removed)."""
    cleaned, removed = valid_citations(text, source_count)
    return cleaned, split_sentences(cleaned), removed


def valid_citations(text: str, source_count: int) -> tuple[str, int]:
    """(text with only valid `[n]` markers, one number each, number of markers removed)."""
    removed = 0

    def keep_valid(match: re.Match) -> str:
        nonlocal removed
        numbers = [int(n) for n in re.split(r"\s*[,;]\s*", match.group(1))]
        valid = [n for n in dict.fromkeys(numbers) if 1 <= n <= source_count]
        removed += sum(1 for n in numbers if not 1 <= n <= source_count)
        return "".join(f"[{n}]" for n in valid)

    cleaned = CITATION_GROUP.sub(keep_valid, text)
    cleaned = re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", cleaned)).strip()
    return cleaned, removed


def split_sentences(text: str) -> list[CitedSentence]:
    """Sentences of an answer; markers written after the full stop ("... Sunday. [2]") stay with their sentence."""
    pieces: list[str] = []
    for span in sentence_spans(text):
        piece = span.text.strip()
        leading = LEADING_CITATIONS.match(piece)
        if leading and pieces:
            pieces[-1] += " " + leading.group(0).strip()
            piece = piece[leading.end():].strip()
        note = CORROBORATION.match(piece)
        if note and pieces:  # the splitter sees no full stop after the note: it starts the next sentence's piece
            pieces.append(note.group(0))
            piece = piece[note.end():].strip()
        if piece:
            pieces.append(piece)
    sentences = []
    for piece in pieces:
        numbers = [int(n) for n in CITATION.findall(piece)]
        claim = " ".join(CITATION.sub(" ", piece).split())
        if sentences and CORROBORATION.fullmatch(piece):  # "(also reported in [2] Albanian)" names more sources
            last = sentences[-1]  # of the sentence before it
            sentences[-1] = CitedSentence(f"{last.text} {piece}", last.claim,
                                          list(dict.fromkeys(last.citations + numbers)))
        elif claim.strip(" .,;:!?\"'“”"):
            sentences.append(CitedSentence(piece, claim, list(dict.fromkeys(numbers))))
        elif sentences:  # a line of bare markers belongs to the sentence before it
            last = sentences[-1]
            citations = list(dict.fromkeys(last.citations + numbers))
            sentences[-1] = CitedSentence(f"{last.text} {piece}", last.claim, citations)
    return sentences


def names_and_numbers(text: str) -> set[str]:
    """Numbers, and capitalised words other than a sentence's first word (names travel across languages)."""
    found: set[str] = set()
    for span in sentence_spans(text):
        for position, match in enumerate(NAME_OR_NUMBER.finditer(span.text)):
            word = match.group(0)
            if word[0].isdigit() or (position > 0 and word[0].isupper() and len(word) > 1):
                found.add(word.lower())
    return found


def name_overlap(claim: str, passages: str) -> float | None:
    """Share of the claim's names and numbers that the passages contain; None when it has none."""
    wanted = names_and_numbers(claim)
    if not wanted:
        return None
    words = {w.lower() for w in NAME_OR_NUMBER.findall(passages)}

    def present(term: str) -> bool:
        if term[0].isdigit():
            return term in words
        return term in words or any(SequenceMatcher(None, term, w).ratio() >= NAME_MATCH for w in words
                                    if w[0] == term[0] and abs(len(w) - len(term)) <= 3)

    return sum(present(term) for term in wanted) / len(wanted)


def passage_units(sources: list[Source], numbers: list[int]) -> dict[int, list[str]]:
    """What a sentence citing [n] is scored against, for each n: the passage, then each of its sentences."""
    return {n: [sources[n - 1].text] + [span.text for span in sentence_spans(sources[n - 1].text)]
            for n in dict.fromkeys(numbers)}


def check_support(
    sentences: list[CitedSentence], sources: list[Source], embedder: Embedder
) -> list[SentenceCheck]:
    """Score every cited sentence against the passages it cites; uncited sentences score 0, unsupported.

    A sentence that is one of its cited passages' sentences word for word (as the quoting answerer writes
    them) scores 1 without being embedded again: half of a quoted answer's time went to that.
    """
    units = passage_units(sources, [n for s in sentences for n in s.citations])
    verbatim = {id(s) for s in sentences
                if any(s.claim == " ".join(unit.split()) for n in s.citations for unit in units[n][1:])}
    cited = [s for s in sentences if s.citations and id(s) not in verbatim]
    units = {n: units[n] for s in cited for n in s.citations}
    texts = [s.claim for s in cited] + [text for n in units for text in units[n]]
    vectors = np.array(embedder.get_text_embedding_batch(texts)) if cited else np.zeros((0, 1))
    claim_vectors, cursor, unit_vectors = vectors[: len(cited)], len(cited), {}
    for n, unit_texts in units.items():
        unit_vectors[n] = vectors[cursor: cursor + len(unit_texts)]
        cursor += len(unit_texts)
    floor = unrelated_similarity(embedder.model_name)
    checks, position = [], 0
    for sentence in sentences:
        if not sentence.citations:
            checks.append(SentenceCheck(sentence.text, [], 0.0, False))
            continue
        if id(sentence) in verbatim:
            checks.append(SentenceCheck(sentence.text, sentence.citations, 1.0, True))
            continue
        claim_vector = claim_vectors[position]
        position += 1
        similarity = max(float(np.max(unit_vectors[n] @ claim_vector)) for n in sentence.citations)
        similarity = (similarity - floor) / (1.0 - floor)
        overlap = name_overlap(sentence.claim, " ".join(sources[n - 1].text for n in sentence.citations))
        support = similarity if overlap is None else (similarity + overlap) / 2
        support = round(min(max(support, 0.0), 1.0), 4)
        checks.append(SentenceCheck(sentence.text, sentence.citations, support, support >= SUPPORTED))
    return checks


def in_citation_order(text: str, sources: list[Source]) -> tuple[str, list[Source]]:
    """(text, sources) renumbered so that the sources come in the order the text first cites them, the uncited
    ones after, in the order they came: a reader meets [1] first and finds it at the top of the list. Takes a text
    whose markers all name a source, one number each ("[2][3]"), as `valid_citations` leaves them."""
    cited = list(dict.fromkeys(int(n) for n in CITATION.findall(text)))
    order = cited + [n for n in range(1, len(sources) + 1) if n not in cited]
    new_number = {old: new for new, old in enumerate(order, start=1)}
    renumbered = CITATION.sub(lambda match: f"[{new_number[int(match.group(1))]}]", text)
    return renumbered, [sources[old - 1] for old in order]


def verify_answer(text: str, sources: list[Source], embedder: Embedder
                  ) -> tuple[str, list[Source], list[SentenceCheck], int]:
    """(text with invalid citations removed, the sources in citation order (`in_citation_order`), a check per
    sentence, number of citations removed)."""
    cleaned, removed = valid_citations(text, len(sources))
    ordered_text, ordered_sources = in_citation_order(cleaned, sources)
    return ordered_text, ordered_sources, check_support(split_sentences(ordered_text), ordered_sources, embedder), removed


def checked(answer: Answer, text: str, embedder: Embedder) -> Answer:
    """The answer with `text`, its invalid citations removed, its sources in the order it cites them and every
    sentence scored against its sources."""
    if answer.abstained:
        return replace(answer, text=text)
    cleaned, sources, sentences, removed = verify_answer(text, answer.sources, embedder)
    return replace(answer, text=cleaned, sources=sources, sentences=sentences, invalid_citations=removed)
