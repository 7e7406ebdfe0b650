"""What kind of answer a question asks for, and whether a sentence holds one: the reading of classic question
answering, for an answerer with no model that reads.

"What is the name of the frigate?" is close in meaning to every sentence about the frigate; only one that names
something the question does not already name can answer it. The kinds come from each language's interrogatives
(`[answer_types]` in `vectorstore/lexicons/*.toml`); the candidates are told by their form: a name is a capitalised
word (or a model such as "Geran-25") that the question does not contain, a model ("what model") only a designation,
a date a calendar word or a year ("in what year" only a year, "on what date" only a day of a month), a duration a
number with a unit of time. A count or a sum of money is read by `qa.quantities` (a number with what was counted).
Reasons, manners and open questions have no form to look for: today's evidence rules decide them.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from enum import Enum
from functools import lru_cache
from typing import Iterable

from vectorstore import lexicon
from vectorstore.text import fold, words_of
from qa.coverage import split_names
from qa.quantities import asks_money, states_count


class AnswerType(str, Enum):
    PERSON = "person"
    COUNT = "count"
    MONEY = "money"
    YEAR = "year"
    DAY = "day"  # a day of a month: "on what date"
    DATE = "date"
    TIME = "time"
    DURATION = "duration"
    PLACE = "place"
    MODEL = "model"  # a designation: "what model of drone"
    NAME = "name"
    REASON = "reason"
    MANNER = "manner"
    OPEN = "open"


# The order the lexicons' patterns are asked in: the more specific first ("how long" before "how", "in which
# city" before "which", "on which day" before "which", "what model" before "what", "in what year" before "when").
# A question opening with an open interrogative ("What did Shoigu hand Kim when ...?") is open, whatever
# interrogative follows.
ASKED_IN_ORDER = (AnswerType.MONEY, AnswerType.DURATION, AnswerType.TIME, AnswerType.YEAR, AnswerType.DAY,
                  AnswerType.DATE, AnswerType.MODEL, AnswerType.PERSON, AnswerType.PLACE, AnswerType.NAME,
                  AnswerType.REASON, AnswerType.MANNER, AnswerType.OPEN)
NAMED = frozenset({AnswerType.PERSON, AnswerType.PLACE, AnswerType.NAME})
# The kinds this module checks a sentence for; counts and money are `qa.quantities`' (with what was counted).
CHECKED = NAMED | {AnswerType.MODEL, AnswerType.YEAR, AnswerType.DAY, AnswerType.DATE, AnswerType.TIME,
                   AnswerType.DURATION}

_CALENDAR = lexicon.word_forms("calendar")
_DAY_PARTS = lexicon.word_forms("day_parts")
_KINSHIP = lexicon.kinship()
_INSTITUTIONS = lexicon.institution_kinds()
_INTERROGATIVES = lexicon.every("interrogatives")
ASKED_CLASS_REACH = 2  # "which hotel", "në cilin hotel", "saang ospital", "which regional airline"
_SINCE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, lexicon.every("since")), key=len, reverse=True)) + r")\b")
_NOT_NAMES = (lexicon.every("interrogatives") | lexicon.every("connectives") | lexicon.every("anaphors")
              | lexicon.every("numbers"))
_TIME_UNIT_FORMS = [form for forms in lexicon.time_units() for form in forms]
YEAR = re.compile(r"\b(1[5-9]|20)\d\d\b")
NUMERIC_DATE = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-](\d{4}|\d{2})\b")
CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b", re.IGNORECASE)
ACRONYM = re.compile(r"^[A-Z]{2,}(?:[-'’]\w+)?$")  # an organisation: "NATO", "OKB-së" (who acted may be one)
TOKEN = re.compile(r"[^\W_][\w'’\-]*")
POSSESSIVE = re.compile(r"['’]s?\Z")  # "Albania's", "the Stallions'"
MODEL = re.compile(r"^(?=.*\d)(?=.*[^\W\d_])[\w\-]+$")  # letters and digits together: "Geran-25", "Su-57"
# A news dateline: the place in capitals, then (after a comma) the report's date, then a dash ("DALUMPINAS, 9 August –",
# "BAGONG LIRIO, Philippines, November 9, 2026 –"). Its date is when the report was filed, not when what it tells of
# happened: "When was the port first opened?" is not answered by it.
DATELINE = re.compile(r"^\W*[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’ ]{2,}(?:\([^)]*\))?,[^–—\n]{0,60}?\s[–—-]\s")
DATED = frozenset({AnswerType.YEAR, AnswerType.DAY, AnswerType.DATE})  # the kinds a dateline's date would answer
SAME_NAME_PREFIX = 4  # a name is the question's when a question word starts with the same four letters
SAME_NAME_SPELLING = 0.75  # or is spelled this much alike (difflib's ratio): "Russia" ~ "Rusia"
TOPIC_SHARE = 0.6  # see `topic_names`
MIN_TOPIC_TEXTS = 2
MIN_QUESTION_WORD = 3  # a shorter word of the question ("Un" of "Kim Jong Un") does not make a name its own
ASKED_REACH = 3  # words at most between a person's name and a word the question asks for them by (`named_beside`)
ASKED_STEM = 5  # letters of such a word that its other forms share ("operator", "operatori")
NAMED_STEM = 4  # the fewest letters of a word for a thing whose name is asked ("tren")
# A nickname in quotation marks between a given name and a surname ('Ernesto "Boyet" Salvacion'): part of the name.
NICKNAME = re.compile(r'(?<=\w) ["“„«]([A-ZÀ-Þ][\w\'’ -]*)["”»] (?=[A-ZÀ-Þ])')


def answer_type(question: str, language: str | None, counts: bool) -> AnswerType:
    """The kind of answer the question asks for, from its interrogative in its language (`counts`: it asks a count,
    as `qa.quantities.counted_units` found); when that language's lexicon finds none, from another language's
    interrogative: a Tagalog question full of English loanwords ("Sino ang chief engineer ng …?") can be told as
    English, whose lexicon has no "sino"."""
    text = " ".join(re.findall(r"\w+", fold(question)))
    own = lexicon.lexicon(language)
    if asks_money(text, own):
        return AnswerType.MONEY
    if counts:
        return AnswerType.COUNT
    found = _interrogative(text, own)
    # Else another language's, only as the question's first word: Tagalog "… si Putin" is no Albanian "si" (how).
    if found is None:
        found = min((other for code, words in lexicon.lexicons().items() if code != language
                     if (other := _interrogative(text, words)) and other[0] == 0), default=None)
    kind = found[2] if found else AnswerType.OPEN
    # "What hospital …?", "Anong kolehiyo …?": what institution of a kind asks for its name.
    return AnswerType.NAME if kind is AnswerType.OPEN and institutions_asked(question) else kind


def _interrogative(text: str, words: lexicon.Lexicon) -> tuple[int, int, AnswerType] | None:
    """(where, order, kind) of the question's interrogative in one language's lexicon; None if it has none there.
    The interrogative that comes first is the question's own ("Where is the think tank whose analyst said ...");
    of two at one place, the more specific ("in which city" before "which")."""
    patterns = words.answer_types
    found = [(match.start(), order, kind) for order, kind in enumerate(ASKED_IN_ORDER)
             for p in patterns.get(kind.value, ()) if (match := p.search(text))]
    return min(found) if found else None


def holds_answer(kind: AnswerType, sentence: str, question_words: Iterable[str],
                 full_names: frozenset[str] = frozenset(), topic: Iterable[str] = (),
                 asked: frozenset[str] = frozenset(), language: str | None = None) -> bool:
    """Whether the sentence holds a candidate answer of that kind (always, for a kind with no form to look for).

    A name answers only when it is new: a whole name the question does not contain ("Sergei" of "Sergei Shoigu" is
    no new name when the question names Shoigu). A person is named by a name of two words or more ("Oleg
    Kojemiako"), or by one word that is part of such a name in `full_names` (`person_names` of the passages:
    "Shoigu" of "Sergei Shoigu"); a country or a city is one word ("Kinën", "Quenmoor"). A name of the passages'
    `topic` (`topic_names`) is no answer either: "Kim Jong Un", named by every passage about his visit, does not
    answer "Who is the governor of the Primorye region?". A title that the question asks for a person by (`asked`:
    `asked_stems`) is no part of a name: "Mayor Rogelio Santelices" answers "sino ang mayor …", which names "mayor".
    `language`: the sentence's, whose own calendar words date it (`calendar_of`).
    """
    if kind in DATED:
        sentence = DATELINE.sub("", sentence, count=1)
    if kind in NAMED:
        return bool(new_names(kind, sentence, question_words, full_names, topic, asked)[1])
    if kind is AnswerType.MODEL:
        asked = set(words(" ".join(question_words)))
        return any(not set(words(model)) <= asked for model in models_in(sentence))
    if kind is AnswerType.YEAR:
        return bool(YEAR.search(sentence))
    if kind is AnswerType.DAY:
        return names_a_day(sentence, language)
    if kind is AnswerType.DATE:
        folded = words(sentence)
        dating = calendar_of(language, "dates")
        return bool(YEAR.search(sentence)) or any(listed(w, dating) for w in folded) \
            or bool(_SINCE.search(" ".join(folded)))
    if kind is AnswerType.TIME:
        return bool(CLOCK.search(sentence)) or any(listed(w, _DAY_PARTS) for w in words(sentence))
    if kind is AnswerType.DURATION:
        return states_count(sentence, _TIME_UNIT_FORMS)
    return True


def calendar_of(language: str | None, *tables: str) -> re.Pattern:
    """The calendar words (and `tables`' words) that date a sentence of this language: its own language's only. Another
    language's calendar word in a sentence is a word of the sentence's own: Tagalog "may" (there is, has) is spelled
    as the English month ("May 15 araw ang Tramonta para umapela": Tramonta has 15 days to appeal). Every language's,
    for a sentence of no known language."""
    if language not in lexicon.lexicons():
        language = None
    return lexicon.word_forms("calendar", *tables, language=language)


def new_names(kind: AnswerType, sentence: str, question_words: Iterable[str], full_names: frozenset[str] = frozenset(),
              topic: Iterable[str] = (), asked: frozenset[str] = frozenset()) -> tuple[list[str], list[list[int]]]:
    """The sentence's tokens (`tokens_of`) and the positions of each name among them that answers a question asking
    for a name of that kind (`holds_answer`); `asked`: the stems of the words the question asks for a person by
    (`asked_stems`)."""
    # The question's names, where it capitalises some: its other words ("which judge") are no name, and do not
    # make "Judge Elona Brahimaj" the question's own. A question typed in lower case has only its words.
    question_words = list(question_words)
    own = _own_words(split_names(" ".join(question_words))[0] or question_words)
    topic = list(topic)
    tokens, spaced = tokens_of(sentence)
    folded = [fold(token) for token in tokens]
    new = []
    for phrase in name_phrases(tokens, spaced, models=kind is AnswerType.NAME):
        # A title the question asks by is no part of the name: "Mayor Rogelio Santelices" for "sino ang mayor …".
        if len(phrase) > 1 and asked and folded[phrase[0]].startswith(tuple(asked)):
            phrase = phrase[1:]
        if not any(mentioned(tokens[i], own + topic) for i in phrase):
            new.append(phrase)
    if kind is AnswerType.PERSON:
        new = [phrase for phrase in new
               if len(phrase) > 1 or folded[phrase[0]] in full_names or ACRONYM.match(tokens[phrase[0]])]
    return tokens, new


def asked_as(question: str) -> list[str]:
    """The words by which a question asks for a person ("Who is the director of …", "Sino ang pangulo ng …", "Kush
    është zëdhënësi i …"): the first `ASKED_CLASS_REACH` words after its first interrogative that are no question word,
    connective, pointer or name it capitalises, as `vectorstore.text.words_of` writes them (the word bridge's keys)."""
    found = words_of(question)
    folded = [fold(word) for word in found]
    first = next((i for i, word in enumerate(folded) if word in _INTERROGATIVES), None)
    if first is None:
        return []
    names = set(question_names(question.split()))
    return [word for word, plain in zip(found[first + 1:], folded[first + 1:])
            if plain not in _NOT_NAMES and plain not in names and len(plain) >= ASKED_STEM][:ASKED_CLASS_REACH]


def name_asked_of(question: str, language: str | None) -> list[str]:
    """The words of what a question asks the name of ("What is the name of the frigate …?", "Si quhet kryetari …?",
    "Ano ang pangalan ng alkalde …?"), by its language's `name_of` patterns, as `vectorstore.text.words_of` writes
    them (the word bridge's keys): at most two, no question word, connective or pointer, none under four letters."""
    text = " ".join(words(question))
    spelled = {fold(word): word for word in words_of(question)}
    for pattern in lexicon.lexicon(language).name_of:
        if found := pattern.search(text):
            return [spelled.get(word, word) for word in found.groups()
                    if word and word not in _NOT_NAMES and len(word) >= NAMED_STEM]
    return []


def asked_stems(asked: Iterable[str], least: int = ASKED_STEM) -> frozenset[str]:
    """The stems that another form of these words shares ("operator", "operatori"): their first `ASKED_STEM`
    letters, of the words with `least` letters or more."""
    return frozenset(fold(word)[:ASKED_STEM] for word in asked if len(word) >= least)


def _beside(phrase: list[int], folded: list[str], stems: tuple[str, ...]) -> bool:
    """Whether a word with one of these stems stands within `ASKED_REACH` words of the name (or is its title)."""
    near = range(max(0, phrase[0] - ASKED_REACH), min(len(folded), phrase[-1] + 1 + ASKED_REACH))
    return any(i not in phrase and folded[i].startswith(stems) for i in near)


def named_beside(kind: AnswerType, sentence: str, question_words: Iterable[str], stems: frozenset[str],
                 full_names: frozenset[str] = frozenset(), topic: Iterable[str] = ()) -> bool:
    """Whether a name that answers (`new_names`) stands within `ASKED_REACH` words of a word with one of these stems:
    for "who", a word the question asks for the person by (`Query.asked`): news names a person beside their role
    ("Hospital director Dr. Gentian Marku", "Teresita Alcaraz-Uy, pangulo ng …"), while a story's lead names everyone
    who took part; for "what is the name of", a word for the thing named (`Query.name_of`): news gives a thing's name
    where it introduces it ("the frigate Admiral Gorshkov", "kryetari i bashkisë, Ilir Bardhoshi")."""
    if not stems:
        return False
    tokens, new = new_names(kind, sentence, question_words, full_names, topic, stems)
    folded = [fold(token) for token in tokens]
    # A person's name has no figure ("Lumetra X9") and no kind of institution ("Marikit State University").
    return any(_beside(phrase, folded, tuple(stems)) for phrase in new
               if kind is not AnswerType.PERSON or (not any(any(ch.isdigit() for ch in tokens[i]) for i in phrase)
                                                    and not lexicon.kinds_named([folded[i] for i in phrase],
                                                                                _INSTITUTIONS)))


def question_names(question_words: Iterable[str]) -> list[str]:
    """The words (folded) of the names the question capitalises: none for a question typed in lower case."""
    return _own_words(split_names(" ".join(question_words))[0])


def _own_words(question_words: Iterable[str]) -> list[str]:
    """The words (folded) that can make a name the question's own: no short word, no question word."""
    return [w for w in words(" ".join(question_words)) if len(w) >= MIN_QUESTION_WORD and w not in _NOT_NAMES]


SHARED_WORD = 4  # the fewest letters of a question word that a sentence in its language must repeat (`shares_a_word`)


def shares_a_word(sentence: str, question: str) -> bool:
    """Whether the sentence repeats a word of the question of `SHARED_WORD` letters or more that is no question
    word, connective, pointer or number, by its first `ASKED_STEM` letters ("kryetari", "kryetarja"); true for a
    question with no such word. A sentence that answers a question in its own language repeats something of it (the
    subject, what is asked), while one that shares none and holds a name or a date is about something else: "Kush
    është kryetari i bashkisë së Lisarkut?" is not answered by "… tha Dr. Teuta Lleshaj, onkologia …"."""
    asked = _repeatable_stems(question)
    return not asked or any(word[:ASKED_STEM] in asked for word in words(sentence) if len(word) >= SHARED_WORD)


@lru_cache(maxsize=256)
def _repeatable_stems(question: str) -> frozenset[str]:
    """`shares_a_word`'s stems of the question, read once for all the sentences weighed for it."""
    return asked_stems(_own_words([question]), SHARED_WORD)


def names_any(text: str, names: list[str]) -> bool:
    """Whether the text's capitalised words name one of these (`mentioned`)."""
    return any(mentioned(token, names) for token in TOKEN.findall(text) if token[:1].isupper())


def models_in(sentence: str) -> list[str]:
    """The designations a sentence gives: a capitalised word of letters and digits ("Geran-25", "Su-57"), or a name
    and then a number ("Tanaw Pro 360"; not a month and a year: "September 2023")."""
    tokens, spaced = tokens_of(sentence)
    found = [token for token in tokens if MODEL.match(token) and token[:1].isupper()]  # not "covid-19"
    for i, token in enumerate(tokens[1:], start=1):
        before = tokens[i - 1]
        if token.isdigit() and spaced[i] and before[:1].isupper() and not YEAR.fullmatch(token) \
                and not listed(fold(before), _CALENDAR):
            found.append(f"{before} {token}")
    return found


def names_a_day(sentence: str, language: str | None = None) -> bool:
    """Whether the sentence names a day of a month: a day's number beside a calendar word of its `language`
    (`calendar_of`), one word between at most ("17 shtatorit", "September 17", "ika-17 ng Setyembre"), or a date in
    figures ("17.09.2023")."""
    if NUMERIC_DATE.search(sentence):
        return True
    found = words(sentence)
    calendar = calendar_of(language)
    for i, word in enumerate(found):
        if word.isdigit() and 1 <= int(word) <= 31 and len(word) <= 2:
            near = found[max(0, i - 1):i] + found[i + 1:i + 3]
            if any(listed(w, calendar) for w in near):
                return True
    return False


def institutions_asked(question: str) -> frozenset[int]:
    """The kind of institution the question asks to name ("Which hotel …?", "Në cilin spital …?"): one named within
    `ASKED_CLASS_REACH` words after its first interrogative, by its place in `vectorstore.lexicon.institution_kinds`."""
    found = words(question)
    first = next((i for i, word in enumerate(found) if word in _INTERROGATIVES), None)
    return frozenset() if first is None else \
        lexicon.kinds_named(found[first + 1:first + 1 + ASKED_CLASS_REACH], _INSTITUTIONS)


def institutions_named(text: str) -> frozenset[int]:
    """The kinds of institution the text names by a name that says what it is ("the Hotel Rozafa", "Marikit District
    Hospital"): a capitalised word of the kind, in any language (`vectorstore.lexicon.kinds_named`). A kind's word in
    lower case names none ("a bank loan", "studentët e universitetit")."""
    return lexicon.kinds_named([fold(token) for token in TOKEN.findall(text) if token[:1].isupper()], _INSTITUTIONS)


def relations_named(text: str) -> frozenset[int]:
    """The family relations the text names ("wife", "bashkëshorti", "asawang": the spouse), by their place in
    `vectorstore.lexicon.kinship`, in any language's words (`vectorstore.lexicon.kinds_named`)."""
    return lexicon.kinds_named(words(text), _KINSHIP)


def holds_exact_answer(kind: AnswerType, sentence: str, question_words: Iterable[str] = (),
                       topic: Iterable[str] = (), asked: frozenset[str] = frozenset()) -> bool:
    """Whether the sentence's candidate is as exact as the kind asks: "at what time" asks for a clock time, which a
    part of the day ("the same night") only approximates; "who" for a new name of two words or more (`holds_answer`
    without `full_names`): news names a person in full where it introduces them, often with their role ("the museum's
    director, Vjollca Marku, said …"), and by the surname alone after that ("…, Marku said")."""
    if kind is AnswerType.TIME:
        return bool(CLOCK.search(sentence))
    if kind is AnswerType.PERSON:
        return holds_answer(kind, sentence, question_words, frozenset(), topic, asked)
    return True


def topic_names(texts: list[str]) -> list[str]:
    """The names (folded) that at least `TOPIC_SHARE` of the texts, and at least `MIN_TOPIC_TEXTS`, name: what the
    passages found for a question are all about."""
    named = Counter(name for text in texts for name in {fold(n) for n in names_in(text)})
    least = max(MIN_TOPIC_TEXTS, TOPIC_SHARE * len(texts))
    return [name for name, count in named.items() if count >= least]


def person_names(texts: Iterable[str]) -> frozenset[str]:
    """The words (folded) of the names of two words or more in the texts: the people they name."""
    found = set()
    for text in texts:
        tokens, spaced = tokens_of(text)
        found.update(fold(tokens[i]) for phrase in name_phrases(tokens, spaced) if len(phrase) > 1 for i in phrase)
    return frozenset(found)


def tokens_of(text: str) -> tuple[list[str], list[bool]]:
    """The text's words, and for each whether only spaces part it from the word before (a nickname's quotation marks
    within a name are read as spaces: `NICKNAME`)."""
    text = NICKNAME.sub(lambda m: "  " + m.group(1) + "  ", text)
    found = list(TOKEN.finditer(text))
    return ([match.group(0) for match in found],
            [i > 0 and text[found[i - 1].end():match.start()].isspace() for i, match in enumerate(found)])


def name_phrases(tokens: list[str], spaced: list[bool], models: bool = False) -> list[list[int]]:
    """The positions of each name among a sentence's tokens (`tokens_of`), a run of names parted by spaces alone
    being one ("Oleg Kojemiako"); punctuation ends a name: in "the governor of Primorye, Oleg Kozhemiako," the
    place and the person are two."""
    phrases: list[list[int]] = []
    for position in name_positions(tokens, models):
        # A possessive ends a name: "Albania's Health Minister Elira Dushku" names a country, then a minister.
        if phrases and phrases[-1][-1] == position - 1 and spaced[position] \
                and not POSSESSIVE.search(tokens[position - 1]):
            phrases[-1].append(position)
        else:
            phrases.append([position])
    return phrases


def words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def listed(word: str, known: re.Pattern) -> bool:
    """The word is a listed one, or one of four letters or more with an ending of its language ("të dielën" ~ "diel";
    `vectorstore.lexicon.word_forms`)."""
    return known.match(word) is not None


def names_in(sentence: str, models: bool = False) -> list[str]:
    """The sentence's names: capitalised words that are no calendar or question word; its first word only when the
    next one is a name too ("Oleg Kozhemiako said", not "Several experts" or "On Sunday"); with `models`, words of
    letters and digits together ("Geran-25")."""
    tokens = TOKEN.findall(sentence)
    return [tokens[i] for i in name_positions(tokens, models)]


def name_positions(tokens: list[str], models: bool = False) -> list[int]:
    """The positions of the names among a sentence's tokens (`names_in`)."""
    def capitalised_name(token: str) -> bool:
        folded = fold(token)
        return token[:1].isupper() and folded not in _NOT_NAMES and not listed(folded, _CALENDAR)

    return [position for position, token in enumerate(tokens)
            if (models and MODEL.match(token))
            or (capitalised_name(token) and (position > 0 or (len(tokens) > 1 and capitalised_name(tokens[1]))))]


def mentioned(name: str, question_words: list[str]) -> bool:
    """Whether the question names it already: a question word starting with its first letters ("Kimit" ~ "Kim"),
    or spelled much like it ("Rusia" ~ "Russia")."""
    folded = fold(name)
    for word in question_words:
        if folded == word or (len(word) >= 3 and folded.startswith(word[:SAME_NAME_PREFIX])):
            return True
        if len(folded) >= SAME_NAME_PREFIX and word.startswith(folded[:SAME_NAME_PREFIX]):
            return True
        # Not a word of three letters: one letter is a third of it, and Tagalog "ang" would make "Kang" its own.
        if len(word) >= SAME_NAME_PREFIX and abs(len(word) - len(folded)) <= 3 \
                and SequenceMatcher(None, folded, word).ratio() >= SAME_NAME_SPELLING:
            return True
    return False
