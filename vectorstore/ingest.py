"""Bring files into the index incrementally: new and changed articles go in, removed ones leave."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from llama_index.core import Document
from tqdm import tqdm

from vectorstore.catalog import ArticleRecord
from vectorstore.chunking import split_passages
from vectorstore.cleaning import content_blocks, find_date, find_title
from vectorstore.language import detect_language
from vectorstore.loading import UnreadableFile, find_files, read_article
from vectorstore.store import PassageIndex, PreparedArticle

PIPELINE_VERSION = "7"  # bump when cleaning, chunking or language detection changes, so every article is re-cut


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    restored: int = 0  # passages whose lost vectors were embedded again

    @property
    def stored_anything_usable(self) -> bool:
        return bool(self.added or self.updated or self.unchanged or self.removed)

    def summary(self) -> str:
        line = (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed, {len(self.skipped)} skipped"
        )
        if not (self.added or self.updated or self.removed) and self.unchanged:
            line += " (nothing changed)"
        if self.restored:
            line += f"; {self.restored:,} passages' lost vectors embedded again"
        return "\n".join([line] + [f"  skipped {path}: {reason}" for path, reason in self.skipped])


# (files done, which may be a fraction while a long article is embedded; files in all; what is being done)
ProgressCallback = Callable[[float, int, str], None]
LONG_ARTICLE = 200  # passages from which an article gets a progress bar of its own


class NothingToRebuildFrom(ValueError):
    """A rebuild was given a path that does not exist, or no file it can read: nothing was deleted."""


def check_rebuild_paths(paths: list[Path], max_bytes: int) -> None:
    """Raise `NothingToRebuildFrom` unless every path exists and one file among them reads as an article.

    A rebuild empties the index first, so a mistyped path must stop it before anything is deleted.
    """
    files, _ = find_files([Path(p) for p in paths])
    missing = [str(path) for path in paths if not Path(path).exists()]
    if missing:
        raise NothingToRebuildFrom(f"no such file or folder: {', '.join(missing)}; nothing was deleted. "
                                   "Check the paths and run the rebuild again.")
    for path in files:
        try:
            read_article(path, max_bytes)
            return
        except (UnreadableFile, OSError):
            continue
    raise NothingToRebuildFrom("none of the given files can be ingested, so nothing was deleted; "
                               "'qa ingest PATH...' without --rebuild lists each file's reason.")


def prepare_article(path: Path, settings_tokens: int, max_bytes: int) -> PreparedArticle:
    raw = read_article(path, max_bytes)
    blocks = content_blocks(raw.text)
    passages = split_passages(raw.text, blocks, settings_tokens)
    if not passages:
        raise UnreadableFile("no article text is left once boilerplate is removed")
    content_hash = Document(
        text=raw.text, metadata={"pipeline": PIPELINE_VERSION, "passage_tokens": settings_tokens}
    ).hash
    language = detect_language(" ".join(p.text for p in passages))
    record = ArticleRecord(
        document=path.name,
        path=str(path.resolve()),
        content_hash=content_hash,
        title=raw.html_title or find_title(raw.text, blocks, fallback=path.stem),
        date=find_date(raw.text),
        language=language,
        passage_count=len(passages),
    )
    return PreparedArticle(record=record, text=raw.text, passages=passages)


def ingest_paths(
    index: PassageIndex,
    paths: list[Path],
    *,
    show_progress: bool = True,
    on_progress: ProgressCallback | None = None,
) -> IngestReport:
    """Ingest files and folders (recursively). A folder's articles whose files are gone leave the index."""
    report = IngestReport()
    index.recover()
    report.restored = index.restore()
    index.catalog.mark_ingest_started()  # a first ingest cut short leaves the user's index, not a new one
    files, skipped = find_files([Path(p) for p in paths])
    report.skipped.extend((str(path), reason) for path, reason in skipped)
    seen: set[str] = set()
    bar = tqdm(files, desc="Ingesting", unit="file", disable=not show_progress or len(files) < 2)
    # The next file is read and cleaned while this one is embedded: the model pass releases the GIL.
    reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qa-ingest-read")
    settings = index.settings

    def read(path: Path) -> Future:
        return reader.submit(prepare_article, path, settings.passage_tokens, settings.max_file_bytes)

    try:
        upcoming = read(files[0]) if files else None
        for number, path in enumerate(bar, start=1):
            prepared, upcoming = upcoming, (read(files[number]) if number < len(files) else None)
            if on_progress:
                on_progress(number - 1, len(files), path.name)
            passage_bar = None

            def passages_done(done: int, total: int, path: Path = path, number: int = number) -> None:
                nonlocal passage_bar
                if show_progress and passage_bar is None and total >= LONG_ARTICLE:
                    passage_bar = tqdm(total=total, desc=f"Embedding {path.name}", unit="passage", leave=False)
                if passage_bar is not None:
                    passage_bar.update(done - passage_bar.n)
                if on_progress:
                    on_progress(number - 1 + done / total, len(files), f"{path.name} ({done:,} of {total:,} passages)")

            try:
                _ingest_file(index, path, prepared, seen, report, passages_done)
            except UnreadableFile as error:
                report.skipped.append((str(path), str(error)))
            except OSError as error:
                report.skipped.append((str(path), f"cannot read the file ({error.strerror or error})"))
            finally:
                if passage_bar is not None:
                    passage_bar.close()
    finally:  # a failed store (the index busy, a server down) leaves no read waiting
        reader.shutdown(cancel_futures=True)
    if on_progress:
        on_progress(len(files), len(files), "done")
    for folder in (Path(p).resolve() for p in paths if Path(p).is_dir()):
        for article in index.catalog.articles():
            if article.document not in seen and Path(article.path).is_relative_to(folder) \
                    and not Path(article.path).exists():
                index.remove(article.document)
                report.removed.append(article.document)
    return report


def _ingest_file(index: PassageIndex, path: Path, prepared: Future, seen: set[str], report: IngestReport,
                 on_passages: Callable[[int, int], None] | None = None) -> None:
    """Store the article that `prepared` reads from `path` (`prepare_article`), unless it is stored already."""
    if path.name in seen:
        raise UnreadableFile("another file with the same name was ingested in this run; rename one")
    existing = index.catalog.article(path.name)
    if existing is not None and existing.path != str(path.resolve()) and Path(existing.path).exists():
        raise UnreadableFile(
            f"an article named '{path.name}' is already indexed from {existing.path}; rename one of them"
        )
    try:
        article = prepared.result()
    except UnreadableFile as error:
        if existing is None:
            raise
        raise UnreadableFile(f"{error}; the version ingested before stays in the index") from None
    seen.add(path.name)
    if existing is not None and existing.content_hash == article.record.content_hash:
        report.unchanged.append(path.name)
        return
    index.put(article, on_passages)
    (report.updated if existing is not None else report.added).append(path.name)
