"""Who may reach the server: loopback freely, any other address only with a password."""

from __future__ import annotations

import ipaddress
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import expect

from tests.ui.conftest import DESKTOP, PROJECT_ROOT, SERVER_PIDS, free_port, load_page, running_app, server_env
from tests.ui.steps import screenshot
from ui.serving import UnsafeBindError, check_bind


def test_non_loopback_bind_without_auth_is_refused(tmp_path):
    port = free_port()
    finished = subprocess.run(
        [sys.executable, "-m", "ui", "--host", "0.0.0.0", "--port", str(port)],
        cwd=PROJECT_ROOT, env=server_env(tmp_path / "index"), capture_output=True, text=True, timeout=120,
    )
    assert finished.returncode == 2
    assert "--auth" in finished.stderr
    assert "Running on" not in finished.stdout


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_needs_no_password(host, monkeypatch):
    monkeypatch.delenv("QA_AUTH", raising=False)
    assert check_bind(host, None) is None


def test_other_hosts_need_a_password(monkeypatch):
    monkeypatch.delenv("QA_AUTH", raising=False)
    for host in ["0.0.0.0", "192.168.1.20", "::", "example.org"]:
        with pytest.raises(UnsafeBindError, match="--auth"):
            check_bind(host, None)
    assert check_bind("0.0.0.0", "ana:s3cret:with-colon") == ("ana", "s3cret:with-colon")
    monkeypatch.setenv("QA_AUTH", "ben:pw")
    assert check_bind("0.0.0.0", None) == ("ben", "pw")


def test_malformed_auth_is_refused(monkeypatch):
    monkeypatch.delenv("QA_AUTH", raising=False)
    for auth in ["nopassword", ":pw", "user:"]:
        with pytest.raises(UnsafeBindError, match="USER:PASS"):
            check_bind("127.0.0.1", auth)


def test_a_port_in_use_or_out_of_range_is_one_line_that_says_what_to_do(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for chosen, message in ((port, f"port {port} on 127.0.0.1 is in use"), (99999, "port 99999 is not a port")):
            finished = subprocess.run(
                [sys.executable, "-m", "qa.cli", "chat", "--port", str(chosen)],
                cwd=PROJECT_ROOT, env=server_env(tmp_path / "index"), capture_output=True, text=True, timeout=120,
            )
            assert finished.returncode == 2, finished.stderr
            assert message in finished.stderr and "--port" in finished.stderr
            assert "Traceback" not in finished.stderr


def test_a_fresh_index_is_built_before_the_page_is_served(app_server):
    # The first question had waited on "Searching the articles…" while the bundled articles were indexed, with
    # the progress only in the server's terminal; now the terminal shows it before the page's address.
    log = app_server[1].read_text()
    assert "Building the index" in log
    assert log.index("5 added") < log.index("The chat page is at")


OUTSIDE_ADDRESSES = ["http://1.1.1.1/x.txt", "https://example.org/x.txt", "HTTP://1.1.1.1/x.txt",
                     "http%3A//1.1.1.1/x.txt"]


def connects_outside(trace: str) -> list[str]:
    """The connect() calls of an `strace -e trace=connect` log that reach beyond this machine."""
    outside = []
    for line in trace.splitlines():
        if "connect(" not in line or "AF_UNIX" in line or "AF_NETLINK" in line:
            continue
        address = re.search(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"', line)
        if address is None or not ipaddress.ip_address(address.group(1) or address.group(2)).is_loopback:
            outside.append(line)
    return outside


def test_the_file_route_refuses_web_addresses_and_the_server_connects_nowhere(app_url: str, tmp_path):
    # Gradio's file route had fetched any http(s) address it was given: the server connected to 1.1.1.1:80.
    trace = tmp_path / "connect.trace"
    tracer = subprocess.Popen(["strace", "-f", "-qq", "-e", "trace=connect", "-o", str(trace),
                               "-p", str(SERVER_PIDS[app_url])], stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(2)  # attached to every thread of the server
        assert tracer.poll() is None, tracer.stderr.read()
        for address in OUTSIDE_ADDRESSES:
            for method in (httpx.get, httpx.head):
                response = method(f"{app_url}gradio_api/file={address}", timeout=30)
                assert response.status_code == 403, (address, response.status_code, response.text[:200])
                if method is httpx.get:
                    assert "does not fetch web addresses" in response.text
            assert httpx.get(f"{app_url}file={address}", timeout=30).status_code in (403, 404)
        assert httpx.get(f"{app_url}gradio_api/file/{OUTSIDE_ADDRESSES[0]}", timeout=30).status_code == 403
        assert httpx.get(app_url, timeout=30).status_code == 200  # the page itself is served as before
        time.sleep(1)
    finally:
        tracer.send_signal(signal.SIGINT)  # detaches, leaving the server running
        tracer.wait(timeout=30)
    log = trace.read_text()
    assert connects_outside(log) == [], log


def test_on_every_address_the_start_line_says_where_to_open_it_and_the_sign_in_names_the_app(
        bundled_index, tmp_path, browser, dialogs, outside_requests):
    # The start line had said http://0.0.0.0:PORT/, which no browser opens; the sign-in page was Gradio's own.
    index_dir = tmp_path / "index"
    shutil.copytree(bundled_index, index_dir)
    with running_app(tmp_path, server_env(index_dir), "--auth", "ana:s3cret", host="0.0.0.0") as url:
        start_line = next(line for line in (tmp_path / "server.log").read_text().splitlines()
                          if line.startswith("The chat page is at"))
        assert url in start_line and f"http://{socket.gethostname()}:{urlsplit(url).port}/" in start_line
        assert "0.0.0.0" not in start_line
        page = load_page(browser, url, dialogs, outside_requests, DESKTOP)
        expect(page.get_by_text("News Q&A with citations")).to_be_visible()
        screenshot(page, "sign-in")
        page.get_by_label("username").fill("ana")
        page.get_by_label("password").fill("s3cret")
        page.get_by_role("button", name="Login").click()
        expect(page.locator("#question textarea")).to_be_visible(timeout=30_000)
        page.context.close()
    assert dialogs == [] and outside_requests == []




def test_the_upload_box_refuses_a_web_address_sent_in_place_of_a_file():
    # Sent {"path": "http://…"} instead of an uploaded file, Gradio's file box downloads it before the app sees it.
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    import gradio as gr
    from gradio import processing_utils

    from ui.documents import UploadBox

    with gr.Blocks():
        box = UploadBox(file_count="multiple", type="filepath")
    sent = [{"path": "http://1.1.1.1/x.txt", "orig_name": "x.txt", "meta": {"_type": "gradio.FileData"}}]
    with pytest.raises(gr.Error, match="does not fetch web addresses"), ThreadPoolExecutor(1) as thread:
        # The server's own path, run on a thread of its own: the browser tests keep an event loop in this one.
        thread.submit(asyncio.run, processing_utils.async_move_files_to_cache(sent, box, check_in_upload_folder=True)
                      ).result()
