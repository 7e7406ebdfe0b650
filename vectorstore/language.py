"""Detect an article's or a question's language offline (lingua knows Albanian and Tagalog)."""

from __future__ import annotations

from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

MIN_CONFIDENCE = 0.2


SHORTLIST = 5  # languages the fast pass keeps for the accurate one


@lru_cache(maxsize=1)
def _fast_detector() -> LanguageDetector:
    """All languages, trigrams only: fast, and right on a long text, but a short English paragraph comes out
    Tagalog (0.99)."""
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


@lru_cache(maxsize=32)
def _accurate_detector(languages: frozenset[Language]) -> LanguageDetector:
    """Every n-gram model, but of a few languages only: all of them take 10 s and 900 MB to load."""
    return LanguageDetectorBuilder.from_languages(*languages).build()


def _detector(text: str, among: frozenset[str] | None) -> LanguageDetector:
    if among and len(among) > 1:
        return _accurate_detector(frozenset(_language(code) for code in among))
    shortlist = [c.language for c in _fast_detector().compute_language_confidence_values(text)[:SHORTLIST]]
    return _accurate_detector(frozenset(shortlist)) if len(shortlist) > 1 else _fast_detector()


def detect_language(text: str, among: frozenset[str] | None = None) -> str | None:
    """ISO 639-1 code such as 'sq', 'tl' or 'en', or None when the text gives too little to tell.

    `among` narrows the choice (a short question is told apart far better among the index's languages).
    """
    sample = text[:4000]
    if not sample.strip():
        return None
    confidences = _detector(sample, among).compute_language_confidence_values(sample)
    if not confidences or confidences[0].value < MIN_CONFIDENCE:
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
