"""How the answerer reads a question's words: which capitals mark names."""

import json

import pytest

from qa.coverage import capitalises_nouns
from tests.conftest import ROOT

BUNDLED_LANGUAGES = frozenset({"sq", "tl", "en"})


def _eval_questions() -> list[str]:
    questions = []
    for path in sorted((ROOT / "eval").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            questions += [item["question"]] if "question" in item else [t["question"] for t in item["turns"]]
    return questions


def test_no_albanian_tagalog_or_english_question_is_read_as_capitalising_its_nouns():
    questions = _eval_questions()
    assert len(questions) > 150
    misread = [q for q in questions if capitalises_nouns(q, BUNDLED_LANGUAGES)]
    assert misread == []


@pytest.mark.parametrize("question", [
    "Wer ist der Gouverneur der Region Primorje?", "Welche Warnung gab Seoul heraus?",
    "Wann hat Kim Russland verlassen?", "Was ist die Hauptstadt von Australien?",
])
def test_a_german_question_is_read_as_capitalising_its_nouns(question):
    assert capitalises_nouns(question, BUNDLED_LANGUAGES)
