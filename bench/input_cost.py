"""What a long question or a long history costs: `qa.query` on the bundled articles, with the models loaded.

    python bench/input_cost.py [--timeout 600] [--runs 3] [--cases short,question_4000,...]

Cases: a short question; a 4,000-character question (the limit); a follow-up after a history whose one earlier
user message is 10,000 or 100,000 characters, and after 1,000 short messages. The long texts are the bundled
articles' own text, pasted end to end. Each case runs in a process of its own (the index is built once, in a
temporary folder), is timed --runs times after one warm-up question, and is given up after --timeout seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"
SHORT = "What gifts did Kim Jong Un receive before leaving Russia?"
FOLLOW_UP = "And who gave them to him?"
CASES = ["short", "question_4000", "history_10000", "history_100000", "history_1000_messages"]


def pasted(length: int) -> str:
    text = " ".join(" ".join(path.read_text(encoding="utf-8").split()) for path in sorted(ARTICLES.glob("*.txt")))
    return (text * (length // len(text) + 1))[:length]


def case_arguments(case: str) -> tuple[str, list]:
    if case == "short":
        return SHORT, []
    if case == "question_4000":
        return pasted(4000 - len(SHORT) - 1) + " " + SHORT, []
    if case.startswith("history_") and case.endswith("_messages"):
        count = int(case.split("_")[1])
        return FOLLOW_UP, [{"role": "user" if n % 2 == 0 else "assistant", "content": SHORT} for n in range(count)]
    length = int(case.split("_")[1])
    return FOLLOW_UP, [{"role": "user", "content": pasted(length - len(SHORT) - 1) + " " + SHORT},
                       {"role": "assistant", "content": "…"}]


def run_case(case: str, index_dir: str, runs: int) -> dict:
    import qa

    qa.query(SHORT, index_dir=index_dir)  # the models and the index loaded
    question, history = case_arguments(case)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        answer = qa.query(question, history=history, index_dir=index_dir)
        times.append(time.perf_counter() - start)
    return {"case": case, "median_s": round(statistics.median(times), 3), "runs": runs,
            "search_text_chars": len(answer.search_question or question), "abstained": answer.abstained}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--run-case", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.update(HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False", TOKENIZERS_PARALLELISM="false")
    if args.run_case:
        print(json.dumps(run_case(args.run_case[0], args.run_case[1], args.runs)))
        return 0
    with tempfile.TemporaryDirectory(prefix="qa-input-cost-") as folder:
        index_dir = str(Path(folder) / "index")
        subprocess.run([sys.executable, "-c", f"import qa; qa.ingest({str(ARTICLES)!r}, index_dir={index_dir!r}, "
                        "show_progress=False)"], cwd=ROOT, check=True)
        for case in args.cases.split(","):
            try:
                done = subprocess.run([sys.executable, __file__, "--runs", str(args.runs), "--run-case", case,
                                       index_dir], cwd=ROOT, capture_output=True, text=True, timeout=args.timeout)
                line = done.stdout.strip().splitlines()[-1] if done.returncode == 0 and done.stdout.strip() else None
                print(line or json.dumps({"case": case, "error": done.stderr.strip().splitlines()[-1:]}), flush=True)
            except subprocess.TimeoutExpired:
                print(json.dumps({"case": case, "median_s": None, "note": f"gave up after {args.timeout:g} s"}),
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
