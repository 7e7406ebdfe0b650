"""A bounded coverage-guided fuzz run (atheris, libFuzzer) of the article loaders and the question checks.

    pip install atheris
    python bench/fuzz_loaders.py [--seconds 300] [--target loaders|questions] [CORPUS_DIR]

loaders: the fuzzer's bytes are written to a file of a supported suffix (chosen by the first byte) and prepared
as `qa ingest` prepares it (read, decode, clean, cut, detect the language): it must become an article whose
passages are exact spans of its text, or raise `UnreadableFile` with its reason. questions: the bytes become a
question, top_k, language and a history, which must pass `validate_question` / `user_turns` /
`standalone_question` or raise `QuestionError`. Any other exception, or a broken span, stops the run with the input
saved as crash-<hash> in the current folder (replay it with `python bench/fuzz_loaders.py crash-<hash>`).
The run starts from the bundled articles (and the files in CORPUS_DIR, where new inputs are kept) and stops
after --seconds.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import atheris  # noqa: E402

with atheris.instrument_imports(include=["vectorstore", "qa"]):
    from qa.history import standalone_question, user_turns
    from qa.questions import validate_question
    from qa.types import QuestionError
    from vectorstore.ingest import prepare_article
    from vectorstore.loading import UnreadableFile

SUFFIXES = [".txt", ".md", ".markdown", ".html", ".htm"]
FOLDER = Path(tempfile.mkdtemp(prefix="qa-fuzz-"))


def load_one(data: bytes) -> None:
    if not data:
        return
    path = FOLDER / f"article{SUFFIXES[data[0] % len(SUFFIXES)]}"
    path.write_bytes(data[1:])
    try:
        article = prepare_article(path, 256, 20_000_000)
    except UnreadableFile:
        return
    for passage in article.passages:
        if article.text[passage.start:passage.end] != passage.text:
            raise AssertionError(f"passage {passage.start}:{passage.end} is not the article's text there")
    article.text.encode("utf-8")


def ask_one(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    question = provider.ConsumeUnicode(300)
    top_k = provider.ConsumeIntInRange(-5, 60) if provider.ConsumeBool() else provider.ConsumeRegularFloat()
    language = provider.ConsumeUnicode(3) if provider.ConsumeBool() else None
    history = []
    for _ in range(provider.ConsumeIntInRange(0, 6)):
        kind = provider.ConsumeIntInRange(0, 3)
        text = provider.ConsumeUnicode(80)
        if kind == 0:
            history.append({"role": ["user", "assistant", "system", text][provider.ConsumeIntInRange(0, 3)],
                            "content": text})
        elif kind == 1:
            history.append({"role": "user", "content": [{"type": "text", "text": text}, provider.ConsumeInt(2)]})
        elif kind == 2:
            history.append((text, provider.ConsumeUnicode(20)))
        else:
            history.append(provider.ConsumeBytes(4) if provider.ConsumeBool() else provider.ConsumeInt(4))
    try:
        question = validate_question(question, top_k, language, 4000)
        user_turns(history)
        standalone_question(question, history)
    except QuestionError as error:
        str(error).encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], add_help=False)
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--target", choices=["loaders", "questions"], default="loaders")
    args, rest = parser.parse_known_args()
    target = load_one if args.target == "loaders" else ask_one
    replay = [arg for arg in rest if Path(arg).is_file()]
    if replay:
        for path in replay:
            target(Path(path).read_bytes())
        print(f"{len(replay)} input(s) replayed without a failure")
        return
    seeds = rest or []
    libfuzzer = [sys.argv[0], f"-max_total_time={args.seconds}", "-max_len=8192", "-timeout=60",
                 "-rss_limit_mb=4096", *seeds]
    if args.target == "loaders" and not seeds:
        corpus = Path(tempfile.mkdtemp(prefix="qa-fuzz-corpus-"))
        for number, article in enumerate(sorted((ROOT / "data" / "articles").glob("*.txt"))):
            (corpus / article.name).write_bytes(bytes([number]) + article.read_bytes())
        libfuzzer.append(str(corpus))
    atheris.Setup(libfuzzer, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
