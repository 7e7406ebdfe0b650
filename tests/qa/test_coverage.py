"""How the answerer reads a question's words: which capitals mark names, which names the index knows."""

import json

import pytest

from qa.coverage import capitalises_nouns, unknown_names, vowel_variant
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


@pytest.mark.parametrize("name, indexed, known", [
    ("japan", ["japoneze"], True),  # Albanian shifts its vowels
    ("rusya", ["rusia", "rusisë"], True),
    ("paris", ["parim", "parimet"], False),  # one consonant apart: another word
    ("japan", ["jap"], False),  # much shorter than the name
    ("manila", ["maynila"], True),  # Tagalog adds a vowel
    ("japoni", ["japan"], True),  # and Albanian one more letter than English
    ("manila", ["manning", "malapit"], False),
])
def test_a_short_name_is_known_by_its_consonants(name, indexed, known):
    def words_starting(prefix, lengths):
        return [w for w in indexed if w.startswith(prefix) and lengths[0] <= len(w) <= lengths[1]]
    assert vowel_variant(name, words_starting) is known


@pytest.mark.parametrize("question, indexed, unknown", [
    # A hard "c" is a "k" in Albanian and Tagalog spelling, a "ph" an "f".
    ("How much did Albania's Ministry of Culture give?", ["albania", "ministry", "kulturës"], []),
    ("Ilan ang mga guro mula sa Philippines?", ["filipinet"], []),
    ("What did the Ministry of Culture say?", ["ministry", "kulla"], ["culture"]),  # another word
    ("Who visited Cyprus?", ["kyprus"], ["cyprus"]),  # a "c" before "y" is no "k"
    # A run of capitals is one name, known by its last word: "South Korea" is "Koreja e Jugut", "Timog Korea".
    ("Anong araw pumasok si Kim sa Rusya ayon sa South Korea?", ["kim", "rusya", "korea"], []),
    ("What is the capital of New Zealand?", ["new", "capital"], ["zealand"]),
    ("Did Kim meet Putin, Lula or Biden?", ["kim", "putin"], ["lula", "biden"]),  # a comma parts two names
])
def test_a_name_is_known_by_its_spelling_in_the_other_languages(question, indexed, unknown):
    def count_word(stem, limit):
        return sum(w.startswith(stem) for w in indexed)

    def words_starting(prefix, lengths):
        return [w for w in indexed if w.startswith(prefix) and lengths[0] <= len(w) <= lengths[1]]

    assert unknown_names(question, count_word, lambda fragment, limit: 0, words_starting) == unknown
