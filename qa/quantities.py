"""Questions that ask for a count, and sentences that state one.

"How many hours did the talks last?" is close in meaning to every sentence about the talks, and many
of those hold some number ("the two countries"). Only a number that comes with what was counted
answers it ("18 muaj luftë" for "how many months … at war"); when no sentence of the retrieved
passages has one, the articles don't say. The words and patterns come from the language lexicons (vectorstore/lexicons/).
"""

from __future__ import annotations

import re

from vectorstore import lexicon
from vectorstore.text import fold

_NOT_UNITS = lexicon.every("not_units")  # of every language: a question may quote another language's words
_NUMBER_WORDS = lexicon.every("numbers")  # of every language: the answering sentence may be in any of them
# A word that starts with a number word of four letters or more counts too ("gjashtëditore", six-day; "limang"),
# the longest first: "thousands" is a number, not "thousand" and a unit "s".
_NUMBER_PREFIXES = tuple(sorted((word for word in _NUMBER_WORDS if len(word) >= 4), key=lambda w: (-len(w), w)))
_TIME_UNITS = lexicon.time_units()
_UNITS = _TIME_UNITS + lexicon.units()  # what a count's word may name, in every language's words for it
_LISTED_FORMS = frozenset(fold(form) for forms in _UNITS + lexicon.unsaid_units() for form in forms)
LISTED_STEM = 4
_LONG_LISTED_FORMS = tuple(form for form in _LISTED_FORMS if len(form) >= LISTED_STEM)
# The counted word comes within this many words after the number ("limang mapanganib na drone"), not counting words that
# are never what was counted ("75 miyembro ng Samahang Mangingisda", "64 members of the fishermen's association"), looked
# for in twice as many.
UNIT_REACH = 3
_NOT_COUNTS = tuple(stem for lex in lexicon.lexicons().values() for stem in lex.not_counts)
# Words that point or join ("her", "the", "ito") are never what was counted, whatever unit's stem they start with:
# "Helen Ashcombe, 52, her son" counts no "herë" (times).
_FUNCTION_WORDS = frozenset(fold(word) for word in lexicon.every("anaphors") | lexicon.every("connectives"))
_COUNT_PREFIXES = tuple(prefix for lex in lexicon.lexicons().values() for prefix in lex.count_prefixes)
# A sign stands for its unit's word (the lexicons list "percent", "euro", "dollar", ...), before or after the number.
_SIGNS = {"%": "percent", "€": "euro", "$": "dollar", "£": "pound", "¥": "yen", "₱": "piso", "₽": "ruble", "₩": "won"}
_SIGN = re.compile("[" + re.escape("".join(_SIGNS)) + "]")
_SIGN_FIRST = re.compile("([" + re.escape("".join(_SIGNS)) + r"])\s?(\d[\d.,]*)")
# Philippine news writes the peso as a letter before the figure ("P500", "PHP 1,200"; folded "p500"); two figures at
# least, or a decimal ("P1.5 billion"): "P2" names a model or a part as often.
_PESO_LETTERS = re.compile(r"\bp(?:hp)?\s?(\d\d[\d.,]*|\d[.,]\d[\d.,]*)")
# A time of day is no count: its number is no quantity of the unit that may follow ("11:00, oras sa Albania").
CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b", re.IGNORECASE)
_AGE_UNITS = frozenset(lexicon.unsaid_unit_stems("age"))
# News gives an age as a number between commas after a name ("Villacorta, 27, averaged 19 points"), with no unit.
AGE_APPOSITION = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w'’-]*, (1[0-1]\d|[1-9]?\d),")


def asks_age(units: list[str] | tuple[str, ...]) -> bool:
    """Whether the units are those of an age ("how old", "sa vjeç", "ilang taon na")."""
    return bool(_AGE_UNITS.intersection(units))


def asks_money(text: str, words_of_language: lexicon.Lexicon) -> bool:
    """Whether the folded question (its words joined by single spaces) asks for a sum, by its lexicon's money patterns
    ("how much … cost", "what monthly wage", "sa është gjoba")."""
    return any(p.search(text) for p in words_of_language.answer_types.get("money", ()))


def counted_units(question: str, language: str | None) -> tuple[list[str], list[str]]:
    """What a "how many / sa / ilang" question counts: (the question's own words for it, to be carried into
    the index's other languages by the word bridge; forms known in all three languages: units of time, per cent,
    age, money, speed, length, weight). Both empty if it asks no count."""
    text = " ".join(re.findall(r"\w+", fold(question)))
    words_of_language = lexicon.lexicon(language)
    if asks_money(text, words_of_language):
        return [], list(lexicon.unsaid_unit_stems("money"))
    for unsaid in words_of_language.unsaid_counts:
        if unsaid.asks.search(text):
            return [], list(lexicon.unsaid_unit_stems(unsaid.unit))
    pattern = words_of_language.count_asks
    found = pattern.search(text) if pattern else None
    if not found or found.group(1) in _NOT_UNITS:
        return [], []
    words = [word for word in found.groups() if word and word not in _NOT_UNITS and not word.isdigit()]
    return words, [form for forms in _UNITS if any(word.startswith(forms) for word in words) for form in forms]


