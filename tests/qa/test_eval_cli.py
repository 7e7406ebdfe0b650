"""`qa eval` reads a question set and reports every metric per kind and language."""

import json
import os
import subprocess
import sys

import pytest

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
        {"id": "d", "lang": "en", "kind": "cross", "question": "What warning did Seoul issue?",
         "gold_docs": ["004"], "answer_any": ["words no answer has"]},
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
    # How many questions each row averages over, then the measures.
    assert [rows[g][0] for g in ("all", "kind=mono", "kind=none", "kind=cross", "lang=en", "lang=tl")] == \
        ["4", "2", "1", "1", "3", "1"]
    assert rows["kind=mono"][1:4] == ["1.000", "1.000", "1.000"]
    assert rows["kind=none"][-1] == "1.000"
    # Only the question that falls short is named, with the measures it falls short on (its answer is in no passage).
    assert "below 1 on some measure: d (evidence@k 0.00, mrr 0.00, answer_hit 0.00)" in result.stdout


GOOD_LINE = {"id": "a", "lang": "en", "kind": "mono", "question": "Who?", "gold_docs": ["004"], "answer_any": ["x"]}


@pytest.mark.parametrize("name, content, message", [
    ("bad.jsonl", "{not json}\n", "bad.jsonl:1: not a JSON object"),
    ("short.jsonl", json.dumps({k: v for k, v in GOOD_LINE.items() if k != "answer_any"}) + "\n",
     "short.jsonl:1: a question line needs the fields id, lang, kind, question, gold_docs, answer_any; "
     "missing: answer_any"),
    ("empty.jsonl", "\n", "empty.jsonl holds no questions"),
    # Each of these was asked and scored 0 without a word, or failed with a traceback after the questions.
    ("null.jsonl", json.dumps({**GOOD_LINE, "answer_any": [None]}) + "\n",
     "null.jsonl:1: answer_any is not a list of strings"),
    ("string.jsonl", json.dumps({**GOOD_LINE, "gold_docs": "004"}) + "\n",
     "string.jsonl:1: gold_docs is not a list of strings"),
    ("kind.jsonl", json.dumps({**GOOD_LINE, "kind": "weird"}) + "\n",
     "kind.jsonl:1: kind 'weird' is not one of mono, cross, multi, none"),
    ("none.jsonl", json.dumps({**GOOD_LINE, "kind": "none"}) + "\n",
     "none.jsonl:1: gold_docs is not empty, but kind is 'none'"),
    ("twice.jsonl", (json.dumps(GOOD_LINE) + "\n") * 2, "twice.jsonl:2: id 'a' is not a string or number of its own"),
    ("blank.jsonl", json.dumps({**GOOD_LINE, "question": " "}) + "\n",
     "blank.jsonl:1: question: The question is empty"),
    ("binary.jsonl", b"\xd2\x00\xff" * 10, "binary.jsonl is not UTF-8 text"),
    ("folder", None, "is a folder; give a .jsonl question file in it"),
    ("missing.jsonl", "absent", "missing.jsonl: no such file"),
])
def test_eval_says_what_is_wrong_with_a_question_file(tmp_path, name, content, message):
    path = tmp_path / name
    if content is None:
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    elif content != "absent":
        path.write_text(content, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "qa.cli", "--index-dir", str(tmp_path / "index"), "eval",
                             str(path)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not (tmp_path / "index").exists()  # refused before any index is opened or built


def test_eval_k_outside_its_range_names_the_option(tmp_path):
    result = subprocess.run([sys.executable, "-m", "qa.cli", "eval", "questions.jsonl", "--k", "0"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 2 and "argument --k: '0' is not a whole number from 1 to 50" in result.stderr


def test_an_index_folder_that_is_a_file_is_one_line(tmp_path):
    not_a_folder = tmp_path / "index"
    not_a_folder.write_text("a file", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "qa.cli", "--index-dir", str(not_a_folder), "list"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert f"the index folder {not_a_folder} cannot be made: a file has that name" in result.stderr
    assert not_a_folder.read_text(encoding="utf-8") == "a file"
