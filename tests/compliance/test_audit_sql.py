"""Every documented audit query runs; every audit view is installed and documented."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from schoolwatch.cli.main import app
from warehouse.audit_views import install_views, view_files

ROOT = Path(__file__).resolve().parents[2]
SECTION = "## Audit questions in SQL"
REQUIRED_VIEWS = {
    "weekly_compliance", "takedowns", "case_timeline", "case_views", "outside_referrals",
    "flags_by_category_week", "quarantined_rows", "monitoring_log",
}


def documented_queries(text: str) -> list[tuple[str, str]]:
    """(question, sql) for each ```sql block directly under a question heading in the section."""
    start = text.find(SECTION)
    if start < 0:
        return []
    body = text[start + len(SECTION):]
    nxt = re.search(r"^## ", body, re.M)
    body = body[: nxt.start()] if nxt else body
    found = re.findall(r"^###\s+(.+?)\s*\n\s*```sql\n(.*?)```", body, re.M | re.S)
    blocks = re.findall(r"```sql\n", body)
    assert len(found) == len(blocks), "every ```sql block must sit directly under its question heading"
    return [(q, sql) for q, sql in found]


def _sources() -> list[Path]:
    readme = ROOT / "README.md"
    assert SECTION in readme.read_text(encoding="utf-8"), f"README.md has no {SECTION!r} section"
    return [readme]


DOC_QUERIES = [(p.name, q, sql) for p in _sources() for q, sql in documented_queries(p.read_text(encoding="utf-8"))]


def test_at_least_eight_real_questions() -> None:
    questions = [q for name, q, _ in DOC_QUERIES if name == "README.md"]
    assert len(questions) >= 8
    assert all(q.endswith("?") for q in questions)
    assert len(set(questions)) == len(questions)


@pytest.mark.parametrize(("source", "question", "sql"), DOC_QUERIES, ids=[f"{n}:{q[:50]}" for n, q, _ in DOC_QUERIES])
def test_documented_query_runs_read_only_via_cli(demo_dir: Path, source: str, question: str, sql: str) -> None:
    result = CliRunner().invoke(app, ["sql", sql, "--db", str(demo_dir / "schoolwatch.duckdb"), "--json"])
    assert result.exit_code == 0, f"{question}\n{result.output}"
    assert result.output.lstrip().startswith("[")


def test_documented_queries_return_rows_on_the_demo(demo_dir: Path) -> None:
    """Not just valid SQL: the questions about the demo's week have answers."""
    with duckdb.connect(str(demo_dir / "schoolwatch.duckdb"), read_only=True) as con:
        con.execute("SET TimeZone = 'UTC'")
        answered = {q for _, q, sql in DOC_QUERIES if con.execute(sql).fetchall()}
    for must in ("For each official account", "What happened in case 1", "What kinds of harmful content",
                 "What did the quality checks refuse", "Does every row of the monitoring log"):
        assert any(q.startswith(must) for q in answered), must


def test_every_required_view_is_a_documented_file() -> None:
    files = view_files()
    names = {n.removesuffix(".sql") for n in files}
    assert REQUIRED_VIEWS <= names
    for name, sql in files.items():
        assert sql.lstrip().startswith(f"-- {name.removesuffix('.sql')}:"), f"{name} needs a header comment naming it"


def test_views_reinstall_only_when_changed(tmp_path: Path) -> None:
    from warehouse.db import connect  # noqa: PLC0415

    with connect(tmp_path / "w.duckdb") as con:
        assert install_views(con) == []  # installed on open, nothing changed since
        con.execute("UPDATE audit_views SET sha256 = 'old' WHERE name = 'takedowns.sql'")
        assert install_views(con) == ["takedowns.sql"]
        tables = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert REQUIRED_VIEWS <= tables
