"""Greetings and thanks, told apart from questions, so that "hello" gets a line on what to ask instead of
quotes that merely share its letters ("hello" ~ "Slavianka").

Written here: it is a fixed list of phrases in the bundled articles' languages (English, Albanian, Tagalog),
matched whole, clause by clause ("Hello, how are you?"); anything else is a question.
"""

from __future__ import annotations

import re

from vectorstore.catalog import fold

REPLY = ("Ask a question about the articles, in any of their languages: the answer quotes them, each sentence "
         "citing its source.")

PHRASES = frozenset({
    # English
    "hello", "hello there", "hi", "hi there", "hey", "hey there", "good morning", "good afternoon",
    "good evening", "thanks", "thank you", "thanks a lot", "thank you very much", "many thanks", "bye",
    "goodbye", "how are you", "how are you doing",
    # Albanian (folded: "ë" is "e", "ç" is "c")
    "pershendetje", "tungjatjeta", "tung", "miredita", "mirembrema", "miremengjes", "faleminderit",
    "shume faleminderit", "si je", "si jeni", "ckemi", "mirupafshim",
    # Tagalog
    "kumusta", "kumusta ka", "kumusta po", "kamusta", "kamusta ka", "magandang umaga", "magandang hapon",
    "magandang gabi", "magandang araw", "salamat", "salamat po", "maraming salamat", "maraming salamat po",
    "paalam",
})
CLAUSE_BREAK = re.compile(r"[^\w\s]+")


def is_small_talk(question: str) -> bool:
    """Whether every clause of the text is a greeting, a thanks or a goodbye."""
    clauses = [" ".join(clause.split()) for clause in CLAUSE_BREAK.split(fold(question))]
    clauses = [clause for clause in clauses if clause]
    return bool(clauses) and all(clause in PHRASES for clause in clauses)
