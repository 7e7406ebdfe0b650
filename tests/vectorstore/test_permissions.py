"""Folders and indexes the user may not write to or read, with real permissions: as root, the command runs
without the capabilities that override file permissions."""

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import qa
from tests.conftest import BUNDLED, ROOT

ENGLISH = "004_0c55c83cf9a148cd.txt"
DROP_OVERRIDES = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all"]

pytestmark = pytest.mark.skipif(os.geteuid() == 0 and shutil.which("setpriv") is None,
                                reason="as root, setpriv is needed to give up the permission overrides")


def run_qa_as_a_user(*args: str, index_dir: Path) -> subprocess.CompletedProcess:
    """The `qa` command in a process that file permissions apply to, even when the tests run as root."""
    command = [sys.executable, "-m", "qa.cli", "--index-dir", str(index_dir), *args]
    return subprocess.run((DROP_OVERRIDES if os.geteuid() == 0 else []) + command,
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def make_read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)


def make_writable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(stat.S_IMODE(path.stat().st_mode) | 0o700)


def test_an_unreadable_subfolder_is_named_in_the_report(tmp_path):
    folder = tmp_path / "articles"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(BUNDLED / ENGLISH, folder / ENGLISH)
    (folder / "locked" / "hidden_story.txt").write_text("Kim met students in Vladivostok.\n", encoding="utf-8")
    (folder / "locked").chmod(0)
    try:
        result = run_qa_as_a_user("ingest", str(folder), index_dir=tmp_path / "index")
    finally:
        (folder / "locked").chmod(0o755)
    assert result.returncode == 0 and "1 added" in result.stdout and "1 skipped" in result.stdout, result.stderr
    assert f"skipped {folder / 'locked'}: cannot read the folder (Permission denied)" in result.stdout


def test_a_read_only_index_is_read_and_a_write_says_the_folder_is_not_writable(tmp_path):
    index_dir = tmp_path / "index"
    qa.ingest(BUNDLED / ENGLISH, index_dir=index_dir, show_progress=False)
    qa.close_indexes()
    make_read_only(index_dir)
    before = sorted((p.name, p.stat().st_mtime_ns) for p in index_dir.rglob("*"))
    try:
        listed = run_qa_as_a_user("list", index_dir=index_dir)
        shown = run_qa_as_a_user("show", ENGLISH, index_dir=index_dir)
        asked = run_qa_as_a_user("ask", "What warning did Seoul issue?", index_dir=index_dir)
        writes = [run_qa_as_a_user(*command, index_dir=index_dir) for command in
                  [("ingest", str(BUNDLED / ENGLISH)), ("remove", ENGLISH), ("ingest", "--rebuild", str(BUNDLED))]]
        after = sorted((p.name, p.stat().st_mtime_ns) for p in index_dir.rglob("*"))
    finally:
        make_writable(index_dir)
    assert listed.returncode == 0 and ENGLISH in listed.stdout, listed.stderr
    assert shown.returncode == 0 and "strong warning" in shown.stdout, shown.stderr
    assert asked.returncode == 0 and "strong warning" in asked.stdout and f"[1] {ENGLISH}" in asked.stdout, asked.stderr
    for refused in writes:
        assert refused.returncode == 2 and "Traceback" not in refused.stderr, refused.stderr
        assert f"the index folder {index_dir} is not writable by you" in refused.stderr
        assert "damaged" not in refused.stderr and "--rebuild" not in refused.stderr
    assert after == before  # nothing in the index was touched
