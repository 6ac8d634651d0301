"""Airflow test harness: a throwaway AIRFLOW_HOME on SQLite and one long-lived dag.test runner.

Airflow reads its settings at import, so the runs happen in a subprocess
(``tests/airflow/dagrun.py``) started once per session with the test environment; the
tests send it scenarios and read the warehouse it wrote with DuckDB afterwards.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DAGS = ROOT / "dags"
FIXTURES = ROOT / "tests" / "fixtures" / "airflow"
X_API = "https://api.twitter.com/2"
HAVE_AIRFLOW = importlib.util.find_spec("airflow") is not None

pytestmark = pytest.mark.airflow


def airflow_bin() -> str:
    found = shutil.which("airflow", path=str(Path(sys.executable).parent)) or shutil.which("airflow")
    if not found:
        pytest.skip("the airflow command is not installed")
    return found


CONFIG = """
[school]
id = "st-example"
name = "St Example School"
aliases = ["St Ex"]

[[accounts]]
id = "x-main"
platform = "x"
handle = "StExampleSch"
native_id = "1234500000"
kind = "own"
principal = "Ms Ada Quint"
reserve = "Mr Bo Lark"
streams = ["mentions"]
holiday_check_every = "6d"

[[searches]]
id = "x-names"
platform = "x"
query = '"St Example School" -is:retweet'

[[people]]
name = "Mr Cal Dunmore"
role = "headteacher"
is_head = true

[contacts]
esafety_coordinator = {{ name = "Ms Ada Quint", email = "esafety@stexample.example.org" }}
dsl = {{ name = "Mrs Dee Wren", email = "dsl@stexample.example.org" }}
head = {{ name = "Mr Cal Dunmore", email = "head@stexample.example.org" }}
chair_of_governors = {{ name = "Dr Eve Holt", email = "chair@stexample.example.org" }}
it = {{ name = "Mr Bo Lark", email = "it@stexample.example.org" }}
digest_recipients = ["governors@stexample.example.org"]

[smtp]
host = "127.0.0.1"
port = {port}
sender = "schoolwatch@stexample.example.org"

[paths]
data_dir = "data"
"""


def write_config(folder: Path, smtp_port: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "schoolwatch.toml"
    path.write_text(CONFIG.format(port=smtp_port), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def airflow_home(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A migrated SQLite metadata database with the ``schoolwatch_db`` pool; returns the env."""
    if not HAVE_AIRFLOW:
        pytest.skip("apache-airflow is not installed")
    home = tmp_path_factory.mktemp("airflow-home")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "SCHOOLWATCH_"))},
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{home}/airflow.db",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "INFO",
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
    }
    airflow = airflow_bin()
    for cmd in (["db", "migrate"], ["pools", "set", "schoolwatch_db", "1", "DuckDB has one writer"]):
        done = subprocess.run([airflow, *cmd], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"airflow {' '.join(cmd)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return env


class DagRunner:
    """Talks to tests/airflow/dagrun.py: one scenario file per request, one result per run."""

    def __init__(self, env: dict[str, str], folder: Path) -> None:
        self.folder = folder
        self.logfile = folder / "airflow-runs.log"
        self.n = 0
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "airflow" / "dagrun.py"), str(self.logfile)],
            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=str(folder),
        )
        self._expect("@@ready@@")

    def _expect(self, marker: str) -> None:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line.startswith(marker):
            raise AssertionError(f"dag runner said {line!r}; log:\n{self.log_tail()}")

    def log_tail(self, n: int = 6000) -> str:
        return self.logfile.read_text(encoding="utf-8", errors="replace")[-n:] if self.logfile.exists() else ""

    def run(
        self,
        dag_id: str,
        logical_date: str,
        *,
        env: dict[str, str],
        responses: list[dict[str, Any]] = (),  # type: ignore[assignment]
    ) -> dict[str, Any]:
        self.n += 1
        scenario = self.folder / f"scenario-{self.n}.json"
        out = self.folder / f"result-{self.n}.json"
        scenario.write_text(json.dumps({
            "dag_file": str(DAGS / f"{dag_id}.py"), "dag_id": dag_id, "logical_date": logical_date,
            "env": env, "responses": list(responses), "out": str(out),
        }), encoding="utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{scenario}\n")
        self.proc.stdin.flush()
        self._expect(f"@@done@@ {scenario}")
        result: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
        if result["state"] in ("runner_error", "import_error"):
            raise AssertionError(f"{dag_id}: {result}")
        return result

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture(scope="session")
def dag_runner(airflow_home: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[DagRunner]:
    runner = DagRunner(airflow_home, tmp_path_factory.mktemp("dag-runs"))
    try:
        yield runner
    finally:
        runner.close()


def school_env(config: Path) -> dict[str, str]:
    """How a deployment tells the tasks where things are: the Variable and the connection."""
    return {
        "AIRFLOW_VAR_SCHOOLWATCH_CONFIG": str(config),
        "AIRFLOW_CONN_SCHOOLWATCH_X": json.dumps({"conn_type": "generic", "password": "TEST-BEARER"}),
    }


def x_response(path: str, fixture: str, status: int = 200, method: str = "GET") -> dict[str, Any]:
    return {"method": method, "url": f"{X_API}{path}", "file": str(FIXTURES / fixture), "status": status}
