"""`qa eval` reads a question set and reports every metric per kind and language."""

import json
import os
import re
import subprocess
import sys

import pytest

import qa
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
    found, reading = result.stdout.split("\n\n")[:2]  # what was found and cited; how the answers read
    header = found.splitlines()[0]
    for metric in ("evidence@5", "mrr", "answer_hit", "citation_validity", "exact_spans", "abstention"):
        assert metric in header
    rows = {line.split()[0]: line.split()[1:] for line in found.splitlines()[1:] if line.strip()}
    assert {"all", "kind=mono", "kind=none", "lang=en", "lang=tl"} <= set(rows)
    # How many questions each row averages over, then the measures.
    assert [rows[g][0] for g in ("all", "kind=mono", "kind=none", "kind=cross", "lang=en", "lang=tl")] == \
        ["4", "2", "1", "1", "3", "1"]
    assert rows["kind=mono"][1:4] == ["1.000", "1.000", "1.000"]
    assert rows["kind=none"][-1] == "1.000"
    assert reading.splitlines()[0].split() == ["group", "n", "first_sentence_hit", "answer_words", "false_abstention",
                                               "abstention_on", "abstention_off"]
    # Only the question that falls short is named, with the measures it falls short on (its answer is in no passage).
    assert ("below 1 on some measure: d (evidence@k 0.00, mrr 0.00, answer_hit 0.00, first_sentence_hit 0.00)"
            in result.stdout)
    # The unanswerable question has no topic: its abstention is in kind=none's row, and in neither topic's column.
    assert "unanswerable questions: 0 on topic, 0 off topic, 1 without a topic" in result.stdout
    reading_rows = {line.split()[0]: line.split()[1:] for line in reading.splitlines()[1:]}
    assert reading_rows["kind=none"][-2:] == ["-", "-"]


TWO_FACTS = "Who gave Kim Jong Un drones, and what else did he get?"
OFF_TOPIC = "Who won the 2022 football World Cup?"
ON_TOPIC = "What is the name of Kim Jong Un's wife?"


def _quotes(answer) -> list[tuple[str, str, str]]:
    """(sentence, its first five words, the article of the source it cites) for each quoted sentence of an
    answer, in order: a sentence ends with its [n], and a quote's words are in the source it cites."""
    quotes = []
    for piece in re.split(r"(?<=\])\s+", answer.text):
        numbers = [int(n) for n in re.findall(r"\[(\d+)\]", piece)]
        words = " ".join(re.sub(r"\[\d+\]", " ", piece).split()[:5])
        if numbers and words in answer.sources[numbers[0] - 1].text:
            quotes.append((piece, words, answer.sources[numbers[0] - 1].document[:3]))
    return quotes


def test_eval_reports_first_sentence_hits_length_and_abstentions_by_topic(bundled_index, tmp_path):
    answer = qa.query(TWO_FACTS, index_dir=bundled_index)
    quotes = _quotes(answer)
    assert not answer.abstained and quotes
    _, leading, leading_doc = quotes[0]
    on_topic_abstains = qa.query(ON_TOPIC, index_dir=bundled_index).abstained
    questions = tmp_path / "questions.jsonl"
    questions.write_text("\n".join(json.dumps(q) for q in [
        {"id": "lead", "lang": "en", "kind": "mono", "question": TWO_FACTS, "gold_docs": [leading_doc],
         "answer_any": [leading]},
        # Answerable as far as this file says, and refused: a false abstention.
        {"id": "refused", "lang": "en", "kind": "mono", "question": OFF_TOPIC, "gold_docs": ["004"],
         "answer_any": ["Argentina"]},
        {"id": "off", "lang": "en", "kind": "none", "question": OFF_TOPIC, "gold_docs": [], "answer_any": [],
         "topic": "off"},
        {"id": "on", "lang": "en", "kind": "none", "question": ON_TOPIC, "gold_docs": [], "answer_any": [],
         "topic": "on"},
    ]) + "\n", encoding="utf-8")
    env = {**os.environ, "QA_INDEX_DIR": str(bundled_index)}
    result = subprocess.run([sys.executable, "-m", "qa.cli", "eval", str(questions), "--json"],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    rows = {row["id"]: row for row in report["questions"]}
    assert (rows["lead"]["answer_hit"], rows["lead"]["first_sentence_hit"]) == (1.0, 1.0)
    assert rows["refused"]["false_abstention"] == 1.0 and rows["refused"]["first_sentence_hit"] == 0.0
    overall = report["summary"]["all"]
    assert overall["first_sentence_hit"] == pytest.approx(1 / 2) and overall["false_abstention"] == pytest.approx(1 / 2)
    # The median over the answers given (a refusal is counted as a false abstention, not as a short answer),
    # in words as a reader sees them, without the [n] markers.
    words = len(re.sub(r"\[\d+\]", " ", answer.text).split())
    assert "answer_words" not in rows["refused"] and overall["answer_words"] == words
    assert overall["abstention_off"] == 1.0
    assert overall["abstention_on"] == (1.0 if on_topic_abstains else 0.0)
    assert {"abstention_on", "abstention_off"}.isdisjoint(rows["lead"])


def test_an_answer_string_only_in_a_later_sentence_is_a_hit_but_no_first_sentence_hit(bundled_index):
    from qa.evaluation import EvalQuestion, score_answer
    from qa.types import Answer
    from vectorstore.chunking import sentence_spans

    sources = qa.query(TWO_FACTS, index_dir=bundled_index).sources
    first, second = (next(s for s in sources if s.document.startswith(doc)) for doc in ("004", "002"))
    leading, following = (sentence_spans(source.text)[0].text.strip() for source in (first, second))
    text = f"{leading} [1] {following} [2]"
    later = max((w for w in following.split() if w.lower() not in leading.lower()), key=len)
    question = EvalQuestion("later", "en", "mono", TWO_FACTS, ("002",), (later,))
    scores = score_answer(question, Answer(text=text, sources=[first, second], question=TWO_FACTS), 5, qa.article)
    assert later not in text.split("[1]")[0]
    assert (scores["answer_hit"], scores["first_sentence_hit"]) == (1.0, 0.0)


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
    ("topic.jsonl", json.dumps({**GOOD_LINE, "kind": "none", "gold_docs": [], "answer_any": [], "topic": "yes"}) + "\n",
     "topic.jsonl:1: topic 'yes' is for 'none' questions only, and is 'on' (about the articles' subject"),
    ("answerable.jsonl", json.dumps({**GOOD_LINE, "topic": "on"}) + "\n",
     "answerable.jsonl:1: topic 'on' is for 'none' questions only"),
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
