"""How much of a question the index covers, word by word.

A passage can be close to a question in meaning and share its names ("Kim", "Vladivostok") while
the index never mentions what was asked ("breakfast"); the share of the question's content words
found nowhere tells the answerer to abstain.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Callable

from vectorstore import lexicon
from vectorstore.text import fold
from vectorstore.language import detect_language
from vectorstore.vocabulary import WordLister

# A question's own scaffolding (interrogatives and auxiliaries), which says what kind of answer is wanted but
# nothing of what it is about (news text rarely contains them); with the connectives that follow them
# ("according to", "mula kay"), words of no content. Of every language: a question may mix them.
INTERROGATIVES = lexicon.every("interrogatives")
QUESTION_WORDS = INTERROGATIVES | lexicon.every("connectives")
MIN_WORD = 3
FUNCTION_WORD_SHARE = 0.1  # a word in at least this share of passages carries no question-specific meaning

WordCounter = Callable[[str, int], int]  # (stem, limit) -> passages with a word starting with stem


def words(text: str) -> list[str]:
    return "".join(ch if ch.isalnum() else " " for ch in fold(text)).split()


def stem(word: str) -> str:
    """A crude prefix stem: 'boarded' ~ 'board', 'drones' ~ 'dronë'."""
    return word[: max(4, len(word) - 3)]


def novel_share(question: str, evidence_texts: list[str], count_word: WordCounter, passage_total: int) -> float:
    """Share of the question's content words that neither the evidence nor any indexed passage contains."""
    frequent = max(1, int(FUNCTION_WORD_SHARE * passage_total))
    candidates = dict.fromkeys(w for w in words(question) if len(w) >= MIN_WORD and w not in QUESTION_WORDS)
    counts = {w: count_word(stem(w), frequent) for w in candidates}
    content = [w for w, count in counts.items() if count < frequent]
    if not content:
        return 0.0
    present = {w for text in evidence_texts for w in words(text)}
    novel = [w for w in content if counts[w] == 0 and not any(p.startswith(stem(w)) for p in present)]
    return len(novel) / len(content)


CALENDAR_WORDS = lexicon.every("calendar")  # capitalised mid-sentence without being names


def split_names(question: str) -> tuple[list[str], list[str]]:
    """(the capitalised tokens that open no sentence, which may be names; the other tokens), in order.

    A follow-up is searched after the question before it ("What gifts did Kim get? Who gave them to him?"),
    so a sentence can start mid-text: its first word is no name.
    """
    tokens = question.split()
    opens = [True] + [t.endswith((".", "?", "!", "…")) for t in tokens[:-1]]
    names = [t for t, first in zip(tokens, opens) if not first and t[:1].isupper()]
    return names, [t for t, first in zip(tokens, opens) if first or not t[:1].isupper()]


# Reading a question's capitals as nouns drops its names from the unknown-name check, so a language that capitalises
# its nouns must lead clearly: lingua gives "What is the boiling point of water in Fahrenheit?" 0.467 German, 0.463
# English, and the German questions of tests/qa/test_coverage.py lead by far more.
CAPITALISING_MARGIN = 0.1


def capitalises_nouns(question: str, index_languages: frozenset[str]) -> bool:
    """Whether the question is in a language that capitalises its nouns, told clearly (`CAPITALISING_MARGIN`) among
    the index's languages and those (a short question is told apart far better among a few languages)."""
    capitalising = lexicon.noun_capitalising()
    return bool(capitalising) and detect_language(question, among=index_languages | capitalising,
                                                  margin=CAPITALISING_MARGIN) in capitalising


MIN_CORE_NAME = 8  # a name this long is known by its core (all but its first and last letters) too,
MIN_SPELLING_SIMILARITY = 0.75  # or by a word with its first three letters spelled this much alike
SPELLING_PREFIX = 3
VARIANT_PREFIX = 2  # letters a short name's variant shares from its start ("manila", "maynila")
LENGTH_SLACK = 3  # letters a name's spelling gains or loses across languages ("japanese" ~ "japoneze")
VOWELS = frozenset("aeiouy")
HARD_C_BEFORE = frozenset("aoulr")  # a "c" before these letters sounds, and is spelled in sq and tl, as "k"


