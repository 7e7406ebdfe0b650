"""Turn a follow-up question into one that retrieval can answer alone, without an LLM.

A question that leans on the conversation (a pronoun, or only a few words) is searched together
with the questions before it, back to the last one that stood alone, so "And who gave them to him?" still
finds the passage about the gifts.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from itertools import islice

from vectorstore import lexicon
from qa.questions import invalid_text
from qa.types import QuestionError

ANAPHORS = lexicon.every("anaphors")  # words that point back into the conversation, in every language
SHORT_QUESTION_WORDS = 4
FOLLOW_UPS_KEPT = 2  # earlier follow-ups searched with a follow-up, after the question they follow


HISTORY_SHAPES = ("history items are {'role': 'user' or 'assistant', 'content': text} dicts (the content may be a "
                  "list of {'type': 'text', 'text': ...} parts, as Gradio and OpenAI send it; 'system' messages are "
                  "skipped) or (question, answer) pairs")
ROLES = {"user", "assistant", "system"}
# What of a conversation is read, so that its length costs nothing: its last messages (or pairs), and of each
# user message its opening, which is what a follow-up is searched with (a question that stood alone is short).
HISTORY_MESSAGES = 40
TURN_CHARS = 500


def message_text(content) -> str | None:
    """A message's text (its first TURN_CHARS characters): a string, or the text parts of a list of content parts;
    None if it has no text."""
    if isinstance(content, str):
        return content[:TURN_CHARS]
    if isinstance(content, (list, tuple)):
        texts: list[str] = []
        for part in islice(content, HISTORY_MESSAGES):
            text = part.get("text") if isinstance(part, dict) else part
            if isinstance(text, str):
                texts.append(text[:TURN_CHARS])
                if sum(map(len, texts)) >= TURN_CHARS:
                    break
        return " ".join(texts)[:TURN_CHARS] if texts else None
    return None


def recent_messages(history: Iterable | None) -> list:
    """The conversation's last HISTORY_MESSAGES items, read once (a generator too); `QuestionError` for a history
    that is not a list of messages."""
    if history is None:
        return []
    # A string or a dict would be read letter by letter or key by key as messages; a number cannot be read at all.
    if isinstance(history, (str, bytes, bytearray, dict)) or not isinstance(history, Iterable):
        raise QuestionError(f"history is a list of messages; {HISTORY_SHAPES}, not one {type(history).__name__}")
    if isinstance(history, (list, tuple)):
        return list(history[-HISTORY_MESSAGES:])
    return list(deque(history, maxlen=HISTORY_MESSAGES))


def user_turns(history: Iterable | None) -> list[str]:
    """The user's earlier messages among the last HISTORY_MESSAGES, from Gradio- or OpenAI-style dicts or (user,
    assistant) pairs, each cut to TURN_CHARS.

    Anything else raises `QuestionError`: a history silently ignored would make a follow-up go unanswered.
    """
    turns: list[str] = []
    for item in recent_messages(history):
        if isinstance(item, dict) and "role" in item and "content" in item:
            if not isinstance(item["role"], str) or item["role"] not in ROLES:
                raise QuestionError(f"{HISTORY_SHAPES}; this one's role is {item['role']!r:.30}")
            text = message_text(item["content"])
            # An assistant message may have no text (an OpenAI tool call); a user message without any is a mistake.
            if text is None and (item["content"] is not None or item["role"] == "user"):
                raise QuestionError(f"{HISTORY_SHAPES}; this one's content is {type(item['content']).__name__}")
            if item["role"] == "user" and text:
                turns.append(text)
        elif isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[0], str):
            turns.append(item[0][:TURN_CHARS])
        else:
            raise QuestionError(f"{HISTORY_SHAPES}, not {item!r:.60}")
    for turn in turns:
        if error := invalid_text(turn, "A message of the history"):
            raise error
    return [t for t in turns if t.strip()]


def is_follow_up(question: str) -> bool:
    words = [w.strip("?!.,;:\"'").lower() for w in question.split()]
    return len(words) <= SHORT_QUESTION_WORDS or any(w in ANAPHORS for w in words)


def standalone_question(question: str, history: Iterable | None) -> str:
    """The question, or for a follow-up, the last question that stood alone, the follow-ups since (the latest
    FOLLOW_UPS_KEPT of them) and then it: "When did he leave?" after "Who gave them to him?" still carries the
    "What gifts did Kim receive?" before both."""
    if not is_follow_up(question):
        return question
    follow_ups: list[str] = []
    for turn in reversed(user_turns(history)):
        if not is_follow_up(turn):
            return " ".join([turn, *follow_ups[-FOLLOW_UPS_KEPT:], question])
        follow_ups.insert(0, turn)
    return " ".join([*follow_ups[-FOLLOW_UPS_KEPT:], question])
