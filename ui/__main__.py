"""`python -m ui [--host H] [--port P] [--auth USER:PASS] [--llm SPEC] [--index-dir DIR]`: the chat page, as
`qa chat` starts it."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from qa.cli import main as qa_main

    return qa_main(["chat", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
