"""Who may reach the server: loopback freely, any other address only with a password."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.ui.conftest import PROJECT_ROOT, free_port, server_env
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
    import socket

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
