"""The `qa` command: ingest, ask, list, show, remove, eval, chat and serve."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

from qa.types import title_opens_passage
from vectorstore.errors import EMPTY_PATH

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


INDEX_DIR_HELP = "index folder (default: $QA_INDEX_DIR or a per-user data folder)"
EXIT_CODES = """exit status:
  0    done
  1    qa ingest stored nothing usable; qa remove was given a name that is not in the index
  2    a wrong command, option or value, or an error the message explains (index, question, file)
  130  interrupted (Ctrl+C)
  141  the reader of the output stopped early (qa show DOC | head)"""
LLM_HELP = ("write the answer with a language model: ollama:MODEL, openai:BASE_URL:MODEL, gguf:PATH, "
            "or extractive (default: $QA_LLM, else quoted sentences)")


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qa", description="Ask questions about news articles and get cited answers.",
                                     epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--index-dir", help=INDEX_DIR_HELP)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    # Each command takes --index-dir too, after its name; left out there, it keeps the value given before it.
    index_option = argparse.ArgumentParser(add_help=False)
    index_option.add_argument("--index-dir", default=argparse.SUPPRESS, help=INDEX_DIR_HELP)
    commands = _Commands(parser.add_subparsers(dest="command", required=True), [index_option])

    ingest = commands.add_parser("ingest", help="add, update or remove articles (.txt, .md, .html; files or folders)")
    ingest.add_argument("paths", nargs="+", type=_article_path, metavar="path",
                        help="a file or a folder (searched recursively)")
    ingest.add_argument("--rebuild", action="store_true",
                        help="delete the index first (needed after changing the embedding model)")

    ask = commands.add_parser("ask", help="answer a question with cited passages")
    ask.add_argument("question", help="the question, in quotes, in any language of the articles")
    ask.add_argument("--top-k", type=_top_k, default=5, help="number of sources (1-50, default 5)")
    ask.add_argument("--language", metavar="CODE",
                     help="only cite articles in this language, by the code 'qa list' shows (sq, tl, en, ...)")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.add_argument("--llm", help=LLM_HELP)

    listing = commands.add_parser("list", help="the indexed articles: document, language, date, passages, title")
    listing.add_argument("--json", action="store_true", help="print the articles as JSON")

    show = commands.add_parser("show", help="print an article, with a cited span marked")
    show.add_argument("document", help="the article's file name, as a source lists it")
    show.add_argument("--span", type=_span, metavar="START:END",
                      help="mark text[START:END], the offsets a source lists (e.g. 1520:1745)")

    remove = commands.add_parser("remove", help="take articles out of the index")
    remove.add_argument("documents", nargs="+", metavar="document", help="an article's file name ('qa list')")

    evaluate = commands.add_parser("eval", help="score the assistant on a question set (.jsonl)")
    evaluate.add_argument("file", type=Path, help="one question per line (../shared/eval/README.md has the format)")
    evaluate.add_argument("--k", type=_top_k, default=5, help="sources scored per question (1-50, default 5)")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.add_argument("--llm", help=LLM_HELP)

    chat = commands.add_parser("chat", help="start the chat page")
    chat.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    chat.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    chat.add_argument("--auth", help="USER:PASS (required to bind beyond loopback; or set QA_AUTH)")
    chat.add_argument("--llm", action="append", help=LLM_HELP + "; repeat to offer several, the first is the default")

    serve = commands.add_parser("serve", help="serve the OpenAI-compatible API (/v1) and MCP (/mcp) without the page")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; any other needs "
                                                           "QA_API_KEY)")
    serve.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    serve.add_argument("--llm", action="append", help=LLM_HELP + "; repeat to offer several, the first is the default")
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("qa-citations")
    except PackageNotFoundError:  # run from a source folder that was never installed
        return "(not installed)"


class _Commands:
    """The subparsers, each made with the shared options."""

    def __init__(self, subparsers, parents: list[argparse.ArgumentParser]):
        self.subparsers = subparsers
        self.parents = parents

    def add_parser(self, name: str, **kwargs) -> argparse.ArgumentParser:
        return self.subparsers.add_parser(name, parents=self.parents, **kwargs)


def _top_k(value: str) -> int:
    from qa.questions import MAX_TOP_K

    digits = value.strip()
    if not digits.isdigit() or len(digits.lstrip("0")) > len(str(MAX_TOP_K)) or not 1 <= int(digits) <= MAX_TOP_K:
        shown = value if len(value) <= 24 else f"{value[:12]}…{value[-6:]} ({len(value):,} characters)"
        raise argparse.ArgumentTypeError(f"'{shown}' is not a whole number from 1 to {MAX_TOP_K}")
    return int(value)


def _article_path(value: str) -> Path:
    if not value.strip():  # Path("") is the current folder: an unset shell variable would ingest it
        raise argparse.ArgumentTypeError(EMPTY_PATH)
    return Path(value)


def _span(value: str) -> tuple[int, int]:
    start, colon, end = value.partition(":")
    if not colon or not start.strip().isdigit() or not end.strip().isdigit() or int(start) >= int(end):
        raise argparse.ArgumentTypeError(f"'{value}' is not START:END with START < END, e.g. 1520:1745")
    return int(start), int(end)


MARK_PLAIN = (">>>", "<<<")
MARK_TERMINAL = ("\x1b[7m", "\x1b[0m")  # reverse video


def marked_article(text: str, span: tuple[int, int] | None, marks: tuple[str, str]) -> str:
    """The article's text with `text[start:end]` between the two marks."""
    if span is None:
        return text
    start, end = span
    if end > len(text):
        raise ValueError(f"the span {start}:{end} ends after the article, which has {len(text):,} characters")
    return text[:start] + marks[0] + text[start:end] + marks[1] + text[end:]


