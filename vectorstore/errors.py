"""Why an index, its embedding model or a path given cannot be used as it is: each message says what to do."""


EMPTY_PATH = "an empty path names no file or folder; give one ('.' for the current folder)"


class IndexUnusable(RuntimeError):
    """The index cannot be used as it is; the message says what to do."""


class IndexMismatch(IndexUnusable):
    """The index was built with another embedding model than the one configured, or belongs to another catalog."""


class IndexBusy(IndexUnusable):
    """Another process held the index's write lock for longer than a writer waits."""


class StoreUnavailable(IndexUnusable):
    """The Chroma server that holds the vectors does not answer."""


class IndexDamaged(IndexUnusable):
    """A file of the index (the catalog or the Chroma store) cannot be read."""


class ModelUnavailable(RuntimeError):
    """The embedding model cannot be loaded; the message says how to get it."""


def damaged(what: str, error: Exception | str) -> IndexDamaged:
    return IndexDamaged(
        f"{what} is damaged ({error}). Rebuild the index with 'qa ingest --rebuild PATH...' (every article is "
        "ingested again), or move the index folder aside and run 'qa ingest' again."
    )
