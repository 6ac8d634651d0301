"""A real (non-editable) install ships every template, SQL file, sample page and model file."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("schoolwatch/", "connectors/", "transforms/", "warehouse/", "alerts/", "review/")


@pytest.mark.slow
def test_wheel_contains_every_tracked_package_file(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = tmp_path.glob("schoolwatch-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    missing = [f for f in tracked if f.startswith(PACKAGES) and f not in names and not f.endswith(".keep")]
    assert not missing, f"not in the wheel (add their suffix to [tool.setuptools.package-data]): {missing}"
    assert not [n for n in names if n.startswith(("tests/", "dags/", "bench/"))]