def spelled_alike(name: str, words_starting: WordLister) -> bool:
    """Whether the index has a word spelled like the name, by difflib's ratio of matching letters."""
    lengths = (len(name) - LENGTH_SLACK, len(name) + LENGTH_SLACK)
    return any(SequenceMatcher(None, name, fold(word)).ratio() >= MIN_SPELLING_SIMILARITY
               for word in words_starting(name[:SPELLING_PREFIX], lengths))


def vowel_variant(name: str, words_starting: WordLister) -> bool:
    """Whether the index has a word that starts with the name's consonants in their order, its vowels aside
    ("japan" ~ "japoneze", "rusya" ~ "rusia", "manila" ~ "maynila"): a short name keeps its consonants across these
    languages and shifts, gains or loses a vowel, while a difference of one consonant in so few is as often another
    word ("paris" ~ "parim")."""
    lengths = (len(name) - 1, len(name) + LENGTH_SLACK)
    skeleton = consonants(name)
    return any(consonants(fold(word)).startswith(skeleton)
               for word in words_starting(name[:VARIANT_PREFIX], lengths))


def consonants(word: str) -> str:
    return "".join(letter for letter in word if letter not in VOWELS)


def respellings(name: str) -> list[str]:
    """The name, and as Albanian and Tagalog spell what English spells with a hard "c" or a "ph": "culture" ->
    "kulture" (Albanian "Kulturës"), "philippines" -> "filippines" ("Filipinet")."""
    spellings = [name]
    if name[:1] == "c" and name[1:2] in HARD_C_BEFORE:
        spellings.append("k" + name[1:])
    spellings += [spelling.replace("ph", "f") for spelling in spellings if "ph" in spelling]
    return spellings


def unknown_names(question: str, count_word: WordCounter, count_containing: WordCounter | None = None,
                  words_starting: WordLister | None = None) -> list[str]:
    """Capitalised words after the first ("France", "Titanic") that no indexed passage starts a word with.

    Names keep their spelling across these languages far more than other words do, so a name the index
    never mentions means the articles are about something else, whatever language the evidence is in.
    A long name's core is enough (`count_containing`: passages containing a fragment): a name changes
    its ends from one language to the next, "Washington" being "Uashingtoni" in Albanian. So is a word
    spelled much like it (`words_starting`): "Japanese" is "japoneze" in Albanian, and only the Albanian
    article names the Japanese news agency.
    """
    def known(name: str) -> bool:
        return any(known_as(spelling) for spelling in respellings(name))

    def known_as(name: str) -> bool:
        if count_word(stem(name), 1):
            return True
        if len(name) < MIN_CORE_NAME:
            return words_starting is not None and vowel_variant(name, words_starting)
        if count_containing is not None and count_containing(name[1:-1], 1) > 0:
            return True
        return words_starting is not None and spelled_alike(name, words_starting)

    names = [w for token in heads(question) for w in words(token)[:1]]
    return [n for n in names if len(n) >= MIN_WORD and n not in CALENDAR_WORDS and not known(n)]


def heads(question: str) -> list[str]:
    """The capitalised tokens that may be names (`split_names`), of a run of them only the last: "South Korea" is
    Korea's, "Vladimir Putin" Putin's, which the other languages spell alike ("Koreja e Jugut", "Timog Korea")."""
    names = split_names(question)[0]
    tokens = question.split()
    following = {i for i, t in enumerate(tokens[:-1]) if t in names and tokens[i + 1] in names
                 and not t.endswith((",", ";", ":", ".", "?", "!"))}
    return [t for i, t in enumerate(tokens) if t in names and i not in following]
