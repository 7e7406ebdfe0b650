"""Turn a follow-up question into one that retrieval can answer alone, without an LLM.

A question that leans on the conversation (a pronoun, or only a few words) is searched together
with the previous question, so "And who gave them to him?" still finds the passage about the gifts.
"""

from __future__ import annotations

from typing import Iterable

# Words that point back into the conversation, in English, Albanian and Tagalog.
ANAPHORS = {
    "he", "him", "his", "she", "her", "they", "them", "their", "it", "its", "that", "this", "those", "these",
    "there", "then", "ai", "ajo", "ata", "ato", "atij", "asaj", "tyre", "ky", "kjo", "këto", "ato", "atje",
    "siya", "niya", "kanya", "sila", "nila", "kanila", "ito", "iyon", "iyan", "doon",
}
SHORT_QUESTION_WORDS = 4


def user_turns(history: Iterable | None) -> list[str]:
    """The user's earlier messages, from Gradio-style dicts or (user, assistant) pairs."""
    turns: list[str] = []
    for item in history or []:
        if isinstance(item, dict):
            if item.get("role") == "user" and isinstance(item.get("content"), str):
                turns.append(item["content"])
        elif isinstance(item, (list, tuple)) and item and isinstance(item[0], str):
            turns.append(item[0])
    return [t for t in turns if t.strip()]


def is_follow_up(question: str) -> bool:
    words = [w.strip("?!.,;:\"'").lower() for w in question.split()]
    return len(words) <= SHORT_QUESTION_WORDS or any(w in ANAPHORS for w in words)


def standalone_question(question: str, history: Iterable | None) -> str:
    previous = user_turns(history)
    if previous and is_follow_up(question):
        return f"{previous[-1]} {question}"
    return question
