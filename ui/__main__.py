"""`python -m ui [--host H] [--port P] [--auth USER:PASS]`: serve the chat UI."""

from __future__ import annotations

import argparse
import sys

from ui.serving import BindError, check_bind, check_port


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui", description="Serve the chat UI.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    parser.add_argument("--auth", default=None, help="USER:PASS; required off loopback (or $QA_AUTH)")
    args = parser.parse_args(argv)
    try:
        check_bind(args.host, args.auth)  # refuse before the slow imports of the app
        check_port(args.host, args.port)
    except BindError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    from ui.app import launch

    launch(host=args.host, port=args.port, auth=args.auth)
    return 0


if __name__ == "__main__":
    sys.exit(main())
