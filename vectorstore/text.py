"""Text as the lexical index and the word checks compare it: folded (no case, no diacritics), in words, in trigrams.

One small module, used by the catalog, the word bridge and the answerer alike, so that all of them fold text the
same way.
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY_GRAMS = 64
WORD = re.compile(r"[^\W\d_]{3,}")


WORD_AFTER_MARK = re.compile(r"(?<=[^\w\s])(?=[^\W_])")  # a word right after a quote, a bracket, a dash, ...


def lexical_form(text: str) -> str:
    """What the trigram index stores for a passage: folded, with a space before every word, so that word starts can
    be matched (`Catalog.count_word_starting`): a name in quotes ("Santa Margherita") or brackets starts a word too.
    Only the spaces change: a search's trigrams come from within words (`query_grams`)."""
    return " " + WORD_AFTER_MARK.sub(" ", fold(text))


def fold(text: str) -> str:
    """Lower case without diacritics, so 'dronë' and 'drone' share trigrams."""
    if text.isascii():  # the same result, at a fraction of the cost, for most words a question's checks fold
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def query_grams(question: str, limit: int | None = MAX_QUERY_GRAMS) -> list[str]:
    """Distinct trigrams of the text's words, longest words first (words of one length in the text's order,
    so the same text always keeps the same grams under the limit)."""
    words = sorted(dict.fromkeys(w for w in _words(fold(question)) if len(w) >= 3), key=len, reverse=True)
    grams = dict.fromkeys(word[i : i + 3] for word in words for i in range(len(word) - 2))
    return list(grams)[:limit]


def words_of(text: str) -> list[str]:
    """Distinct lower-case words of three letters or more (diacritics kept), in order of appearance."""
    return list(dict.fromkeys(word.lower() for word in WORD.findall(text)))


def _words(text: str) -> list[str]:
    return "".join(ch if ch.isalnum() else " " for ch in text).split()
