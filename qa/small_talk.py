"""Greetings and thanks, told apart from questions, so that "hello" gets a line on what to ask instead of
quotes that merely share its letters ("hello" ~ "Slavianka").

Written here: the phrases are the language lexicons' greetings (vectorstore/lexicons/), matched whole, clause by clause
("Hello, how are you?"); anything else is a question.
"""

from __future__ import annotations

import re

from vectorstore import lexicon
from vectorstore.text import fold

REPLY = ("Ask a question about the articles, in any of their languages: the answer quotes them, each sentence "
         "citing its source.")

PHRASES = lexicon.every("greetings")
CLAUSE_BREAK = re.compile(r"[^\w\s]+")


def is_small_talk(question: str) -> bool:
    """Whether every clause of the text is a greeting, a thanks or a goodbye."""
    clauses = [" ".join(clause.split()) for clause in CLAUSE_BREAK.split(fold(question))]
    clauses = [clause for clause in clauses if clause]
    return bool(clauses) and all(clause in PHRASES for clause in clauses)
