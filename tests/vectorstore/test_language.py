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
