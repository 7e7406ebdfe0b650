"""The words the assistant knows of each language, one file per language in `vectorstore/lexicons/` (`en.toml`, ...).

A lexicon holds a question's scaffolding (interrogatives, connectives, words that point back into the
conversation), calendar and number words, units, greetings, the patterns of questions that ask a count, and the
teasers that web pages wrap around a story (which the loader drops).
Adding a language is adding its file. Written here: no well-kept offline package has these lists for Albanian
and Tagalog.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources


@dataclass(frozen=True)
class UnsaidCount:
    """A question whose unit goes unsaid ("how old", "magkano") and the kind of unit it asks for."""

    asks: re.Pattern
    unit: str  # a key of `Lexicon.unsaid_units`: "age", "money", "speed", "length", "weight"


@dataclass(frozen=True)
class Lexicon:
    code: str
    interrogatives: frozenset[str] = frozenset()
    connectives: frozenset[str] = frozenset()
    anaphors: frozenset[str] = frozenset()
    calendar: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    greetings: frozenset[str] = frozenset()
    teasers: frozenset[str] = frozenset()  # as pages write them (not folded): "Read more", "Lexo më shumë"
    abbreviations: frozenset[str] = frozenset()  # lower case, without their full stop: "st", "rev", "u.s"
    dates: frozenset[str] = frozenset()  # words that date an event besides the calendar's: "yesterday", "dje"
    day_parts: frozenset[str] = frozenset()  # "morning", "mbrëmje", "o'clock"
    since: frozenset[str] = frozenset()  # phrases that date a state by when it began: "since", "që nga"
    endings: tuple[str, ...] | None = None  # what a listed word may end in besides (folded); None: anything
    question_labels: tuple[str, ...] = ()
    capitalises_nouns: bool = False  # every noun starts with a capital, so a capital marks no name
    count_asks: re.Pattern | None = None  # group 1 (and 2) are what the question counts
    unsaid_counts: tuple[UnsaidCount, ...] = ()
    not_units: frozenset[str] = frozenset()
    not_counts: tuple[str, ...] = ()
    count_prefixes: tuple[str, ...] = ()  # a counted word may carry one: Tagalog "14,200 katao" counts "tao"
    count_per: re.Pattern | None = None  # a count asked per unit of time: its first group that matched is the unit
    time_units: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "day" -> stems
    rate_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "day" -> "daily", "ditor"
    units: dict[str, tuple[str, ...]] = field(default_factory=dict)  # other units a question counts: "percent"
    unsaid_units: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "age", "money", "speed", ... -> stems
    kin: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "spouse" -> "wife", "husband", "married", ...
    sums: dict[str, tuple[str, ...]] = field(default_factory=dict)  # what a sum is: "wage" -> "wage", "salary", ...
    institutions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "hotel" -> "hotel", "resort", ...
    answer_types: dict[str, tuple[re.Pattern, ...]] = field(default_factory=dict)  # "person" -> what asks for one
    name_of: tuple[re.Pattern, ...] = ()  # what asks a thing's name: the groups are the thing's words

    @classmethod
    def from_toml(cls, code: str, text: str) -> "Lexicon":
        data = tomllib.loads(text)
        counts = data.get("counts", {})
        words = {key: frozenset(data.get(key, ())) for key in
                 ("interrogatives", "connectives", "anaphors", "calendar", "numbers", "greetings", "teasers",
                  "abbreviations", "dates", "day_parts", "since")}
        return cls(
            code=code, **words,
            endings=tuple(data["endings"]) if "endings" in data else None,
            question_labels=tuple(data.get("question_labels", ())),
            capitalises_nouns=bool(data.get("capitalises_nouns", False)),
            count_asks=re.compile(counts["asks"]) if "asks" in counts else None,
            unsaid_counts=tuple(UnsaidCount(re.compile(u["asks"]), u["unit"]) for u in counts.get("unsaid", ())),
            not_units=frozenset(counts.get("not_units", ())),
            not_counts=tuple(counts.get("not_counts", ())),
            count_prefixes=tuple(counts.get("prefixes", ())),
            count_per=re.compile(counts["per"]) if "per" in counts else None,
            time_units={kind: tuple(stems) for kind, stems in data.get("time_units", {}).items()},
            rate_forms={kind: tuple(stems) for kind, stems in data.get("rate_forms", {}).items()},
            units={kind: tuple(stems) for kind, stems in data.get("units", {}).items()},
            unsaid_units={kind: tuple(stems) for kind, stems in data.get("unsaid_units", {}).items()},
            kin={relation: tuple(words) for relation, words in data.get("kin", {}).items()},
            sums={kind: tuple(words) for kind, words in data.get("sums", {}).items()},
            institutions={kind: tuple(words) for kind, words in data.get("institutions", {}).items()},
            answer_types={kind: tuple(re.compile(p) for p in patterns)
                          for kind, patterns in data.get("answer_types", {}).items()},
            name_of=tuple(re.compile(p) for p in data.get("name_of", ())),
        )


@functools.cache
def lexicons() -> dict[str, Lexicon]:
    """Every language's lexicon, by ISO 639-1 code (the file's name)."""
    folder = resources.files("vectorstore") / "lexicons"
    return {entry.name.removesuffix(".toml"): Lexicon.from_toml(entry.name.removesuffix(".toml"), entry.read_text("utf-8"))
            for entry in sorted(folder.iterdir(), key=lambda e: e.name) if entry.name.endswith(".toml")}


def lexicon(code: str | None) -> Lexicon:
    """The language's lexicon; an empty one for a language that has none."""
    return lexicons().get(code or "", Lexicon(code or ""))


