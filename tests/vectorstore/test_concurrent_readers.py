"""What a reader sees while another process writes: one committed state per question, and an index whose first
ingest was cut short stays the user's."""

import sqlite3
import subprocess
import sys
import threading
import time

import qa
from qa import api
from tests.conftest import BUNDLED, ROOT, run_qa

ENGLISH = "004_0c55c83cf9a148cd.txt"  # the only article that answers "What warning did Seoul issue?"
WRITER_SECONDS = 40
IN_EMBEDDING_SECONDS = 8  # the long article's passages take minutes to embed


def test_a_question_reads_one_committed_state_while_another_process_writes(corpus_copy, index_dir):
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    index = qa.open_index(index_dir, build_default=False)
    with index.reading():  # what one question reads, from its first catalog read to its last
        articles = index.catalog.articles()
        passages = index.catalog.passage_count()
        removed = run_qa("remove", ENGLISH, index_dir=index_dir)  # another process commits meanwhile
        assert removed.returncode == 0, removed.stderr
        assert index.catalog.articles() == articles and index.catalog.passage_count() == passages
        assert index.catalog.article_text(ENGLISH) and index.catalog.lexical_search("Seoul warning", 5)
    assert ENGLISH not in {a.document for a in qa.articles(index_dir=index_dir)}  # the next question sees it
    qa.close_indexes()


WRITER = """
import sys, time, qa
article, index_dir, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
deadline = time.monotonic() + seconds
while time.monotonic() < deadline:
    qa.ingest(article, index_dir=index_dir, show_progress=False)
    qa.remove(article, index_dir=index_dir)
"""


def test_answers_asked_while_another_process_adds_and_removes_an_article_quote_only_it(corpus_copy, index_dir):
    held_out = corpus_copy.parent / ENGLISH
    (corpus_copy / ENGLISH).rename(held_out)
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(held_out), str(index_dir), str(WRITER_SECONDS)],
                              cwd=ROOT, stderr=subprocess.PIPE, text=True)
    answers, failures = [], []

    def ask() -> None:
        while writer.poll() is None:
            try:
                answers.append(api.query("What warning did Seoul issue?", index_dir=index_dir))
            except Exception as error:  # noqa: BLE001 - every failure is reported below
                failures.append(repr(error))

    askers = [threading.Thread(target=ask) for _ in range(2)]
    for asker in askers:
        asker.start()
    _, err = writer.communicate(timeout=WRITER_SECONDS + 120)
    for asker in askers:
        asker.join(timeout=120)
    qa.close_indexes()
    assert writer.returncode == 0, err[-2000:]
    assert not failures, failures[:3]
    assert answers
    wrong = [(a.text, [s.document for s in a.sources]) for a in answers
             if not a.abstained and any(s.document != ENGLISH for s in a.sources[:1])]
    assert not wrong, wrong[:3]  # a static index without the article abstains; with it, it quotes it


def test_a_first_ingest_cut_before_its_first_commit_leaves_the_index_the_users(tmp_path):
    long_article = tmp_path / "long.txt"
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(BUNDLED.iterdir()))
    long_article.write_text("\n\n".join([text] * 3), encoding="utf-8")
    index_dir = tmp_path / "index"
    ingest = subprocess.Popen([sys.executable, "-m", "qa.cli", "--index-dir", str(index_dir), "ingest",
                               str(long_article)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while not (index_dir / "chroma").exists() and time.monotonic() < deadline and ingest.poll() is None:
        time.sleep(0.1)
    time.sleep(IN_EMBEDDING_SECONDS)  # the index is open: the ingest now cuts and embeds the article's passages
    ingest.kill()
    ingest.wait(timeout=30)
    assert (index_dir / "chroma").exists()
    with sqlite3.connect(index_dir / "catalog.sqlite3") as catalog:
        assert catalog.execute("SELECT COUNT(*) FROM articles").fetchone() == (0,), "cut after its first commit"

    listed = run_qa("list", index_dir=index_dir)
    assert listed.returncode == 0 and "Building the index" not in listed.stderr, listed.stderr
    assert "The index holds no articles" in listed.stdout, listed.stdout
