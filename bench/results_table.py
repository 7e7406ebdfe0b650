"""Print the scale report as tables: one row per measure, one column per corpus size."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table


def print_tables(report: dict) -> None:
    small, large = (str(s) for s in report["sizes"])
    console = Console(width=120)
    table = Table(title=f"Index at scale: N = {int(large):,} passages (medians; p95 in brackets)")
    table.add_column("measure")
    table.add_column(f"N/10 = {int(small):,}", justify="right")
    table.add_column(f"N = {int(large):,}", justify="right")
    table.add_column("N ÷ N/10", justify="right")
    for label, values in _rows(report, small, large):
        a, b = values
        table.add_row(label, _text(a), _text(b), _growth(a, b))
    console.print(table)

    ratios = Table(title="Ratios measured in this run")
    ratios.add_column("ratio")
    ratios.add_column("value", justify="right")
    for name, value in report["ratios"].items():
        ratios.add_row(name, f"{value:g}")
    console.print(ratios)

    if "what_if_rare_grams" in report:
        what_if = Table(title=f"What if lexical_search required one rare trigram? (N = {int(large):,})")
        what_if.add_column("measure")
        what_if.add_column("value", justify="right")
        for name, value in report["what_if_rare_grams"].items():
            what_if.add_row(name + (", ms" if hasattr(value, "median_ms") else ""), _text(value))
        console.print(what_if)

    memory = Table(title="Process memory after each phase (MB)")
    memory.add_column("phase")
    memory.add_column("peak RSS", justify="right")
    memory.add_column("current RSS", justify="right")
    for row in report["memory"]:
        memory.add_row(row["phase"], f"{row['peak_rss_mb']:,.0f}", f"{row['current_rss_mb']:,.0f}")
    console.print(memory)


def _rows(report: dict, small: str, large: str):
    lexical, dense = report["lexical"], report["dense"]

    def lex(get):
        return get(lexical[small]), get(lexical[large])

    def den(get):
        return get(dense[small]), get(dense[large])

    yield "catalog: passages", lex(lambda r: r["passages"])
    yield "catalog: build time, s (cumulative)", lex(lambda r: r["build_seconds"])
    yield "catalog: size on disk, MB", lex(lambda r: r["catalog_mb"])
    for name in lexical[large]["queries"]:
        yield f"catalog: {name}, ms", lex(lambda r, n=name: r["queries"][n])
    yield "naive: bm25s rebuilt per query, ms", lex(lambda r: r["naive_bm25"])
    for name in ("replace_article", "add_article", "delete_article"):
        yield f"update: {name}, ms", lex(lambda r, n=name: r["updates"][n])
    yield "update: checks failed", lex(lambda r: _failed(r["updates"]["checks"]))
    yield "chroma: vectors", den(lambda r: r["vectors"])
    yield "chroma: add time, s (cumulative)", den(lambda r: r["build_seconds"])
    for name in dense[large]["queries"]:
        yield f"dense: {name}, ms", den(lambda r, n=name: r["queries"][n])
    for name in ("add_article", "delete_article"):
        yield f"dense update: {name} (20 vectors), ms", den(lambda r, n=name: r["updates"][n])
    yield "dense update: checks failed", den(lambda r: _failed(r["updates"]["checks"]))
    yield "dense: target passage ranked 1st", den(lambda r: r["recall"]["target_at_1"])


def _failed(checks: dict[str, bool]) -> str:
    return ", ".join(name for name, ok in checks.items() if not ok) or "none"


def _text(value) -> str:
    if hasattr(value, "median_ms"):
        return f"{value.median_ms:,.1f} [{value.p95_ms:,.1f}]"
    if isinstance(value, float):
        return f"{value:,.3g}" if value < 10 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _growth(a, b) -> str:
    a, b = (getattr(v, "median_ms", v) for v in (a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and a:
        return f"{b / a:.2f}×"
    return ""
