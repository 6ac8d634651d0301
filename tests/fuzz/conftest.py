"""Hypothesis profiles for the fuzz tests: a quick one for CI, a deep one on demand.

SCHOOLWATCH_FUZZ=deep python -m pytest tests/fuzz   (many more examples; minutes)
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.register_profile(
    "deep", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.register_profile(
    "hunt", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile(os.environ.get("SCHOOLWATCH_FUZZ", "ci"))
