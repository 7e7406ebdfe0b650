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


class IndexReadOnly(IndexUnusable):
    """The index folder is not writable by this process: it can be read, not changed."""


class IndexDamaged(IndexUnusable):
    """A file of the index (the catalog or the Chroma store) cannot be read."""


class ModelUnavailable(RuntimeError):
    """The embedding model cannot be loaded; the message says how to get it."""


def damaged(what: str, error: Exception | str) -> IndexDamaged:
    return IndexDamaged(
        f"{what} is damaged ({error}). Rebuild the index with 'qa ingest --rebuild PATH...' (every article is "
        "ingested again), or move the index folder aside and run 'qa ingest' again."
    )


def not_writable(index_dir) -> IndexReadOnly:
    return IndexReadOnly(
        f"the index folder {index_dir} is not writable by you: the index can be read ('qa ask', 'qa list' and "
        "'qa show' work) but not changed. To ingest or remove articles, ask the folder's owner, or point "
        "QA_INDEX_DIR or --index-dir at a folder you can write to."
    )
