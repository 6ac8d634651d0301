"""The generic top-level package names must resolve to this repository, not to anything installed."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["schoolwatch", "connectors", "transforms", "warehouse", "alerts", "review"]


@pytest.mark.parametrize("name", PACKAGES)
def test_package_resolves_to_this_repository(name: str) -> None:
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None, f"{name} is not importable"
    assert Path(spec.origin).resolve().is_relative_to(ROOT), f"{name} resolves to {spec.origin}, not to {ROOT}"


@pytest.mark.parametrize("name", PACKAGES)
def test_no_other_distribution_ships_the_name(name: str) -> None:
    from importlib.metadata import packages_distributions

    owners = set(packages_distributions().get(name, [])) - {"schoolwatch"}
    assert not owners, f"installed distributions also provide top-level {name!r}: {owners}"


def test_dags_folder_is_not_a_package_anyone_else_provides() -> None:
    from importlib.metadata import packages_distributions

    assert set(packages_distributions().get("dags", [])) <= {"schoolwatch"}
