"""Greetings and thanks get a line on what to ask, not quotes that share their letters."""

import pytest

import qa
from qa.small_talk import REPLY


@pytest.mark.parametrize("greeting", ["hello", "Hello, how are you?", "thanks!", "Faleminderit!", "Maraming salamat po."])
def test_a_greeting_is_told_what_to_ask_and_cites_nothing(bundled_index, greeting):
    # "hello" had been answered with two quoted sentences: "Slavianka" shares its trigrams.
    answer = qa.query(greeting, index_dir=bundled_index)
    assert answer.abstained and answer.text == REPLY and answer.sources == []


@pytest.mark.parametrize("question", ["Hi, who is the governor of the Primorye region?", "hello Kojemiako"])
def test_a_greeting_with_a_question_is_answered(bundled_index, question):
    answer = qa.query(question, index_dir=bundled_index)
    assert not answer.abstained and "Kozhemiako" in answer.text + " ".join(s.text for s in answer.sources)
