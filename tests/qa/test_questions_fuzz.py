"""Whatever a caller sends as a question, top_k, language or history: a question to search, or a QuestionError with
a short message that says what to change; never another exception, and never a search text longer than what is
read of it."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qa
from qa.history import HISTORY_MESSAGES, TURN_CHARS, standalone_question, user_turns
from qa.questions import MAX_TOP_K, validate_question
from qa.types import CITATION, QuestionError

MAX_CHARS = 4000
MESSAGE_CHARS = 600  # an error message is read at a glance: no value is echoed whole

# Any code point, surrogates included (what an invalid byte or a split character becomes in a Python str), and
# strings made of the characters that have broken text handling before.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=200) | st.lists(
    st.sampled_from(["\udc80", "\udcff", "\ud800", "\udfff", "\x00", "\x1b", "\u200b", "\ufeff", " ", "\n", "\t",
                     "?", "he", "Kim", "ë", "他", "😀", "[1]", "'", '"', "\\", "%s", "{0}"]), max_size=40).map("".join)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT | st.binary(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(ANY_TEXT, inner, max_size=3),
    max_leaves=10,
)
CONTENT = ANY_TEXT | st.text(max_size=3 * TURN_CHARS) | st.lists(
    st.fixed_dictionaries({"type": st.just("text"), "text": ANY_TEXT}) | VALUES, max_size=3) | VALUES
MESSAGE = st.fixed_dictionaries({"role": st.sampled_from(["user", "assistant", "system"]) | VALUES,
                                 "content": CONTENT})
PAIR = st.tuples(ANY_TEXT | st.text(max_size=3 * TURN_CHARS), ANY_TEXT | st.none())
HISTORY = st.none() | VALUES | st.lists(MESSAGE | PAIR | VALUES, max_size=6) | st.lists(PAIR, max_size=2 * HISTORY_MESSAGES)


def assert_clear(error: QuestionError) -> None:
    message = str(error)
    assert message.strip() and len(message) <= MESSAGE_CHARS, message
    message.encode("utf-8")  # it can be printed, logged and sent as JSON


@settings(max_examples=400, deadline=None)
@given(question=ANY_TEXT | VALUES, top_k=st.integers() | st.floats() | VALUES, language=st.none() | VALUES)
def test_any_question_is_taken_or_refused_clearly(question, top_k, language):
    try:
        checked = validate_question(question, top_k, language, MAX_CHARS)
    except QuestionError as error:
        assert_clear(error)
        return
    assert checked == question.strip() and checked and len(checked) <= MAX_CHARS
    checked.encode("utf-8")
    assert 1 <= top_k <= MAX_TOP_K


@settings(max_examples=400, deadline=None)
@given(question=ANY_TEXT.filter(str.strip), history=HISTORY)
def test_any_history_is_read_or_refused_clearly(question, history):
    try:
        turns = user_turns(history)
    except QuestionError as error:
        assert_clear(error)
        return
    assert all(isinstance(turn, str) and turn.strip() and len(turn) <= TURN_CHARS for turn in turns)
    for turn in turns:
        turn.encode("utf-8")
    search_text = standalone_question(question, history)
    # The question, after at most the question that stood alone and two follow-ups, each cut to TURN_CHARS.
    assert search_text.endswith(question) and len(search_text) <= len(question) + 3 * (TURN_CHARS + 1)


@pytest.mark.parametrize("history", [5, 5.0, True, object(), b"What gifts?", bytearray(b"x"), {"user": "Gifts?"}])
def test_a_history_that_is_not_a_list_of_messages_is_a_question_error(history):
    with pytest.raises(QuestionError, match="history is a list of messages"):
        user_turns(history)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=ANY_TEXT, top_k=st.integers(min_value=-2, max_value=MAX_TOP_K + 2))
def test_any_question_asked_of_the_index_is_answered_or_refused_clearly(bundled_index, question, top_k):
    """The whole pipeline, on the real model and index: what the checks let through is searched and cited."""
    try:
        answer = qa.query(question, top_k=top_k, index_dir=bundled_index)
    except QuestionError as error:
        assert_clear(error)
        return
    cited = [int(n) for n in CITATION.findall(answer.text)]
    assert all(1 <= n <= len(answer.sources) for n in cited)
    for source in answer.sources:
        assert qa.article(source.document, index_dir=bundled_index)[source.start:source.end] == source.text
