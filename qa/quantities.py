"""Questions that ask for a count, and sentences that state one.

"How many hours did the talks last?" is close in meaning to every sentence about the talks, and many
of those hold some number ("the two countries"). Only a number that comes with what was counted
answers it ("18 muaj luftë" for "how many months … at war"); when no sentence of the retrieved
passages has one, the articles don't say. Word lists, not a library: no well-kept offline parser reads numbers in
Albanian and Tagalog.
"""

from __future__ import annotations

import re

from vectorstore.catalog import fold

# What a question asks to count, by language, on the folded question: the one or two words after the
# question word. "how long" and "how far" are left out ("since the Soviet era" answers them); Tagalog
# "sa" is a preposition, so only Albanian questions count with it.
_COUNTED = {
    "en": re.compile(r"\bhow many (\w+)(?: (\w+))?"),
    "sq": re.compile(r"^(?:per )?sa (\w+)(?: (\w+))?"),
    "tl": re.compile(r"\bilan(?:g| ang)? (\w+)(?: (\w+))?"),
}
# Units of time in the three languages, folded stems: the word bridge cannot carry "days" to Albanian
# "gjashtëditore" (six-day), a word of its own.
_HOURS = ("hour", "ore", "oras")
_TIME_UNITS = [
    ("day", "dite", "dit", "araw"), ("week", "jave", "linggo"), ("month", "muaj", "buwan"),
    ("year", "vit", "vjet", "taon"), _HOURS, ("minute", "minut", "minuto"),
]
# Questions whose unit goes unsaid: an age, a price, a speed (a distance alone, "250 kilometra", is none).
_AGE = ("year", "vjec", "vjet", "taon", "gulang")
_MONEY = ("dollar", "euro", "ruble", "rouble", "won", "usd", "eur", "leke", "dollare", "rubla", "piso", "dolyar",
          "milyon", "million", "billion", "miliard", "bilyon")
_SPEED = ("kmh", "mph", *_HOURS)  # "50 km/h", "50 km per hour", "50 km në orë", "50 km bawat oras"
_UNSAID = {
    "en": [(re.compile(r"\bhow old\b"), _AGE), (re.compile(r"\bhow much\b.*\b(cost|worth|pay|paid|price)"), _MONEY),
           (re.compile(r"\bhow fast\b"), _SPEED)],
    "sq": [(re.compile(r"\bsa vjec\b"), _AGE), (re.compile(r"\bsa (kushton|kushtoi|vlen)\b"), _MONEY),
           (re.compile(r"\bsa shpejt\b"), _SPEED)],
    "tl": [(re.compile(r"\bilang taon\b"), _AGE), (re.compile(r"\bmagkano\b"), _MONEY),
           (re.compile(r"\bgaano (ka)?bilis\b"), _SPEED)],
}
# Words after the question word that are not what is counted: when the first is one ("how many did
# they…"), the question does not say what it counts.
_NOT_UNITS = frozenset({
    "of", "the", "did", "does", "do", "was", "were", "is", "are", "has", "had", "have", "will", "would",
    "eshte", "jane", "ka", "kane", "i", "e", "te", "u", "ang", "na", "nang", "mga", "ng", "sa", "pa", "ba",
})
# Folded number words, without "one", "një" and "isa(ng)", which are also the indefinite article. A
# word that starts with one of four letters or more counts too ("gjashtëditore", six-day; "limang").
_NUMBER_WORDS = frozenset({
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fifteen", "sixteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "dozen", "dozens",
    "dy", "tre", "tri", "kater", "pese", "gjashte", "shtate", "tete", "nente", "dhjete", "njezet", "qind",
    "mije", "milion", "miliard",
    "dalawa", "tatlo", "apat", "lima", "anim", "pito", "walo", "siyam", "sampu", "labing", "libo", "milyon",
    "bilyon",
})
_NUMBER_PREFIXES = tuple(word for word in _NUMBER_WORDS if len(word) >= 4)
UNIT_REACH = 3  # the counted word comes within this many words after the number ("limang mapanganib na drone")
# Words that start like a unit but name no count of it: Albanian "70-vjetori" is the 70th anniversary, not an age.
_NOT_COUNTS = ("vjetor",)


def counted_units(question: str, language: str | None) -> tuple[list[str], list[str]]:
    """What a "how many / sa / ilang" question counts: (the question's own words for it, to be carried into
    the index's other languages by the word bridge; forms known in all three languages: units of time, age,
    money, speed). Both empty if it asks no count."""
    text = " ".join(re.findall(r"\w+", fold(question)))
    for pattern, units in _UNSAID.get(language or "", []):
        if pattern.search(text):
            return [], list(units)
    pattern = _COUNTED.get(language or "")
    found = pattern.search(text) if pattern else None
    if not found or found.group(1) in _NOT_UNITS:
        return [], []
    words = [word for word in found.groups() if word and word not in _NOT_UNITS and not word.isdigit()]
    return words, [form for forms in _TIME_UNITS if any(word.startswith(forms) for word in words) for form in forms]


def _number_at(word: str) -> str | None:
    """The rest of the word after its number ("" for "18" or "pesë"; "ditore" for "gjashtëditore"), or None."""
    if word.isdigit() or word in _NUMBER_WORDS:
        return ""
    if any(ch.isdigit() for ch in word):
        return word.lstrip("0123456789")
    prefix = next((p for p in _NUMBER_PREFIXES if word.startswith(p)), None)
    return None if prefix is None else word[len(prefix):]


def _unit_stem(word: str) -> str:
    """A unit's stem, short enough for "ditë" ~ "gjashtëditore" and "drones" ~ "dronë"."""
    word = fold(word)
    return word[: max(3, len(word) - 3)]


def states_count(text: str, units: list[str]) -> bool:
    """Whether the text has a number followed, in the same word or within `UNIT_REACH` words, by a word
    that starts with a unit's stem ("pesë dronë" for the units ["drones"])."""
    stems = tuple(_unit_stem(unit) for unit in units)
    words = re.findall(r"\w+", fold(text).replace("/h", "h"))  # "km/h" -> "kmh"
    for position, word in enumerate(words):
        rest = _number_at(word)
        if rest is None:
            continue
        following = [w for w in words[position + 1 : position + 1 + UNIT_REACH] if not w.startswith(_NOT_COUNTS)]
        counted_in_word = rest and rest.startswith(stems) and not rest.startswith(_NOT_COUNTS)
        if counted_in_word or any(w.startswith(stems) for w in following):
            return True
    return False
