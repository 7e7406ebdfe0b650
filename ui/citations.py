"""An answer's text as chat HTML: everything escaped, each `[n]` a link to its source."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape

from qa import CITATION

SENTENCE_END = re.compile(r"(?<=[.!?。\]])\s+(?!\[\d+\])")


def citation_href(turn: int, number: int) -> str:
    """The link target of source `number` of the answer in `turn`; the page script reads it back."""
    return f"#source-{turn}-{number}"


def answer_html(text: str, turn: int, source_titles: list[str],
                unsupported: list[tuple[str, float]] = (), kind: str = "answer") -> str:
    """Escaped answer text in one raw-HTML block, so Markdown never reinterprets it (`kind`: "abstained" for a
    refusal, which may cite what comes closest).

    Sentences their citations do not support (`(sentence, support)`) are underlined, with a tooltip.
    """
    def link(match: re.Match) -> str:
        number = int(match.group(1))
        if not 1 <= number <= len(source_titles):
            return match.group(0)
        title = escape(source_titles[number - 1])
        return (
            f'<a class="cite" href="{citation_href(turn, number)}" title="{title}">[{number}]</a>'
        )

    pieces, cursor = [], 0
    for sentence, support in unsupported:
        at = text.find(sentence, cursor) if sentence else -1
        if at < 0:
            continue
        pieces.append(CITATION.sub(link, escape(text[cursor:at])))
        tip = f"Not supported by its citations (support {support:.2f}); check the sources."
        pieces.append(f'<span class="unsupported" title="{escape(tip)}">'
                      f'{CITATION.sub(link, escape(sentence))}</span>')
        cursor = at + len(sentence)
    pieces.append(CITATION.sub(link, escape(text[cursor:])))
    return chat_block(kind, "".join(pieces))


def shortened(question: str, limit: int) -> str:
    """A long question cut to `limit` characters, saying how long it was."""
    if len(question) <= limit:
        return question
    return f"{question[:limit]}… ({len(question):,} characters)"


def text_html(text: str, kind: str) -> str:
    """Plain text (a question, a notice) shown as text, whatever it contains."""
    return chat_block(kind, escape(text))


def chat_block(kind: str, inner_html: str) -> str:
    # A <div> with no blank line inside is one CommonMark HTML block: no Markdown, no LaTeX inside.
    inner_html = inner_html.replace("\r\n", "\n").replace("\n", "<br>")
    return f'<div class="msg-{kind}">{inner_html}</div>'


def sentence_prefixes(text: str) -> Iterator[str]:
    """The text growing one sentence at a time, ending with the whole text."""
    for boundary in SENTENCE_END.finditer(text):
        yield text[: boundary.start()]
    yield text
