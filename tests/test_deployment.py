"""The deployment files (Dockerfile, compose.yaml) against the real app, Chroma and PostgreSQL: images cannot be
pulled or built on the project's machines, so what the files set (settings, commands, health checks) is checked
here by running it."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import yaml

from tests.conftest import ChromaServer, free_port, stop_process
from tests.postgres_server import PostgresServer, postgres_bin
from tests.test_wheel import BUILD_INPUTS, readme_wheel_line
from vectorstore.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
# What a team puts in .env beside compose.yaml.
SECRETS = {"POSTGRES_PASSWORD": "pgsecret1", "QA_AUTH": "ana:s3cret", "QA_API_KEY": "k3y-for-tests"}
APP_PORT = "7860"
START_SECONDS = 300


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments left out."""
    lines = [line for line in (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
             if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1].strip()) for line in joined.splitlines()
            if line.strip()]


def instructions(keyword: str) -> list[str]:
    return [arguments for name, arguments in dockerfile_instructions() if name == keyword]


def image_environment() -> dict[str, str]:
    """The variables the Dockerfile's ENV lines set."""
    return dict(item.split("=", 1) for arguments in instructions("ENV") for item in shlex.split(arguments))


def image_command() -> list[str]:
    (command,) = instructions("CMD")
    return json.loads(command)


def image_health_check() -> list[str]:
    (health,) = instructions("HEALTHCHECK")
    return json.loads(health.split(" CMD ", 1)[1])


def interpolated(value: str) -> str:
    """Compose's ${NAME}, ${NAME:?message} and ${NAME:-default}, with the secrets of .env."""
    return re.sub(r"\$\{(\w+)(?::?[?-][^}]*)?\}", lambda m: SECRETS[m.group(1)], str(value))


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))


def app_services() -> dict[str, dict]:
    """The services built from the Dockerfile: the app's replicas."""
    return {name: service for name, service in compose()["services"].items() if "build" in service}


def app_environment(service: dict) -> dict[str, str]:
    """What a replica's process sees: the image's variables, then the service's."""
    return {**image_environment(), **{name: interpolated(value) for name, value in service["environment"].items()}}


def with_port(words: list[str], port: int) -> list[str]:
    return [re.sub(rf"\b{APP_PORT}\b", str(port), word) for word in words]


def local_environment(variables: dict[str, str]) -> dict[str, str]:
    """This machine's environment without its QA_ settings, with `variables`."""
    return {**{k: v for k, v in os.environ.items() if not k.startswith("QA_")}, **variables}


def test_the_image_installs_the_app_as_readme_says():
    (base,) = instructions("FROM")
    assert base == "python:3.11-slim"
    runs = instructions("RUN")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    torch_pin = re.search(r"pip install (torch==[\d.]+)", readme).group(1)
    assert f"--index-url https://download.pytorch.org/whl/cpu {torch_pin}" in runs[0]  # first, and the CPU build
    assert any(readme_wheel_line() in run for run in runs)
    assert any("psycopg[binary]" in run for run in runs)  # for QA_CATALOG_URL=postgresql://…
    (user,) = instructions("USER")
    assert user not in ("root", "0")
    assert {"HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
            "GRADIO_ANALYTICS_ENABLED": "False"}.items() <= image_environment().items()
    assert instructions("EXPOSE") == [APP_PORT]
    # The build context is what a wheel is built from, and nothing else.
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert "*" in ignored and {f"!{name}" for name in BUILD_INPUTS} <= set(ignored)


def test_every_qa_variable_of_the_deployment_is_a_setting_and_lands_where_the_app_reads_it(monkeypatch):
    for name in [n for n in os.environ if n.startswith("QA_")]:
        monkeypatch.delenv(name)
    for service_name, service in app_services().items():
        env = {name: value for name, value in app_environment(service).items() if name.startswith("QA_")}
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        settings = Settings.from_env()
        for name in env:  # a variable the settings do not read would change nothing
            monkeypatch.delenv(name)
            assert Settings.from_env() != settings, f"{service_name}: {name} is no setting of vectorstore/settings.py"
            monkeypatch.setenv(name, env[name])
        assert settings.catalog_url == f"postgresql://qa:{SECRETS['POSTGRES_PASSWORD']}@postgres:5432/qa"
        assert settings.chroma_url == "http://chroma:8000"
        assert settings.auth == SECRETS["QA_AUTH"] and settings.api_key == SECRETS["QA_API_KEY"]
        assert settings.index_dir == Path("/data/index")
        for name in env:
            monkeypatch.delenv(name)


