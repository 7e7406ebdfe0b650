"""`qa eval` reads a question set and reports every metric per kind and language."""

import json
import os
import subprocess
import sys

from tests.conftest import ROOT


def test_eval_reports_metrics_per_kind_and_language(bundled_index, tmp_path):
    questions = tmp_path / "questions.jsonl"
    questions.write_text("\n".join(json.dumps(q) for q in [
        {"id": "a", "lang": "en", "kind": "mono", "question": "What warning did Seoul issue?",
         "gold_docs": ["004"], "answer_any": ["strong warning"]},
        {"id": "b", "lang": "tl", "kind": "mono", "question": "Sino ang nag-ambag sa ulat?",
         "gold_docs": ["002"], "answer_any": ["Greg Norman"]},
        {"id": "c", "lang": "en", "kind": "none", "question": "Who won the 2022 football World Cup?",
         "gold_docs": [], "answer_any": []},
    ]) + "\n", encoding="utf-8")
    env = {**os.environ, "QA_INDEX_DIR": str(bundled_index)}
    result = subprocess.run([sys.executable, "-m", "qa.cli", "eval", str(questions), "--k", "5"],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[0]
    for metric in ("evidence@5", "mrr", "answer_hit", "citation_validity", "exact_spans", "abstention"):
        assert metric in header
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[1:] if line.strip()}
    assert {"all", "kind=mono", "kind=none", "lang=en", "lang=tl"} <= set(rows)
    assert rows["kind=mono"][:3] == ["1.000", "1.000", "1.000"]
    assert rows["kind=none"][-1] == "1.000"


def test_eval_rejects_a_malformed_file(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "qa.cli", "eval", str(bad)], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 2 and "bad.jsonl:1" in result.stderr and "Traceback" not in result.stderr
