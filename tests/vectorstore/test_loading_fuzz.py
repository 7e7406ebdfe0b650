"""Any bytes in an article file: an article whose passages are exact spans of its text, or a clear refusal
(`UnreadableFile`, which the ingest report lists with its reason); never another exception."""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from vectorstore.ingest import prepare_article
from vectorstore.loading import SUPPORTED_SUFFIXES, UnreadableFile

PASSAGE_TOKENS = 256
MAX_BYTES = 20_000_000

WORDS = st.sampled_from(["Kim", "Putin", "left", "Russia", "on", "Sunday.", "Ai", "u", "largua", "nga", "Rusia.",
                         "Umalis", "si", "ng", "Rusya.", "“", "”", "«", "»", '"', "#", "**", "_", "[link](x)",
                         "\n", "\n\n", "  ", "\t", "\r\n", "\u00a0", "\u200b", "\x0c", "...", "?", "2023-09-17",
                         "<p>", "</p>", "&amp;", "&#0;", "&#xD800;", "ë", "他", "😀", "\x00", "\ufeff"])
PROSE = st.lists(WORDS, max_size=120).map(" ".join) | st.text(max_size=400)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252"])


def encoded(text: str, encoding: str, bom: bool) -> bytes:
    mark = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"") if bom else b""
    return mark + text.encode(encoding, errors="replace")


def page(title: str, body: str, charset: str) -> str:
    return (f'<html><head><meta charset="{charset}"><title>{title}</title><script>var t="{title}";</script></head>'
            f"<body><nav>Home | News</nav><article><h1>{title}</h1><p>{body}</p><p>{body[::-1]}</p></article>"
            "</body></html>")


TEXT_FILES = st.builds(encoded, PROSE, ENCODINGS, st.booleans())
HTML_FILES = st.builds(encoded, st.builds(page, PROSE, PROSE, st.sampled_from(["utf-8", "windows-1252", "latin-1",
                                                                               "utf-16", "no-such-charset", ""])),
                       ENCODINGS, st.booleans())
ANY_BYTES = st.binary(max_size=2048) | TEXT_FILES | HTML_FILES | st.builds(bytes.__add__, TEXT_FILES, st.binary(max_size=8))


@settings(max_examples=150, deadline=None)
@given(data=ANY_BYTES, suffix=st.sampled_from(sorted(SUPPORTED_SUFFIXES)))
def test_any_file_becomes_an_article_or_a_clear_refusal(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        try:
            article = prepare_article(path, PASSAGE_TOKENS, MAX_BYTES)
        except UnreadableFile as error:
            assert str(error).strip() and len(str(error)) < 400
            return
    assert article.passages and isinstance(article.record.title, str) and article.record.title.strip()
    for passage in article.passages:
        assert article.text[passage.start:passage.end] == passage.text and passage.text.strip()
    article.text.encode("utf-8")  # stored in the catalog and sent as JSON
