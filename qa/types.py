"""What a question comes back as: an `Answer` whose `[n]` markers point at `Source` passages."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import Enum

CITATION = re.compile(r"\[(\d+)\]")  # an answer's [n] marker, n counting from 1
# The note after a quoted sentence naming the other sources that report its fact: "(also reported in [2] Albanian,
# [3] Tagalog)" (`qa.answering.corroboration_note`); the citation check counts it with the sentence before it.
CORROBORATION = re.compile(r"\(also reported in (?:\[\d+\][^\[\]()]*)+\)\.?")


@dataclass(frozen=True)
class Quote:
    """A sentence of a source that the answer quotes (or that reports the quoted fact too): `start` and `end` are
    exact offsets in the article, like the passage's."""

    start: int
    end: int


@dataclass(frozen=True)
class Source:
    """A cited passage: `qa.article(document)[start:end] == text`; `quotes` are its sentences that the answer
    quotes, inside the passage, in reading order (none when the answer quotes nothing of it)."""

    document: str
    text: str
    start: int
    end: int
    score: float  # the search's score (higher ranked higher); comparable only among one answer's sources, which
    # come in the order the answer first cites them, then the uncited ones in search order
    language: str | None
    title: str
    date: str | None
    quotes: tuple[Quote, ...] = ()


def title_opens_passage(title: str, text: str) -> bool:
    """Whether an article's title is the passage's own opening (an untitled article's title is its first sentence,
    cut with "…"): where a source's passage is shown, its title would only repeat it."""
    return " ".join(text.split()).startswith(" ".join(title.rstrip("…").split()))


@dataclass(frozen=True)
class SentenceCheck:
    """One answer sentence and how well the passages it cites support it (0..1); no citation -> unsupported."""

    text: str
    citations: list[int]
    support: float
    supported: bool


class Reason(str, Enum):
    """What became of a question: answered, or why not. `Answer.reason` carries it, so that a caller tells the
    outcomes apart without reading the answer's text."""

    ANSWERED = "answered"
    NOT_IN_ARTICLES = "not in articles"  # no passage answers it
    LANGUAGE_FILTER = "language filter"  # no passage in the chosen language answers it
    LANGUAGE_NOT_HELD = "language not held"  # no article is in the chosen language
    NO_ARTICLES = "no articles"  # the index is empty
    SMALL_TALK = "small talk"  # a greeting or a thanks, answered with a line on what to ask


@dataclass(frozen=True)
class Answer:
    """`[n]` in `text` refers to `sources[n-1]`; `abstained` is True when the articles don't say. The text cites [1]
    first, and each source it cites for the first time has the next number; the sources it does not cite come last.

    `mode` is "extractive", "generative" or "extractive (fallback: <reason>)"; `fallback` is that reason alone (empty
    when the model answered or none was asked); `reason` says why it abstained, and `rule` names the abstention rule
    that decided it (`qa.rules`); `notice` is one line for the user (empty when there is nothing to say); `sentences`
    checks every sentence of `text` against its sources.
    """

    text: str
    sources: list[Source] = field(default_factory=list)
    abstained: bool = False
    question: str = ""
    mode: str = "extractive"
    notice: str = ""
    sentences: list[SentenceCheck] = field(default_factory=list)
    invalid_citations: int = 0
    search_question: str = ""
    reason: Reason = Reason.ANSWERED
    rule: str = ""
    fallback: str = ""

    def to_dict(self) -> dict:
        return {**asdict(self), "reason": self.reason.value}


class QuestionError(ValueError):
    """A question or option the assistant cannot take; the message says what to change."""