def every(words: str) -> frozenset[str]:
    """One word list of every language together ("interrogatives", "calendar", ...): a question may mix languages,
    and an answer may be in any of them."""
    return frozenset(word for lex in lexicons().values() for word in getattr(lex, words))


MIN_STEM = 4  # a listed word shorter than this takes no ending: "maj" is no stem of "majori"


@functools.cache
def word_forms(*tables: str, language: str | None = None) -> re.Pattern:
    """One pattern for the words of these lists ("calendar", "dates", ...) of every language, as a whole folded word
    matches it: a listed word, or one of `MIN_STEM` letters or more with an ending of its own language (`endings`:
    "dielën" ~ "diel" + "ën"). Not any ending: another language's word may start with a listed one (English "noon",
    Tagalog "noong"; Tagalog "mayo", English "mayor"). One compiled pattern: a sentence's every word is matched.
    `language`: that language's lists only."""
    forms = set()
    for code, lex in lexicons().items():
        if language is not None and code != language:
            continue
        endings = "|".join(sorted(map(re.escape, lex.endings or ()), key=len, reverse=True))
        tail = r"\w*" if lex.endings is None else (f"(?:{endings})?" if endings else "")
        for word in (word for table in tables for word in getattr(lex, table)):
            forms.add(re.escape(word) + (tail if len(word) >= MIN_STEM else ""))
    return re.compile("(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")\Z")


def time_units() -> list[tuple[str, ...]]:
    """Each unit of time with its stems in every language: [("day", "dite", "dit", "araw"), ...]."""
    return _across_languages("time_units")


def rate_stems(word: str) -> tuple[str, ...]:
    """For a word that names a unit of time in any language ("hour", "oras"), that unit's stems in every language and
    the words that say a rate per it ("hour", "ore", "oras", "hourly"); empty for any other word."""
    for kind in dict.fromkeys(kind for lex in lexicons().values() for kind in lex.time_units):
        stems = _stems("time_units", kind) + _stems("rate_forms", kind)
        if word.startswith(stems):
            return stems
    return ()


def units() -> list[tuple[str, ...]]:
    """Each other unit a question may count, with its stems in every language: [("percent", "cent", "perqind", ...)]."""
    return _across_languages("units")


def _across_languages(table: str) -> list[tuple[str, ...]]:
    kinds = dict.fromkeys(kind for lex in lexicons().values() for kind in getattr(lex, table))
    return [_stems(table, kind) for kind in kinds]


def _stems(table: str, kind: str) -> tuple[str, ...]:
    """One kind's stems in a table of units, of every language, each once."""
    return tuple(dict.fromkeys(stem for lex in lexicons().values() for stem in getattr(lex, table).get(kind, ())))


def kinship() -> list[tuple[str, ...]]:
    """Each family relation with its words in every language: [("wife", "husband", …, "bashkeshort", "asawa"), …]."""
    return _across_languages("kin")


def sum_kinds() -> list[tuple[str, ...]]:
    """Each kind of sum with its words in every language: [("wage", "salary", …, "paga", "sahod"), …]."""
    return _across_languages("sums")


def institution_kinds() -> list[tuple[str, ...]]:
    """Each kind of institution whose name says what it is, with its words in every language: [("hotel", …), …]."""
    return _across_languages("institutions")


KIND_STEM = 5  # a listed word this long is a stem too: a shorter one starts other languages' words ("baba" "babala")


def kinds_named(words: list[str], kinds: list[tuple[str, ...]]) -> frozenset[int]:
    """Which of the kinds (each its words in every language, folded: `kinship`, `sum_kinds`) the folded words name,
    by their place in `kinds`: a listed word, or a word that starts with a listed one of `KIND_STEM` letters or more."""
    return frozenset(i for i, (listed, stems) in enumerate(_with_stems(tuple(kinds)))
                     if any(word in listed or word.startswith(stems) for word in words))


@functools.lru_cache(maxsize=16)
def _with_stems(kinds: tuple[tuple[str, ...], ...]) -> list[tuple[frozenset[str], tuple[str, ...]]]:
    """Each kind's words as a set and its stems (`KIND_STEM`), made once a list: `kinds_named` is asked of every
    sentence a typed question's evidence holds."""
    return [(frozenset(words), tuple(w for w in words if len(w) >= KIND_STEM)) for words in kinds]


def unsaid_unit_stems(kind: str) -> tuple[str, ...]:
    """The stems of a kind of unit that questions leave unsaid, in every language ("age" -> old, vjecari, ...)."""
    return _stems("unsaid_units", kind)


def unsaid_units() -> list[tuple[str, ...]]:
    """Each kind of unit that questions leave unsaid, with its stems in every language: [("old", "vjecari", …), …]."""
    return _across_languages("unsaid_units")


def noun_capitalising() -> frozenset[str]:
    """The languages that capitalise every noun."""
    return frozenset(code for code, lex in lexicons().items() if lex.capitalises_nouns)
