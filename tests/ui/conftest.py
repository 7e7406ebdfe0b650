"""A real app server (`python -m ui`) on a free loopback port, and real Chromium driven by Playwright."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, sync_playwright

from tests.conftest import free_port, stop_process

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SERVER_KEY = pytest.StashKey[tuple[str, Path]]()  # the shared app server's (URL, log file), once started
STARTUP_SECONDS = 600  # on first start the bundled articles are indexed first: minutes on a busy machine


def server_env(index_dir: Path) -> dict[str, str]:
    """The app's environment: its own index, its own temporary folder (where Gradio keeps uploads, at
    `server_tmp(index_dir) / "gradio"`), no password, and answers that quote (no language model)."""
    env = {k: v for k, v in os.environ.items() if k not in ("QA_AUTH", "QA_LLM", "GRADIO_TEMP_DIR")}
    server_tmp(index_dir).mkdir(parents=True, exist_ok=True)
    env.update(QA_INDEX_DIR=str(index_dir), HF_HUB_OFFLINE="1", PYTHONUNBUFFERED="1", TMPDIR=str(server_tmp(index_dir)))
    return env


def server_tmp(index_dir: Path) -> Path:
    """The temporary folder of the app served on `index_dir` by `server_env`."""
    return index_dir.parent / "server-tmp"


SERVER_PIDS: dict[str, int] = {}  # URL -> process id of each app `running_app` serves


@contextmanager
def running_app(folder: Path, env: dict[str, str], *options: str, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve the app with `python -m ui` (and `options`) on a free port of `host`; yield its loopback URL; stop it
    afterwards."""
    port = free_port()
    log = (folder / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "ui", "--host", host, "--port", str(port), *options],
        cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    SERVER_PIDS[url] = process.pid
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"the app exited with {process.returncode}:\n{(folder / 'server.log').read_text()}")
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("the app did not start in time")
            time.sleep(0.5)
        yield url
    finally:
        SERVER_PIDS.pop(url, None)
        stop_process(process)
        log.close()


@pytest.fixture(scope="session")
def app_server(tmp_path_factory, request) -> tuple[str, Path]:
    """(URL, log file) of the app served by `python -m ui`, with its own empty index (built from the bundled
    articles)."""
    folder = tmp_path_factory.mktemp("ui-server")
    with running_app(folder, server_env(folder / "index")) as url:
        request.config.stash[SERVER_KEY] = url, folder / "server.log"
        yield url, folder / "server.log"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test of the shared app server reports the end of that server's log beside its traceback."""
    report = yield
    server = item.config.stash.get(SERVER_KEY, None)
    if report.failed and server is not None and "app_server" in item.fixturenames and server[1].exists():
        report.sections.append(("app server log (last 60 lines)",
                                "\n".join(server[1].read_text(errors="replace").splitlines()[-60:])))
    return report


@pytest.fixture(scope="session")
def app_uploads(app_server) -> Path:
    """The folder where the app of `app_server` keeps uploaded files (Gradio's, in the app's temporary folder)."""
    return server_tmp(app_server[1].parent / "index") / "gradio"


@pytest.fixture(scope="session")
def app_url(app_server) -> str:
    return app_server[0]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of any alert/confirm/prompt the page opened: a script from content ran."""
    return []


@pytest.fixture
def outside_requests() -> list[str]:
    """URLs the page asked for anywhere but the app: there should be none."""
    return []


def load_page(browser, url: str, dialogs: list[str], outside: list[str], viewport: dict) -> Page:
    """The page at `url` in a new context, its dialogs dismissed into `dialogs` and its requests anywhere but the
    app into `outside`."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: None if request.url.startswith((url, "data:", "blob:"))
            else outside.append(request.url))
    page.goto(url)
    return page


def open_app(browser, app_url: str, dialogs: list[str], outside: list[str], viewport: dict) -> Page:
    page = load_page(browser, app_url, dialogs, outside, viewport)
    page.wait_for_selector("#question textarea")
    return page


@pytest.fixture
def page(browser, app_url, dialogs, outside_requests):
    page = open_app(browser, app_url, dialogs, outside_requests, DESKTOP)
    yield page
    page.context.close()
    assert dialogs == [], f"a script from page content ran: {dialogs}"
    assert outside_requests == [], f"the page reached outside the app: {outside_requests}"


@pytest.fixture
def phone_page(browser, app_url, dialogs, outside_requests):
    page = open_app(browser, app_url, dialogs, outside_requests, PHONE)
    yield page
    page.context.close()
    assert dialogs == [], f"a script from page content ran: {dialogs}"
    assert outside_requests == [], f"the page reached outside the app: {outside_requests}"