def test_the_replicas_share_the_catalog_and_the_vectors_but_each_has_its_own_index_folder():
    spec = compose()
    services = spec["services"]
    replicas = app_services()
    assert len(replicas) == 2
    catalogs = {app_environment(s)["QA_CATALOG_URL"] for s in replicas.values()}
    chromas = {app_environment(s)["QA_CHROMA_URL"] for s in replicas.values()}
    assert len(catalogs) == 1 and len(chromas) == 1
    catalog = urlsplit(catalogs.pop())
    database = {k: interpolated(v) for k, v in services["postgres"]["environment"].items()}
    assert (catalog.scheme, catalog.hostname, catalog.port) == ("postgresql", "postgres", 5432)
    assert (catalog.username, catalog.password, catalog.path) == (
        database["POSTGRES_USER"], database["POSTGRES_PASSWORD"], f"/{database['POSTGRES_DB']}")
    chroma = urlsplit(chromas.pop())
    assert (chroma.hostname, chroma.port) == ("chroma", 8000)

    index_volumes, host_ports = [], []
    for service in replicas.values():
        index_dir = app_environment(service)["QA_INDEX_DIR"]
        mounts = dict(reversed(volume.split(":")[:2]) for volume in service["volumes"])
        index_volumes.append(mounts[index_dir])
        host_ports += [port.split(":")[0] for port in service["ports"]]
        assert service["depends_on"] == {"postgres": {"condition": "service_healthy"},
                                         "chroma": {"condition": "service_healthy"}}
    assert len(set(index_volumes)) == len(index_volumes) and set(index_volumes) <= set(spec["volumes"])
    assert len(set(host_ports)) == len(host_ports)
    for name in ("postgres", "chroma"):  # their data outlives the containers
        assert {volume.split(":")[0] for volume in services[name]["volumes"]} <= set(spec["volumes"])


def test_every_service_has_a_health_check():
    for name, service in compose()["services"].items():
        if name in app_services():
            assert image_health_check() and "healthcheck" not in service  # the Dockerfile's
        else:
            assert service["healthcheck"]["test"][0] == "CMD", name


def test_the_image_command_binds_every_address_and_refuses_to_without_a_password(tmp_path):
    command = image_command()
    assert command[:2] == ["qa", "chat"] and command[command.index("--host") + 1] == "0.0.0.0"
    env = {k: v for k, v in app_environment(app_services()["app1"]).items() if k != "QA_AUTH"}
    refused = subprocess.run([str(Path(sys.executable).parent / "qa"), *with_port(command[1:], free_port())],
                             env=local_environment({**env, "QA_INDEX_DIR": str(tmp_path / "index")}),
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2
    assert "QA_AUTH" in refused.stderr and "refusing to serve on 0.0.0.0" in refused.stderr


def run_health_check(command: list[str]) -> int:
    return subprocess.run(command, capture_output=True, timeout=60).returncode


def answers(url: str) -> bool:
    try:
        httpx.get(url, timeout=5)
        return True
    except httpx.HTTPError:
        return False


def test_the_image_health_check_is_answered_by_its_command_without_signing_in(bundled_index, tmp_path):
    # On the bundled index in the folder (SQLite): the servers' host names of compose.yaml resolve only there.
    shutil.copytree(bundled_index, tmp_path / "index")
    port = free_port()
    health = with_port(image_health_check(), port)
    health[0] = sys.executable
    assert run_health_check(health) != 0  # nothing answers yet
    env = {k: v for k, v in app_environment(app_services()["app1"]).items()
           if k not in ("QA_CATALOG_URL", "QA_CHROMA_URL")}
    env["QA_INDEX_DIR"] = str(tmp_path / "index")
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen([str(Path(sys.executable).parent / "qa"), *with_port(image_command()[1:], port)],
                              env=local_environment(env), stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_SECONDS
        while not answers(url):
            assert server.poll() is None, (tmp_path / "server.log").read_text()
            assert time.monotonic() < deadline, "the app did not start in time"
            time.sleep(1)
        assert run_health_check(health) == 0
        assert httpx.get(f"{url}/config", timeout=30).status_code == 401  # the page itself needs the password
        assert httpx.get(f"{url}/v1/models", timeout=30).status_code == 401
        key = {"Authorization": f"Bearer {SECRETS['QA_API_KEY']}"}
        assert httpx.get(f"{url}/v1/models", headers=key, timeout=30).status_code == 200
    finally:
        stop_process(server)
        log.close()


def test_the_chroma_health_check_asks_a_chroma_server_of_the_installed_version(tmp_path):
    from importlib.metadata import version

    chroma = compose()["services"]["chroma"]
    image_version = chroma["image"].split(":")[1]
    assert chroma["image"].startswith("chromadb/chroma:")
    assert image_version.split(".")[:2] == version("chromadb").split(".")[:2]
    server = ChromaServer(tmp_path / "chroma", free_port())
    health = [word.replace("/8000", f"/{server.port}") for word in chroma["healthcheck"]["test"][1:]]
    assert "/api/v2/heartbeat" in " ".join(health)
    server.start()
    try:
        assert run_health_check(health) == 0
    finally:
        server.stop()
    assert run_health_check(health) != 0


def test_the_postgres_health_check_asks_the_catalog_database():
    postgres = compose()["services"]["postgres"]
    assert postgres["image"] == "postgres:16"
    check = postgres["healthcheck"]["test"][1:]
    assert check[0] == "pg_isready" and check[check.index("-d") + 1] == postgres["environment"]["POSTGRES_DB"]
    server = PostgresServer(free_port())
    health = [str(postgres_bin() / "pg_isready"), *check[1:], "-h", "127.0.0.1", "-p", str(server.port)]
    try:
        server.start()
        assert run_health_check(health) == 0
        server.stop()
        assert run_health_check(health) != 0
    finally:
        server.remove()