def asked_per(question: str, language: str | None) -> tuple[str, ...]:
    """For a count or a sum asked per unit of time ("how many containers per hour", "sa ton çdo vit", "magkano kada
    araw"), the stems that say that unit, or a rate per it, in every language (`vectorstore.lexicon.rate_stems`);
    empty for any other question."""
    pattern = lexicon.lexicon(language).count_per
    if pattern is None:
        return ()
    for found in pattern.finditer(" ".join(re.findall(r"\w+", fold(question)))):
        stems = lexicon.rate_stems(next((unit for unit in found.groups() if unit), ""))
        if stems:
            return stems
    return ()


def states_per(text: str, stems: tuple[str, ...]) -> bool:
    """Whether the text says the unit of time a count was asked per (`asked_per`): "520,000 containers a year" does
    not answer "how many containers per hour", and a sentence that gives a total ("310 containers of bananas were
    delayed") does not answer "how many tons a year"."""
    return any(word.startswith(stems) for word in re.findall(r"\w+", fold(text)))


_SUM_KINDS = lexicon.sum_kinds()


def sums_named(text: str) -> frozenset[int]:
    """The kinds of sum the text names ("wage", "gjobë", "premyo"), by their place in `vectorstore.lexicon.sum_kinds`,
    in any language's words (`vectorstore.lexicon.kinds_named`)."""
    return lexicon.kinds_named(re.findall(r"\w+", fold(text)), _SUM_KINDS)


def _signs_as_words(text: str) -> str:
    """The text with "%" and currency signs as the units' words after their numbers ("€950" -> "950 euro"), as
    the lexicons list them."""
    text = _SIGN_FIRST.sub(lambda m: f"{m.group(2)} {_SIGNS[m.group(1)]}", text)
    text = _PESO_LETTERS.sub(lambda m: f"{m.group(1)} piso", text)
    return _SIGN.sub(lambda m: f" {_SIGNS[m.group(0)]} ", text)


def _counts(word: str, stems: tuple[str, ...], units: frozenset[str]) -> bool:
    """Whether the word names what was counted: it starts with a unit's stem, or is a unit after a counting prefix
    ("katao", people, for "tao"; not for "taon", year, whose stem "tao" it also holds)."""
    return word.startswith(stems) or any(word.startswith(p) and word[len(p):] in units for p in _COUNT_PREFIXES)


def _number_at(word: str) -> str | None:
    """The rest of the word after its number ("" for "18" or "pesë"; "ditore" for "gjashtëditore"), or None."""
    if word.isdigit() or word in _NUMBER_WORDS:
        return ""
    if any(ch.isdigit() for ch in word):
        return word.lstrip("0123456789")
    prefix = next((p for p in _NUMBER_PREFIXES if word.startswith(p)), None)
    return None if prefix is None else word[len(prefix):]


def _unit_stem(word: str) -> str:
    """A unit's stem, short enough for "ditë" ~ "gjashtëditore" and "drones" ~ "dronë". A form the lexicons list, or
    a question's word that inflects one ("months"), keeps at least `LISTED_STEM` letters (all of a shorter form):
    their own stems are listed ("dit" beside "dite"), and three letters of "milyon", "minute" or "month" start
    "milk", "minister" and "money"."""
    word = fold(word)
    listed = word in _LISTED_FORMS or word.startswith(_LONG_LISTED_FORMS)
    return word[: max(LISTED_STEM if listed else 3, len(word) - 3)]


def states_count(text: str, units: list[str]) -> bool:
    """Whether the text has a number followed, in the same word or within `UNIT_REACH` words, by a word
    that starts with a unit's stem ("pesë dronë" for the units ["drones"]); for an age, also a number between
    commas after a name (`AGE_APPOSITION`)."""
    if asks_age(units) and AGE_APPOSITION.search(text):
        return True
    stems = tuple(_unit_stem(unit) for unit in units)
    named = frozenset(fold(unit) for unit in units)
    text = CLOCK_TIME.sub(" ", fold(text))  # "alas-11:00 ng umaga, oras sa Albania" counts no hours
    words = re.findall(r"\w+", _signs_as_words(text.replace("/h", "h")))  # "km/h" -> "kmh"
    for position, word in enumerate(words):
        rest = _number_at(word)
        if rest is None:
            continue
        following = [w for w in words[position + 1 : position + 1 + 2 * UNIT_REACH]
                     if w not in _FUNCTION_WORDS and w not in _NOT_UNITS][:UNIT_REACH]
        following = [w for w in following if not w.startswith(_NOT_COUNTS)]
        counted_in_word = rest and rest.startswith(stems) and not rest.startswith(_NOT_COUNTS)
        if counted_in_word or any(_counts(w, stems, named) for w in following):
            return True
    return False
