"""docker-compose.yml, the Dockerfile and .env.example, checked as far as a machine without a
Docker engine allows: valid YAML, every service's command exists (Airflow's CLI as installed,
schoolwatch's Typer app), the volumes, paths and environment the code expects are there."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml")  # PyYAML arrives with Airflow

from tests.airflow.conftest import ROOT  # noqa: E402

pytestmark = pytest.mark.airflow

COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"
DEPLOY_CONFIG = ROOT / "deploy" / "schoolwatch.toml"
CODE_DIRS = ("schoolwatch", "connectors", "transforms", "warehouse", "alerts", "review", "dags")
AIRFLOW_SERVICES = {"airflow-init", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
                    "airflow-triggerer", "airflow-worker"}
# Subcommands that come from a provider the image installs (not necessarily installed here).
PROVIDER_COMMANDS = {"celery": "apache-airflow-providers-celery"}

_CLI_TREE = """
import argparse, json, sys
from airflow.cli.cli_parser import get_parser
def tree(parser):
    out = {}
    for a in parser._actions:
        if isinstance(a, argparse._SubParsersAction):
            for name, sp in a.choices.items():
                out[name] = tree(sp)
    return out
json.dump(tree(get_parser()), open(sys.argv[1], "w"))
"""


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def airflow_cli(airflow_home: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Airflow's CLI tree as installed here ({command: {subcommand: {...}}})."""
    out = tmp_path_factory.mktemp("cli") / "tree.json"
    done = subprocess.run([sys.executable, "-c", _CLI_TREE, str(out)], env=airflow_home,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    tree: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return tree


def service_commands(name: str, svc: dict[str, Any]) -> list[list[str]]:
    """The command lines a service runs, as argv lists (bash scripts split per line)."""
    command, entrypoint = svc.get("command"), svc.get("entrypoint")
    if isinstance(command, str):
        command = shlex.split(command)
    if isinstance(entrypoint, str):
        entrypoint = shlex.split(entrypoint)
    if entrypoint and entrypoint[-1].endswith("bash"):
        script = command[command.index("-c") + 1]
        return [shlex.split(line) for line in script.splitlines()
                if line.strip().startswith(("airflow ", "schoolwatch "))]
    if entrypoint:
        return [[*entrypoint, *(command or [])]]
    if name in AIRFLOW_SERVICES:  # the official image's entrypoint runs `airflow <command>`
        return [["airflow", *(command or [])]]
    return []


def test_compose_is_valid_yaml_with_every_service(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert {"postgres", "mailpit", "review", "redis", *AIRFLOW_SERVICES} <= set(services)
    assert {name for name, s in services.items() if "celery" in s.get("profiles", [])} == {"redis", "airflow-worker"}
    assert services["airflow-worker"]["environment"]["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    common = services["airflow-scheduler"]["environment"]
    assert common["AIRFLOW__CORE__EXECUTOR"].startswith("${AIRFLOW__CORE__EXECUTOR:-LocalExecutor")
    assert common["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"].startswith("postgresql+psycopg2://")
    assert common["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == "http://airflow-apiserver:8080/execution/"
    for name in AIRFLOW_SERVICES | {"review"}:
        assert services[name].get("build") == ".", name  # the image built from the Dockerfile


def test_every_airflow_command_exists(compose: dict[str, Any], airflow_cli: dict[str, Any]) -> None:
    dockerfile = DOCKERFILE.read_text(encoding="utf-8")
    seen = set()
    for name, svc in compose["services"].items():
        for argv in service_commands(name, svc):
            if argv[0] != "airflow":
                continue
            top = argv[1]
            seen.add(top)
            if top in PROVIDER_COMMANDS and top not in airflow_cli:
                assert PROVIDER_COMMANDS[top] in dockerfile, f"{name}: `airflow {top}` needs {PROVIDER_COMMANDS[top]} in the image"
                continue
            assert top in airflow_cli, f"{name}: no `airflow {top}`"
            if airflow_cli[top] and len(argv) > 2:
                assert argv[2] in airflow_cli[top], f"{name}: no `airflow {top} {argv[2]}`"
    assert {"db", "pools", "api-server", "scheduler", "dag-processor", "triggerer", "celery"} <= seen


def test_every_schoolwatch_command_exists(compose: dict[str, Any]) -> None:
    import typer.main

    from schoolwatch.cli.main import app

    cli = typer.main.get_command(app)
    found = []
    for name, svc in compose["services"].items():
        for argv in service_commands(name, svc):
            if argv[0] != "schoolwatch":
                continue
            sub = cli.commands.get(argv[1])  # type: ignore[attr-defined]
            assert sub is not None, f"{name}: no `schoolwatch {argv[1]}`"
            options = {o for p in sub.params for o in p.opts}
            for arg in argv[2:]:
                if arg.startswith("--"):
                    assert arg in options, f"{name}: `schoolwatch {argv[1]}` has no {arg}"
            found.append(argv[1])
    assert {"serve", "load"} <= set(found)
    serve = compose["services"]["review"]["command"]
    assert serve[serve.index("--host") + 1] == "0.0.0.0"


def test_pool_is_created_by_init(compose: dict[str, Any]) -> None:
    from schoolwatch.airflow_support import POOL

    pools = [argv for argv in service_commands("airflow-init", compose["services"]["airflow-init"])
             if argv[:3] == ["airflow", "pools", "set"]]
    assert pools and pools[0][3:5] == [POOL, "1"]


def test_volumes_cover_the_paths_the_config_uses(compose: dict[str, Any]) -> None:
    from schoolwatch.core.config import load_config
    from schoolwatch.pipeline import landing_root

    cfg = load_config(DEPLOY_CONFIG)
    declared = set(compose["volumes"])
    for name in AIRFLOW_SERVICES | {"review"}:
        svc = compose["services"][name]
        mounts = {}
        for v in svc["volumes"]:
            m = re.match(r"^(\$\{[^}]*\}|[^:]+):([^:]+)(?::ro|:rw)?$", v)
            assert m, f"{name}: cannot read volume {v!r}"
            source, target = m.groups()
            mounts[target] = source
            if not source.startswith((".", "/", "$")):
                assert source in declared, f"{name}: volume {source} is not declared"
        env = svc["environment"]
        config_target = env["SCHOOLWATCH_CONFIG"]
        assert config_target in mounts, f"{name}: the config file is not mounted at {config_target}"
        wanted = {
            "warehouse": cfg.db_path.parent,
            "landing zone": landing_root(cfg),
            "outbox": cfg.data_dir / cfg.smtp.outbox_dir,
        }
        for what, path in wanted.items():
            target = next((t for t in mounts if path == Path(t) or Path(t) in path.parents), None)
            assert target is not None, f"{name}: no volume holds the {what} ({path})"
            assert not mounts[target].startswith((".", "/")), f"{name}: the {what} should be a named volume"
    assert cfg.smtp.host == "mailpit" and f"{cfg.smtp.port}:{cfg.smtp.port}" in compose["services"]["mailpit"]["ports"]


def test_dockerfile_matches_the_tested_airflow() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    args = dict(re.findall(r"^ARG (\w+)=(\S+)$", text, flags=re.M))
    assert args["AIRFLOW_VERSION"] == version("apache-airflow")
    assert args["PYTHON_VERSION"] == f"{sys.version_info.major}.{sys.version_info.minor}"
    assert re.search(r"^FROM apache/airflow:\$\{AIRFLOW_VERSION\}-python\$\{PYTHON_VERSION\}$", text, flags=re.M)
    assert '"apache-airflow==${AIRFLOW_VERSION}"' in text  # installing the project never moves Airflow
    for source in re.findall(r"^COPY (?:--\S+ )*(\S+) ", text, flags=re.M):
        assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
    assert re.search(r"^COPY .*dags/ /opt/airflow/dags/", text, flags=re.M)


def test_env_example_lists_every_variable() -> None:
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(encoding="utf-8"), flags=re.M))
    in_code: set[str] = set()
    for top in CODE_DIRS:
        for path in (ROOT / top).rglob("*.py"):
            in_code |= set(re.findall(r"\bSCHOOLWATCH_[A-Z0-9_]*[A-Z0-9]\b", path.read_text(encoding="utf-8")))
    # per-account examples in docstrings (SCHOOLWATCH_X_BEARER_TOKEN_X_MAIN) extend a listed name
    per_account = {n for n in in_code if any(n.startswith(base + "_") for base in in_code if base != n)}
    missing = sorted(in_code - per_account - listed)
    assert not missing, f".env.example lacks {missing}"
    compose_vars = set(re.findall(r"(?<!\$)\$\{([A-Z][A-Z0-9_]*)", COMPOSE.read_text(encoding="utf-8")))
    assert not sorted(compose_vars - listed), f".env.example lacks {sorted(compose_vars - listed)}"
    assert {"SCHOOLWATCH_SECRET_KEY", "SCHOOLWATCH_CONFIG", "SCHOOLWATCH_SMTP_USER", "SCHOOLWATCH_SMTP_PASSWORD",
            "AIRFLOW_ADMIN_PASSWORD", "AIRFLOW__API_AUTH__JWT_SECRET"} <= listed