def _print_articles(records, as_json: bool) -> None:
    if as_json:
        print(json.dumps([{"document": r.document, "title": r.title, "language": r.language, "date": r.date,
                           "passages": r.passage_count} for r in records], ensure_ascii=False, indent=2))
    elif not records:
        print("The index holds no articles. Add some with 'qa ingest PATH...'.")
    else:
        width = max(len(r.document) for r in records)
        for r in records:
            print(f"{r.document:<{width}}  {r.language or '?':<2}  {r.date or 'no date':<10}  "
                  f"{r.passage_count:>4} {'passage ' if r.passage_count == 1 else 'passages'}  {r.title}")


def _print_answer(answer) -> None:
    if answer.notice:
        print(f"qa: {answer.notice}", file=sys.stderr)
    print(answer.text)
    doubtful = [s for s in answer.sentences if not s.supported]
    if answer.mode == "generative" and doubtful:
        print("\nNot backed by a cited passage:")
        for sentence in doubtful:
            reason = f"support {sentence.support:.2f}" if sentence.citations else "no citation"
            print(f"  - {sentence.text} ({reason})")
    if not answer.sources:
        return
    print("\nSources:")
    for number, source in enumerate(answer.sources, start=1):
        passage = " ".join(source.text.split())
        title = "" if title_opens_passage(source.title, source.text) else f" {source.title}"
        print(f"[{number}] {source.document} {source.start}:{source.end} ({source.language or '?'}, "
              f"{source.date or 'no date'}){title}\n    {passage}")


