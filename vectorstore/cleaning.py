"""Find what in an article's text is content: the date marker, the title, and web boilerplate to skip.

Nothing here edits the text; it returns character ranges, so passage offsets keep pointing into it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vectorstore import lexicon

DATE_MARKER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*", re.IGNORECASE)

# Markdown's marks at the start of a line: a heading's hashes, a list item's bullet or number, a quote's '>'.
# The block starts after them, so that a quoted sentence never begins "# ".
LINE_MARKUP = re.compile(r"(?:#{1,6}|[-*+>]|\d{1,3}[.)])[ \t]+")
SENTENCE_END = re.compile(r"[.!?…:;\"”»)。！？」』]\s*$")  # with the full stops of Chinese and Japanese
MAX_LABEL_WORDS = 3
MAX_TITLE_CHARS = 200


@dataclass(frozen=True)
class Block:
    """A run of content text: article_text[start:end]."""

    start: int
    end: int


def find_date(text: str) -> str | None:
    match = DATE_MARKER.match(text)
    return match.group(1) if match else None


def _lines(text: str):
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, line
        offset += len(line)


@functools.cache
def _teaser() -> re.Pattern:
    """A line that opens with a teaser phrase of any language's lexicon ("Lexo më shumë …", "Read more: …")."""
    phrases = sorted(lexicon.every("teasers"), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")(?!\w)",
                      re.IGNORECASE)


def is_boilerplate(line: str) -> bool:
    """A read-more teaser, or a lone label such as a section name, a player embed ("YouTube player"), a share
    button or a press credit."""
    stripped = line.strip()
    if not stripped:
        return True
    if _teaser().match(stripped):
        return True
    words = stripped.split()
    return len(words) <= MAX_LABEL_WORDS and not SENTENCE_END.search(stripped)


def content_blocks(text: str) -> list[Block]:
    """The article's content lines (one block each), without the date marker, boilerplate and the Markdown
    marks that open a line."""
    marker = DATE_MARKER.match(text)
    skip_to = marker.end() if marker else 0
    blocks = []
    for offset, line in _lines(text):
        start, end = max(offset, skip_to), offset + len(line.rstrip("\r\n"))
        if start >= end:
            continue
        body = text[start:end]
        if is_boilerplate(body):
            continue
        lead = len(body) - len(body.lstrip())
        markup = LINE_MARKUP.match(body, lead)
        lead = markup.end() if markup else lead
        trail = len(body) - len(body.rstrip())
        blocks.append(Block(start + lead, end - trail))
    return blocks


# Inline Markdown in a title line: a link or image keeps its text; emphasis and code marks go.
INLINE_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
INLINE_EMPHASIS = (re.compile(r"(\*{1,3}|`+)(?=\S)(.+?)(?<=\S)\1"),
                   re.compile(r"(?<!\w)(_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)"))  # not within a word: "snake_case"


def plain_title(line: str) -> str:
    """A title line without its inline Markdown: "**Big news** from [Tirana](…)" -> "Big news from Tirana"."""
    line = INLINE_LINK.sub(r"\1", line)
    previous = None
    while previous != line:  # nested marks: "***x***", "**_x_**"
        previous = line
        for marks in INLINE_EMPHASIS:
            line = marks.sub(r"\2", line)
    return line


def find_title(text: str, blocks: list[Block], fallback: str) -> str:
    """A leading headline line (no closing punctuation) or, failing that, the first sentence, shortened."""
    if not blocks:
        return fallback
    first = plain_title(text[blocks[0].start : blocks[0].end].lstrip("# ")).strip() or fallback
    if len(first) <= MAX_TITLE_CHARS and not re.search(r"[.!?…]\s*$", first) and len(blocks) > 1:
        return first
    sentence = re.split(r"(?<=[.!?…])\s", first, maxsplit=1)[0]
    return sentence if len(sentence) <= 120 else sentence[:117].rsplit(" ", 1)[0] + "…"
