"""DESIGN.md's import directions, enforced: imports only point down.

faces (dags/, schoolwatch.cli, schoolwatch.pipeline, schoolwatch.demo, review/)
  -> alerts/ -> warehouse/, connectors/ -> transforms/ -> schoolwatch.core
Connectors never import the warehouse or transforms; transforms import nothing of ours but
schoolwatch.core; the warehouse never imports alerts, connectors or faces; nothing imports
dags/; library code never reads os.environ.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = ("schoolwatch", "connectors", "transforms", "warehouse", "alerts", "review", "dags")
FACES = ("schoolwatch.cli", "schoolwatch.pipeline", "schoolwatch.demo", "schoolwatch.airflow_support", "schoolwatch.__main__", "review", "dags")

# layer -> the layers of ours it may import
ALLOWED = {
    "schoolwatch.core": {"schoolwatch.core"},
    "transforms": {"transforms", "schoolwatch.core"},
    "connectors": {"connectors", "schoolwatch.core"},
    "warehouse": {"warehouse", "transforms", "schoolwatch.core"},
    "alerts": {"alerts", "warehouse", "connectors", "transforms", "schoolwatch.core"},
    "schoolwatch.sample": {"schoolwatch.sample", "schoolwatch.core"},
}


def layer(module: str) -> str | None:
    for face in FACES:
        if module == face or module.startswith(face + "."):
            return "face"
    for name in ALLOWED:
        if module == name or module.startswith(name + "."):
            return name
    if module == "schoolwatch":
        return "schoolwatch.core"  # the package __init__ holds only the version
    return None


def modules() -> list[tuple[str, Path]]:
    found = []
    for top in OURS:
        base = ROOT / top
        if not base.exists():
            continue
        for path in base.rglob("*.py"):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found.append((".".join(parts), path))
    return found


def imports_of(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: len(module.split(".")) - node.level + (1 if path.name == "__init__.py" else 0)]
                names.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                names.add(node.module)
    return {n for n in names if n.split(".")[0] in OURS}


@pytest.mark.parametrize(("module", "path"), modules(), ids=lambda v: str(v) if isinstance(v, str) else "")
def test_imports_point_down(module: str, path: Path) -> None:
    mine = layer(module)
    if mine is None or mine == "face":
        bad = [n for n in imports_of(path, module) if n.split(".")[0] == "dags" and not module.startswith("dags")]
        assert not bad, f"{module} imports dags/: {bad}"
        return
    allowed = ALLOWED[mine]
    bad = sorted(n for n in imports_of(path, module) if layer(n) not in allowed)
    assert not bad, f"{module} ({mine}) may import only {sorted(allowed)}, but imports {bad}"


LIBRARY = ("schoolwatch/core", "transforms", "connectors", "warehouse", "alerts")


def environment_reads(path: Path) -> list[int]:
    """Line numbers where code (not a docstring) touches os.environ or calls os.getenv."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv"}:
            if isinstance(node.value, ast.Name) and node.value.id == "os":
                lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            if any(a.name in {"environ", "getenv"} for a in node.names):
                lines.append(node.lineno)
    return lines


@pytest.mark.parametrize("top", LIBRARY)
def test_library_code_never_reads_the_environment(top: str) -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in (ROOT / top).rglob("*.py")
        for line in environment_reads(path)
    ]
    # GX reads its analytics switch from the environment; we set it before importing GX.
    offenders = [o for o in offenders if not o.startswith("transforms/validate.py:")]
    assert not offenders, "library code must take secrets and settings as arguments: " + "; ".join(offenders)
