"""The design the folder tree promises: data flows one way, and the pipeline reads the catalog only through its
interface, so that a second catalog backend is one new module."""

import ast
import inspect
from pathlib import Path

from vectorstore.catalog import Catalog, CatalogReader, SqliteCatalog

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(package: str) -> dict[str, set[str]]:
    """For each module file of the package: the top-level names of the modules it imports (anywhere in it)."""
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
        found[str(path.relative_to(ROOT))] = names
    return found


def test_vectorstore_imports_neither_qa_nor_ui():
    offending = {path: sorted(n for n in names if n.split(".")[0] in ("qa", "ui"))
                 for path, names in imported_modules("vectorstore").items()}
    assert not {path: names for path, names in offending.items() if names}


def interface_methods(protocol) -> dict[str, inspect.Signature]:
    return {name: inspect.signature(member) for name, member in vars(protocol).items()
            if callable(member) and not name.startswith("_")}


def test_the_sqlite_catalog_implements_every_method_of_the_interface_with_its_parameters():
    methods = {**interface_methods(CatalogReader), **interface_methods(Catalog)}
    assert len(methods) > 20
    for name, signature in methods.items():
        implemented = getattr(SqliteCatalog, name, None)
        assert implemented is not None, f"SqliteCatalog lacks {name}"
        assert list(inspect.signature(implemented).parameters) == list(signature.parameters), name


def test_the_pipeline_reads_the_catalog_only_through_the_readers_interface():
    readable = set(interface_methods(CatalogReader))
    called = set()
    for path in (ROOT / "qa").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # `X.catalog.method(...)` and `catalog.method` on a name bound to an index's catalog
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute) and node.value.attr == "catalog":
                called.add((path.name, node.attr))
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "catalog":
                called.add((path.name, node.attr))
    assert called, "the pipeline reads the catalog somewhere"
    assert not {(path, name) for path, name in called if name not in readable}


def test_ui_uses_only_the_public_qa_api():
    import qa

    public = set(qa.__all__)
    used = set()
    for path in (ROOT / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "qa":
                used |= {(path.name, f"{node.module}.{alias.name}") for alias in node.names}
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "qa":
                used.add((path.name, f"qa.{node.attr}"))
    # `python -m ui` is `qa chat`: it runs the qa command itself, the one entry point beside the API
    allowed = {f"qa.{name}" for name in public} | {"qa.cli.main"}
    assert used and not {(path, name) for path, name in used if name not in allowed}
