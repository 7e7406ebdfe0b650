"""The wheel works on its own: built from the source as README says, installed in a fresh virtual environment that
does not see this checkout, `qa ask` from another folder builds the index from the bundled articles and answers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a wheel is built from: the project's metadata and its packages (data/ is the package vectorstore.bundled).
BUILD_INPUTS = ["pyproject.toml", "setup.py", "README.md", "qa", "vectorstore", "ui", "data"]


def readme_wheel_line() -> str:
    """README's one command line that builds and installs a wheel."""
    lines = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
             if line.startswith("pip wheel ")]
    assert len(lines) == 1, "README shows one 'pip wheel ...' line"
    return lines[0]


def fresh_venv(folder: Path) -> Path:
    """A virtual environment without the project, which reaches the test environment's installed packages (its
    dependencies) through a .pth line: a plain path, so that the .pth files in it, such as the editable install's
    finder for this checkout, do not run."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    site = folder / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    (site / "test_environment.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return folder


def test_a_wheel_installed_alone_answers_from_its_bundled_articles(tmp_path):
    source = tmp_path / "source"  # a copy: the build writes build/ and an .egg-info folder where it runs
    source.mkdir()
    for name in BUILD_INPUTS:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    venv = fresh_venv(tmp_path / "venv")
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV", "QA_INDEX_DIR")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    # README's line as written, with `pip` the fresh environment's, offline: the dependencies are there already.
    shell_pip = f'pip() {{ "{venv}/bin/python" -m pip "$@" --no-deps --no-build-isolation --no-index --quiet; }}'
    built = subprocess.run(["bash", "-c", f"{shell_pip}\n{readme_wheel_line()}"], cwd=source, env=env,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    assert [wheel.name for wheel in (source / "dist").glob("*.whl")] == ["qa_citations-0.1.0-py3-none-any.whl"]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    installed = subprocess.run(
        [venv / "bin" / "python", "-c", "import qa, vectorstore.settings as s; print(qa.__file__); "
                                        "print(s.Settings().default_corpus)"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout.split()
    site = str(venv / "lib")
    assert all(path.startswith(site) for path in installed), f"imported from outside the fresh environment: {installed}"

    env["QA_INDEX_DIR"] = str(tmp_path / "index")
    asked = subprocess.run([venv / "bin" / "qa", "ask", "Who is the governor of the Primorye region?"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, timeout=900)
    assert asked.returncode == 0, asked.stderr
    assert "from the bundled articles" in asked.stderr and "5 added" in asked.stderr, asked.stderr
    assert re.search(r"(Kozhemiako|Kojemiako)[^\n]*\[\d+\]", asked.stdout), asked.stdout
    assert re.search(r"^\[1\] 00\d_\w+\.txt \d+:\d+ ", asked.stdout, re.MULTILINE), asked.stdout
