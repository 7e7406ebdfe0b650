"""Detect an article's or a question's language offline (lingua knows Albanian and Tagalog)."""

from __future__ import annotations

from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

MIN_CONFIDENCE = 0.2


SHORTLIST = 5  # languages the fast pass keeps for the accurate one
# Of a given set (a question among the index's languages), the cheap pass keeps two: the accurate pass's n-gram
# models then load for two languages, not all (0.57 s of CPU for three, the most of a cold `qa ask` over plain
# LlamaIndex's), with the same language for every question of the eval sets (395, among three or four languages).
AMONG_SHORTLIST = 2


@lru_cache(maxsize=1)
def _fast_detector() -> LanguageDetector:
    """All languages, trigrams only: fast, and right on a long text, but a short English paragraph comes out
    Tagalog (0.99)."""
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


@lru_cache(maxsize=32)
def _cheap_detector(languages: frozenset[Language]) -> LanguageDetector:
    """A few languages, trigrams only: it loads at once, and narrows them down, but alone it reads a short English
    question as German ("Which border post is it?": 0.99)."""
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


@lru_cache(maxsize=32)
def _accurate_detector(languages: frozenset[Language]) -> LanguageDetector:
    """Every n-gram model, but of a few languages only: all of them take 10 s and 900 MB to load."""
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _candidates(text: str, among: frozenset[str] | None) -> frozenset[Language]:
    """The languages the accurate pass chooses among: a cheap pass's best few, of `among` or of every language."""
    if among and len(among) > 1:
        languages = frozenset(_language(code) for code in among)
        if len(languages) <= AMONG_SHORTLIST:
            return languages
        cheap, keep = _cheap_detector(languages), AMONG_SHORTLIST
    else:
        cheap, keep = _fast_detector(), SHORTLIST
    return frozenset(c.language for c in cheap.compute_language_confidence_values(text)[:keep])


def detect_language(text: str, among: frozenset[str] | None = None, margin: float = 0.0) -> str | None:
    """ISO 639-1 code such as 'sq', 'tl' or 'en', or None when the text gives too little to tell.

    `among` narrows the choice (a short question is told apart far better among the index's languages); with a
    `margin`, None also when the best language's confidence leads the next one's by less.
    """
    sample = text[:4000]
    if not sample.strip():
        return None
    candidates = _candidates(sample, among)
    if len(candidates) < 2:  # none: nothing to tell it by; one: the only language its letters allow
        return _iso_code(next(iter(candidates))) if candidates else None
    confidences = _accurate_detector(candidates).compute_language_confidence_values(sample)
    if not confidences or confidences[0].value < MIN_CONFIDENCE:
        return None
    if margin and len(confidences) > 1 and confidences[0].value - confidences[1].value < margin:
        return None
    return _iso_code(confidences[0].language)


def _iso_code(language: Language) -> str:
    return language.iso_code_639_1.name.lower()


def _language(code: str) -> Language:
    """lingua's language for an ISO 639-1 code; ValueError for a code it does not know."""
    return Language.from_iso_code_639_1(IsoCode639_1.from_str(code))


def language_name(code: str) -> str | None:
    """'de' -> 'German'; None for a code lingua does not know."""
    try:
        return _language(code).name.title()
    except ValueError:
        return None