def _run(args: argparse.Namespace) -> int:
    import qa
    from vectorstore.settings import Settings

    if args.command == "ingest":
        if args.rebuild:
            from vectorstore.ingest import check_rebuild_paths
            from vectorstore.store import PassageIndex

            settings = Settings.from_env().with_index_dir(args.index_dir)
            check_rebuild_paths(args.paths, settings.max_file_bytes)
            qa.close_indexes()
            PassageIndex.wipe(settings)
        report = qa.ingest(*args.paths, index_dir=args.index_dir)
        print(report.summary())
        return 0 if report.stored_anything_usable else 1
    if args.command == "ask":
        # Refused before the model and the store load, which takes seconds.
        qa.check_question(args.question, top_k=args.top_k, language=args.language)
        answer = qa.query(args.question, top_k=args.top_k, language=args.language, index_dir=args.index_dir,
                          llm=args.llm)
        if args.json:
            print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        else:
            _print_answer(answer)
        return 0
    if args.command == "list":
        _print_articles(qa.articles(index_dir=args.index_dir), args.json)
        return 0
    if args.command == "show":
        terminal = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        text = qa.article(args.document, index_dir=args.index_dir)  # the path it was ingested from works too
        print(marked_article(text, args.span, MARK_TERMINAL if terminal else MARK_PLAIN))
        return 0
    if args.command == "remove":
        missing = [d for d in args.documents if not qa.remove(d, index_dir=args.index_dir)]
        for document in args.documents:
            if document not in missing:
                print(f"removed {document}")
        for document in missing:
            print(f"qa: error: no article named '{document}' in the index; 'qa list' shows them", file=sys.stderr)
        return 1 if missing else 0
    if args.command == "eval":
        from qa.evaluation import citation_totals, evaluate, format_report, load_questions

        questions = load_questions(args.file)
        summary, rows = evaluate(
            questions,
            ask=lambda q: qa.query(q, top_k=args.k, index_dir=args.index_dir, llm=args.llm),
            k=args.k,
            article=lambda d: qa.article(d, index_dir=args.index_dir),
        )
        print(json.dumps({"summary": summary, "citations": citation_totals(rows), "questions": rows}, indent=2,
                         ensure_ascii=False) if args.json
              else format_report(summary, rows, args.k))
        return 0
    if args.command in ("chat", "serve"):
        from ui.serving import check_api_bind, check_bind, check_port

        settings = Settings.from_env().with_index_dir(args.index_dir)
        # Refused in one line, before the app's slow imports.
        if args.command == "chat":
            check_bind(args.host, args.auth)
        else:
            check_api_bind(args.host, settings.api_key)
        check_port(args.host, args.port)
        if args.llm:
            from qa.llm_backends import configured_specs

            settings = replace(settings, llm=replace(settings.llm, specs=tuple(args.llm)))
            configured_specs(settings.llm)  # a bad spec stops here with its message
        qa.configure(settings)  # the server's every call takes these, not the environment
        if args.command == "serve":
            from ui.endpoints import serve

            return serve(host=args.host, port=args.port, api_key=settings.api_key) or 0
        from ui.app import launch

        return launch(host=args.host, port=args.port, auth=args.auth or settings.auth, api_key=settings.api_key) or 0
    return 2


def _attach_span_value(argv: list[str]) -> list[str]:
    """`--span -5:3` as `--span=-5:3`: argparse reads a value that starts with "-" as an option and answered
    "expected one argument"; attached, the value reaches `_span`, which says what a span must be."""
    joined: list[str] = []
    for token in argv:
        if joined and joined[-1] == "--span" and token.startswith("-") and token[1:2].isdigit():
            joined[-1] = f"--span={token}"
        else:
            joined.append(token)
    return joined


def main(argv: list[str] | None = None) -> int:
    args = _build_parser().parse_args(_attach_span_value(sys.argv[1:] if argv is None else list(argv)))
    from qa.types import QuestionError
    from vectorstore.errors import IndexUnusable, ModelUnavailable

    try:
        return _run(args)
    except (QuestionError, IndexUnusable, ModelUnavailable, KeyError, sqlite3.DatabaseError, FileNotFoundError,
            ValueError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else str(error)
        print(f"qa: error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        kept = "; what was stored before stays stored" if args.command in ("ingest", "remove") else ""
        print(f"qa: interrupted{kept}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader stopped early (`qa show DOC | head`): no traceback, and none at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
