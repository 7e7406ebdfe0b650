"""The index folder: making it, and whether this process may write to it."""

from __future__ import annotations

from pathlib import Path

from vectorstore.catalog import can_write
from vectorstore.errors import IndexUnusable
from vectorstore.settings import Settings


def make_index_dir(path: Path) -> None:
    """Create the index folder, or say why it cannot be and what to do."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise IndexUnusable(f"the index folder {path} cannot be made: a file has that name (or a part of that "
                            "path). Point QA_INDEX_DIR or --index-dir at a folder.") from None
    except OSError as error:
        raise IndexUnusable(f"the index folder {path} cannot be made ({error.strerror or error}). Point "
                            "QA_INDEX_DIR or --index-dir at a folder you can write to.") from None


def index_writable(settings: Settings) -> bool:
    """Whether this process may change the index: its folder, catalog and (embedded) vector store."""
    chroma = settings.index_dir / "chroma"
    return can_write(settings.index_dir) and all(
        can_write(path) for path in (settings.catalog_path, chroma, chroma / "chroma.sqlite3") if path.exists())
