"""An article's language, told offline by lingua: also for a paragraph or two."""

import pytest

from vectorstore.language import detect_language


@pytest.mark.parametrize("text, language", [
    # lingua's fast mode over every language calls this Tagalog, at 0.99.
    ("Kim Jong Un watched a football match in Pyongyang. North Korea won 3-1.\n", "en"),
    ("Putin hat Kim in Wladiwostok empfangen.", "de"),
    ("Kim u largua nga Rusia të dielën me trenin e tij.", "sq"),
    ("Umalis na si Kim Jong Un ng Rusya noong Linggo.", "tl"),
])
def test_a_short_article_gets_its_language(text, language):
    assert detect_language(text) == language


def test_a_short_question_is_told_among_the_index_languages():
    assert detect_language("Kush i dha dhuratat?", among=frozenset({"en", "sq", "tl"})) == "sq"
    assert detect_language("   ") is None


@pytest.mark.parametrize("question, language", [
    # Trigrams alone (the cheap pass that narrows the languages down) read these as German, at 0.99 and 0.63.
    ("Which border post is it?", "en"),
    ("What is the capital of", "en"),
    ("Wer hat Kim die Drohnen geschenkt?", "de"),
    ("Sino ang nagbigay kay Kim ng mga drone?", "tl"),
])
def test_the_accurate_pass_decides_among_the_cheap_pass_s_best(question, language):
    assert detect_language(question, among=frozenset({"en", "sq", "tl", "de"})) == language


def test_a_question_is_only_ever_told_as_one_of_the_given_languages():
    for question in ("Ça va?", "Kush?", "Dronët", "2023", "Sino?"):
        assert detect_language(question, among=frozenset({"en", "sq", "tl"})) in {"en", "sq", "tl", None}
