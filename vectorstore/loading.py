"""Read article files (.txt, .md, .html) into text, or say plainly why a file cannot be read."""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES


# An HTML page names its own encoding in a <meta> tag (WHATWG's "charset" or the http-equiv content type);
# pages saved from a browser are often windows-1252 or ISO-8859-x, and say so.
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class UnreadableFile(ValueError):
    """A file that cannot become an article; the message says why and what to do."""


@dataclass(frozen=True)
class RawArticle:
    path: Path
    text: str
    html_title: str | None = None


def find_files(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Expand files and folders (recursively) into article files; missing paths come back as skips."""
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            found, passed_over = _walk(path)
            files += found
            skipped += passed_over
            if not found and not passed_over:
                kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
                skipped.append((path, f"an empty folder: no {kinds} file in it or below it"))
        elif path.is_file():
            files.append(path)
        else:
            skipped.append((path, _not_a_file_reason(path)))
    return files, skipped


def _not_a_file_reason(path: Path) -> str:
    """Why a path that is neither a folder nor a regular file cannot be ingested: what it is."""
    try:
        path.stat()
    except FileNotFoundError:
        return "a link to a file that does not exist" if path.is_symlink() else "no such file or folder; check the path"
    except OSError as error:
        return f"cannot be looked at ({error.strerror or error}); not read"
    return "not a regular file (a pipe, socket or device); give an article file"


def _walk(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The folder's article files, sorted, and everything else in it with why it is left out (hidden
    folders and links to folders once each, without looking inside)."""
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []

    def unreadable(error: OSError) -> None:
        skipped.append((Path(error.filename or folder), f"cannot read the folder ({error.strerror or error}); "
                                                        "not searched"))

    for root, folders, names in os.walk(folder, onerror=unreadable):
        here = Path(root)
        for name in list(folders):
            if name.startswith("."):
                skipped.append((here / name, "hidden folder (its name starts with '.'); not searched"))
            elif (here / name).is_symlink():
                skipped.append((here / name, "a link to a folder, not followed; give the folder itself"))
        folders[:] = [name for name in folders if not name.startswith(".") and not (here / name).is_symlink()]
        for name in names:
            child = here / name
            if name.startswith("."):
                skipped.append((child, "hidden file (its name starts with '.'); give it by name to ingest it"))
            elif not child.is_file():
                skipped.append((child, _not_a_file_reason(child)))
            elif child.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(child)
            else:
                skipped.append((child, unsupported_reason(child)))
    return sorted(files), sorted(skipped)


def unsupported_reason(path: Path) -> str:
    kinds = ", ".join(sorted(SUPPORTED_SUFFIXES))
    return f"unsupported file type '{path.suffix or '(none)'}'; use one of {kinds}"


def read_article(path: Path, max_bytes: int) -> RawArticle:
    """Decode one file; HTML is reduced to its main text."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFile(unsupported_reason(path))
    size = path.stat().st_size  # before reading: a file of gigabytes would be read whole to be refused
    if size > max_bytes:
        raise UnreadableFile(f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit (a longer article "
                             "takes too long to embed, and is stored whole or not at all); split it into several files")
    data = path.read_bytes()
    if not data:
        raise UnreadableFile("the file is empty (0 bytes)")
    text = _decode(data, html=suffix in HTML_SUFFIXES)
    if not text.strip():
        raise UnreadableFile("the file holds only white space" if text else
                             "the file holds nothing but a byte-order mark")
    if suffix in HTML_SUFFIXES:
        return _from_html(path, text)
    return RawArticle(path=path, text=text)


def _decode(data: bytes, *, html: bool) -> str:
    """UTF-8 (a byte-order mark dropped), UTF-16 with its byte-order mark, or the encoding an HTML page declares."""
    if data.startswith(UTF16_MARKS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile("the file starts as UTF-16 but does not decode as UTF-16; re-save it as UTF-8") \
                from None
    if b"\x00" in data:
        if codec := _utf16_without_mark(data):
            raise UnreadableFile(f"the file is {codec} text without a byte-order mark; re-save it as UTF-8 "
                                 "(or as UTF-16 with its byte-order mark)")
        raise UnreadableFile("the file is binary, not text; save it as UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problem = f"the file is not UTF-8 (bad byte at offset {error.start})"
    declared = DECLARED_CHARSET.search(data[:4096]) if html else None
    if declared:
        name = declared.group(1).decode("ascii")
        try:
            return data.decode(name)
        except LookupError:
            problem += f" and declares an encoding Python does not know ({name})"
        except UnicodeDecodeError:
            problem += f" nor the {name} it declares"
    raise UnreadableFile(f"{problem}; re-save it as UTF-8")


def _utf16_without_mark(data: bytes) -> str | None:
    """'UTF-16LE' or 'UTF-16BE' when the bytes read as printable text in that encoding: the zero bytes of
    the Latin letters' high halves all fall on the odd (LE) or the even (BE) offsets."""
    if len(data) % 2:
        return None
    odd_zeros, even_zeros = data[1::2].count(0), data[0::2].count(0)
    if odd_zeros and not even_zeros:
        codec = "UTF-16LE"
    elif even_zeros and not odd_zeros:
        codec = "UTF-16BE"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    readable = sum(ch.isprintable() or ch.isspace() for ch in text)
    return codec if readable >= 0.95 * len(text) else None


def _from_html(path: Path, html: str) -> RawArticle:
    extracted = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not extracted or not extracted.strip():
        raise UnreadableFile("no article text found in the HTML")
    # Scripts and styles are no part of a title: trafilatura's metadata reads a heading's text with them.
    tree = load_html(html)
    if tree is not None:
        etree.strip_elements(tree, "script", "style", "noscript", "template", with_tail=False)
    metadata = trafilatura.extract_metadata(tree if tree is not None else html)
    title = metadata.title if metadata is not None else None
    return RawArticle(path=path, text=extracted, html_title=title)
