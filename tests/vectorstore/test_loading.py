"""Reading article files: the encodings a file may come in, and a plain reason when it cannot be read."""

from __future__ import annotations

import pytest

from vectorstore.loading import UnreadableFile, read_article

LIMIT = 1_000_000
STORY = "Kimi u largua të dielën nga Vladivostoku. Guvernatori i dha një jelek antiplumb."
PAGE = """<html><head>{meta}<title>Largimi i Kimit</title></head><body><article>
<h1>Largimi i Kimit</h1><p>{story}</p><p>Treni i blinduar u nis drejt kufirit me Korenë e Veriut.</p>
</article></body></html>"""


@pytest.mark.parametrize("meta", ['<meta charset="windows-1252">',
                                  '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'])
def test_html_in_the_encoding_it_declares_is_read(tmp_path, meta):
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.format(meta=meta, story=STORY).encode("cp1252"))
    assert STORY in read_article(page, LIMIT).text  # "ë" came through, not a bad-byte refusal


def test_html_that_is_not_utf8_and_declares_nothing_is_refused_with_what_to_do(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.format(meta="", story=STORY).encode("cp1252"))
    with pytest.raises(UnreadableFile, match=r"not UTF-8 \(bad byte at offset \d+\); re-save it as UTF-8"):
        read_article(page, LIMIT)


def test_utf16_text_with_its_byte_order_mark_is_read_exactly(tmp_path):
    article = tmp_path / "story.txt"
    article.write_bytes("\ufeff".encode("utf-16-le") + STORY.encode("utf-16-le"))
    assert read_article(article, LIMIT).text == STORY


def test_binary_stays_binary(tmp_path):
    picture = tmp_path / "photo.txt"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UnreadableFile, match="binary"):
        read_article(picture, LIMIT)


def test_script_text_stays_out_of_an_html_title(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body><article><h1>Kim leaves <script>alert(1)</script>Vladivostok</h1>"
                    f"<p>{STORY}</p><p>{STORY}</p></article></body></html>", encoding="utf-8")
    article = read_article(page, LIMIT)
    assert "alert" not in (article.html_title or "") and "alert" not in article.text
    assert article.html_title and "Vladivostok" in article.html_title


def test_white_space_is_not_called_empty(tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n   \n", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="only white space"):
        read_article(blank, LIMIT)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableFile, match=r"empty \(0 bytes\)"):
        read_article(empty, LIMIT)


@pytest.mark.parametrize("codec, name", [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")])
def test_utf16_without_its_byte_order_mark_is_named_not_called_binary(tmp_path, codec, name):
    article = tmp_path / "story.txt"
    article.write_bytes(STORY.encode(codec))
    with pytest.raises(UnreadableFile, match=f"{name} text without a byte-order mark.*re-save it as UTF-8") as refused:
        read_article(article, LIMIT)
    assert "binary" not in str(refused.value)


def test_what_is_not_a_file_says_what_it_is(tmp_path):
    import os

    from vectorstore.loading import find_files

    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    given = [tmp_path / "pipe.txt", tmp_path / "zero.txt", tmp_path / "gone.txt", tmp_path / "typo.txt"]
    files, skipped = find_files(given)
    reasons = {path.name: reason for path, reason in skipped}
    assert files == []
    assert "not a regular file" in reasons["pipe.txt"] and "not a regular file" in reasons["zero.txt"]
    assert "a link to a file that does not exist" in reasons["gone.txt"]
    assert "no such file or folder" in reasons["typo.txt"]


def test_a_file_too_long_to_embed_in_reasonable_time_is_refused_unread(tmp_path):
    from vectorstore.settings import Settings

    one_line = tmp_path / "one_line.md"  # 1 MB on one line: some 2,600 passages, an hour of embedding under load
    one_line.write_text("Kim met students in Vladivostok. " * 31_000, encoding="utf-8")
    with pytest.raises(UnreadableFile, match=r"over the 200,000-byte limit .*takes too long to embed.*split it"):
        read_article(one_line, Settings().max_file_bytes)
