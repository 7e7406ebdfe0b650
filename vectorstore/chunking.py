"""Cut an article into focused passages of a few sentences, each with exact character offsets."""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import threading
import types
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from vectorstore import lexicon
from vectorstore.cleaning import Block

if TYPE_CHECKING:
    from llama_index.core.node_parser import SentenceSplitter


@dataclass(frozen=True)
class Span:
    """article_text[start:end] == text."""

    start: int
    end: int
    text: str


# Held while nltk's modules load, by Punkt alone or by the whole package.
_punkt_lock = threading.Lock()


@lru_cache(maxsize=4)
def _splitter(passage_tokens: int) -> SentenceSplitter:
    # Imported here: ingest cuts passages, a question only reads sentence bounds (llama-index is a second of start-up).
    from llama_index.core.node_parser import SentenceSplitter

    # The splitter imports nltk's package at its first long paragraph, often in ingest's reading thread while the
    # main thread loads Punkt alone (`_punkt_module`); nltk's modules import each other in a cycle, and two threads
    # importing them at once get a half-made module ("cannot import name 'sent_tokenize'"). Both happen under one lock.
    with _punkt_lock:
        import nltk  # noqa: F401

    return SentenceSplitter(chunk_size=passage_tokens, chunk_overlap=0, include_metadata=False)


def split_passages(text: str, blocks: list[Block], passage_tokens: int) -> list[Span]:
    """Passages never cross a paragraph; long paragraphs are cut at sentence ends."""
    from llama_index.core import Document

    splitter = _splitter(passage_tokens)
    passages: list[Span] = []
    for block in blocks:
        block_text = text[block.start : block.end]
        cursor = 0
        for node in splitter.get_nodes_from_documents([Document(text=block_text)]):
            start = node.start_char_idx
            if start is None or start < cursor or block_text[start : start + len(node.text)] != node.text:
                start = block_text.find(node.text, cursor)  # the splitter lost the offset (repeated text)
            if start < 0:
                continue
            end = start + len(node.text)
            cursor = end
            passages.append(Span(block.start + start, block.start + end, node.text))
    return passages


def _punkt_module() -> types.ModuleType:
    """nltk's PunktSentenceTokenizer without running `nltk/__init__.py`, which imports scipy and scikit-learn (over a
    second of every `qa ask`) for modules Punkt never uses. nltk has no lighter entry point, so the two package
    folders stand in as bare packages while Punkt and its own imports load; those modules are then taken out of
    `sys.modules` again, so that a later `import nltk` (ingest's SentenceSplitter) loads the package whole as usual."""
    with _punkt_lock:
        if "nltk" in sys.modules:  # the whole package, imported under this lock (`_splitter`)
            from nltk.tokenize import punkt

            return punkt
        root = Path(importlib.util.find_spec("nltk").origin).parent
        before = set(sys.modules)
        for name, folder in (("nltk", root), ("nltk.tokenize", root / "tokenize")):
            package = types.ModuleType(name)
            package.__path__ = [str(folder)]
            package.__spec__ = importlib.util.spec_from_loader(name, None, is_package=True)
            package.__spec__.submodule_search_locations = [str(folder)]
            sys.modules[name] = package
        try:
            return importlib.import_module("nltk.tokenize.punkt")
        finally:
            for name in set(sys.modules) - before:
                if name == "nltk" or name.startswith("nltk."):
                    del sys.modules[name]


@lru_cache(maxsize=1)
def _sentence_tokenizer():
    """Punkt, told each language lexicon's abbreviations ("St.", "Rev.", "Gen.", "Zj.", "Gng."): a quote ends at a
    sentence's end, never after "St." in "St. Martin's"."""
    punkt = _punkt_module()
    parameters = punkt.PunktParameters()
    parameters.abbrev_types = set(lexicon.every("abbreviations"))
    return punkt.PunktSentenceTokenizer(parameters)


# Each opening quotation mark and the marks that close it: English “…”, French and Albanian «…», German and Albanian
# „…“ or „…", and straight quotes.
QUOTE_CLOSERS = {"“": "”\"", "«": "»", "„": "“”\"", '"': '"'}


def _open_quote(text: str) -> bool:
    """Whether the text opens a quotation it does not close."""
    closers = None
    for ch in text:
        if closers is None:
            closers = QUOTE_CLOSERS.get(ch)
        elif ch in closers:
            closers = None
    return closers is not None


def _whole_quotation(text: str) -> bool:
    """Whether the text is a quotation and nothing else (“…”), which says nothing of who said it."""
    text = text.strip().rstrip(".!?")  # “…”. with the full stop outside
    return text[:1] in QUOTE_CLOSERS and text[-1:] in QUOTE_CLOSERS[text[0]]


NUMBER_SIGN = re.compile(r"(?:^|\s)[^\W\d_]{1,3}\.$")  # "No.", "Nr.", "Art.", "Blg.", "p." before a number


def _numbered(before: str, piece: str) -> bool:
    """Whether the piece is a number that a short abbreviation before it announces ("Signal No. 4", "neni nr. 12"),
    in any language: a sentence that starts with a digit after a word of three letters or fewer and a full stop."""
    return piece[:1].isdigit() and bool(NUMBER_SIGN.search(before.rstrip()))


def sentence_spans(text: str, offset: int = 0) -> list[Span]:
    """Sentences of a passage, with offsets shifted by where the passage starts in its article.

    Three kinds of piece continue the sentence before it. One that starts with a lowercase letter: news text
    has stray full stops ("… as “fervent and warm.” and said that “a new era …” opens"), and Punkt ends a
    sentence at each. Any piece while a quotation is open: "Peskov revealed some details: “It will be a full
    visit. There will be talks between the two delegations …”" is one statement. And a piece that is only a
    quotation, which goes on from the sentence that names its speaker ("“…,” said Manturov. “We see
    potential …”"). Alone, such a piece would be quoted without the words that say who said it. And a number that
    a short abbreviation announces (`_numbered`: "Signal No. 4").
    """
    bounds: list[list[int]] = []
    for start, end in _sentence_tokenizer().span_tokenize(text):
        if bounds and (text[start : start + 1].islower() or _open_quote(text[bounds[-1][0] : bounds[-1][1]])
                       or _whole_quotation(text[start:end])
                       or _numbered(text[bounds[-1][0] : bounds[-1][1]], text[start:end])):
            bounds[-1][1] = end
        else:
            bounds.append([start, end])
    return [Span(offset + start, offset + end, text[start:end]) for start, end in bounds]


MIN_SENTENCE_CHARS = 15  # shorter pieces (a dateline, "Photo: …") answer nothing


def answer_sentences(text: str, offset: int = 0) -> list[Span]:
    """The sentences of a passage that the answerer weighs and quotes: `sentence_spans` long enough to answer."""
    return [span for span in sentence_spans(text, offset) if len(span.text.strip()) >= MIN_SENTENCE_CHARS]
