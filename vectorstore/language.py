"""Detect an article's or a question's language offline (lingua knows Albanian and Tagalog)."""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

MIN_CONFIDENCE = 0.2


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code such as 'sq', 'tl' or 'en', or None when the text gives too little to tell."""
    sample = text[:4000]
    if not sample.strip():
        return None
    confidences = _detector().compute_language_confidence_values(sample)
    if not confidences or confidences[0].value < MIN_CONFIDENCE:
        return None
    return _iso_code(confidences[0].language)


def _iso_code(language: Language) -> str:
    return language.iso_code_639_1.name.lower()
