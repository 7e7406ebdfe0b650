"""The language lexicons (vectorstore/lexicons/*.toml): one file a language, read by code."""

import re

from vectorstore import lexicon
from qa.quantities import counted_units, states_count
from qa.small_talk import is_small_talk


def test_every_bundled_language_has_a_lexicon_with_its_question_words():
    for code, asks in (("en", "who"), ("sq", "kush"), ("tl", "sino")):
        assert asks in lexicon.lexicon(code).interrogatives
        assert lexicon.lexicon(code).count_asks is not None and lexicon.lexicon(code).greetings


def test_a_language_without_a_lexicon_gets_an_empty_one():
    empty = lexicon.lexicon("xx")
    assert empty.code == "xx" and not empty.interrogatives and empty.count_asks is None
    assert counted_units("Wie viele Monate?", "xx") == ([], [])


def test_a_new_language_is_one_file(tmp_path, monkeypatch):
    """A lexicon read from TOML works in the count check as the bundled ones do."""
    dutch = lexicon.Lexicon.from_toml("nl", """
interrogatives = ["wie", "hoeveel"]
greetings = ["hallo", "dank je"]
[counts]
asks = '\\bhoeveel (\\w+)(?: (\\w+))?'
[time_units]
month = ["maand"]
""")
    assert dutch.count_asks.search("hoeveel maanden duurde de oorlog").group(1) == "maanden"
    assert dutch.time_units == {"month": ("maand",)} and "dank je" in dutch.greetings
    bundled = lexicon.lexicons()
    monkeypatch.setattr(lexicon, "lexicons", lambda: {**bundled, "nl": dutch})
    assert "hallo" in lexicon.every("greetings") and "maand" in lexicon.time_units()[2]


def test_german_capitalises_its_nouns_and_no_bundled_language_does():
    assert lexicon.noun_capitalising() == frozenset({"de"})


def test_the_lexicons_drive_counts_greetings_and_labels():
    words, units = counted_units("Sa muaj luftë kishte Rusia?", "sq")
    assert words == ["muaj", "lufte"] and {"month", "muaj", "buwan"} <= set(units)
    assert states_count("Rusia ka 18 muaj luftë", ["muaj"]) and not states_count("dy vende", ["muaj"])
    assert is_small_talk("Magandang umaga") and not is_small_talk("Magandang umaga, sino si Kozhemiako?")
    from qa.generation import LABEL
    assert LABEL.sub("", "Standalone question: Who?") == "Who?" and LABEL.sub("", "Pyetja: Kush?") == "Kush?"
    assert re.match(LABEL, "question: x")
