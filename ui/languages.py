"""How a language code is shown to a person, and the choices of the language filter."""

from __future__ import annotations

from qa import language_label as named

# (label, value) pairs for the filter; None searches every language.
FILTER_CHOICES: list[tuple[str, str | None]] = [
    ("Any language", "any"),
    ("Albanian (sq)", "sq"),
    ("Tagalog (tl)", "tl"),
    ("English (en)", "en"),
]


def language_label(code: str | None) -> str:
    """'sq' -> 'Albanian (sq)'; an unknown code is shown as it is, a missing one as 'Unknown language'."""
    return named(code) if code else "Unknown language"


def filter_value(choice: str | None) -> str | None:
    """The filter's value as `qa.query(language=...)` takes it."""
    return None if choice in (None, "", "any") else choice
