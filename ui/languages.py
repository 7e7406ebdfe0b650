"""How a language code is shown to a person, and the choices of the language filter."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

# (label, value) pairs for the filter; None searches every language.
FILTER_CHOICES: list[tuple[str, str | None]] = [
    ("Any language", "any"),
    ("Albanian (sq)", "sq"),
    ("Tagalog (tl)", "tl"),
    ("English (en)", "en"),
]


def language_label(code: str | None) -> str:
    """'sq' -> 'Albanian (sq)'; an unknown or missing code is shown as it is."""
    if not code:
        return "Unknown language"
    try:
        name = Locale("en").languages.get(code)
    except UnknownLocaleError:
        name = None
    return f"{name} ({code})" if name else code


def filter_value(choice: str | None) -> str | None:
    """The filter's value as `qa.query(language=...)` takes it."""
    return None if choice in (None, "", "any") else choice
