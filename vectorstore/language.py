"""Detect an article's or a question's language offline (lingua knows Albanian and Tagalog)."""

from __future__ import annotations

from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

MIN_CONFIDENCE = 0.2


@lru_cache(maxsize=8)
def _detector(among: frozenset[str] | None) -> LanguageDetector:
    if among:
        languages = [Language.from_iso_code_639_1(IsoCode639_1.from_str(code)) for code in among]
        if len(languages) > 1:
            return LanguageDetectorBuilder.from_languages(*languages).build()
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str, among: frozenset[str] | None = None) -> str | None:
    """ISO 639-1 code such as 'sq', 'tl' or 'en', or None when the text gives too little to tell.

    `among` narrows the choice (a short question is told apart far better among the index's languages).
    """
    sample = text[:4000]
    if not sample.strip():
        return None
    confidences = _detector(among).compute_language_confidence_values(sample)
    if not confidences or confidences[0].value < MIN_CONFIDENCE:
        return None
    return _iso_code(confidences[0].language)


def _iso_code(language: Language) -> str:
    return language.iso_code_639_1.name.lower()
