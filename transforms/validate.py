"""Quality gates on each normalised batch, with great-expectations (GX Core 1.x).

The suite: ids present and unique, platform known, timestamps sane, text length bounded,
url well formed. Rows that fail go to quarantine with the expectation that failed; the
rest load. GX is imported lazily (it takes seconds) and kept quiet.
"""

from __future__ import annotations

import logging
import os
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

import pandas as pd

from schoolwatch.core.ids import PLATFORMS

TEXT_MAX_CHARS = 100_000
URL_REGEX = r"^https?://[^\s<>\"']+$"
EARLIEST = datetime(2004, 1, 1, tzinfo=UTC)  # no platform we watch predates this
SUITE_NAME = "posts_batch"


@dataclass
class ExpectationOutcome:
    expectation: str
    column: str | None
    success: bool
    element_count: int
    unexpected_count: int
    unexpected_index: list[Any] = field(default_factory=list)


@dataclass
class ValidationReport:
    outcomes: list[ExpectationOutcome]
    failed_rows: dict[Any, list[str]]  # DataFrame index -> failed expectation names

    @property
    def success(self) -> bool:
        return all(o.success for o in self.outcomes)


def _quiet() -> None:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")  # no analytics calls from tests or CI
    names = [n for n in logging.root.manager.loggerDict if n.startswith("great_expectations")]
    for name in ("great_expectations", *names):
        logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module="great_expectations")


@lru_cache(maxsize=1)
def _gx() -> tuple[Any, Any, Any]:
    """Build the ephemeral context, the dataframe batch definition and the suite once."""
    _quiet()
    import great_expectations as gx  # noqa: PLC0415 - slow import, only when validating

    _quiet()
    logging.getLogger("great_expectations.data_context.types.base").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    # No "Calculating Metrics" progress bars in logs (quirks.md).
    context.variables.progress_bars = gx.data_context.types.base.ProgressBarsConfig(globally=False)  # type: ignore[attr-defined]
    source = context.data_sources.add_pandas("schoolwatch")
    asset = source.add_dataframe_asset(name="posts")
    batch_def = asset.add_batch_definition_whole_dataframe("batch")
    _quiet()
    ex = gx.expectations
    suite = gx.ExpectationSuite(name=SUITE_NAME)
    # Timestamps are checked as seconds relative to "now" so the suite never changes:
    # created_age_s must lie between -1 day (a little clock skew) and the age of EARLIEST.
    for e in (
        ex.ExpectColumnValuesToNotBeNull(column="post_id"),
        ex.ExpectColumnValuesToBeUnique(column="batch_key"),
        ex.ExpectColumnValuesToBeInSet(column="platform", value_set=list(PLATFORMS)),
        ex.ExpectColumnValuesToBeBetween(column="created_age_s", min_value=-86400.0, max_value=None),
        ex.ExpectColumnValuesToBeBetween(column="created_epoch", min_value=EARLIEST.timestamp(), max_value=None),
        ex.ExpectColumnValuesToBeBetween(column="text_len", min_value=0, max_value=TEXT_MAX_CHARS),
        ex.ExpectColumnValuesToMatchRegex(column="url", regex=URL_REGEX),
    ):
        suite.add_expectation(e)
    suite = context.suites.add(suite)
    # GX fingerprints every in-memory batch below HASH_THRESHOLD bytes (an MD5 over pandas'
    # hash of every value) for batch markers that only a stored batch would use: measured
    # at half the suite's time on 100,000 rows. Ours are never stored, so no fingerprint.
    from great_expectations.execution_engine import pandas_execution_engine  # noqa: PLC0415 - GX imports slowly

    pandas_execution_engine.HASH_THRESHOLD = 0
    return context, batch_def, suite


VIEW_COLUMNS = ("post_id", "batch_key", "platform", "url", "created_epoch", "created_age_s", "text_len")


def check_view(frame: pd.DataFrame, *, now: datetime, unique_within: str | None = None) -> pd.DataFrame:
    """The columns the suite checks (VIEW_COLUMNS), derived from a frame of posts rows.

    ``unique_within`` names a column (e.g. the landing file) inside which post ids must be
    unique; a batch combining several files may hold the same post once per file. The
    loader builds the same view in SQL (warehouse/loader.py), with an integer batch key.
    """
    key = frame["post_id"].astype("string")
    if unique_within is not None:
        key = key + "\x1f" + frame[unique_within].astype("string")
    view = pd.DataFrame(
        {
            "post_id": frame["post_id"],
            "batch_key": key,
            "platform": frame["platform"],
            "url": frame["url"],
        },
        index=frame.index,
    )
    created = pd.to_datetime(frame["created_at"], utc=True, errors="coerce")
    epoch = (created - pd.Timestamp("1970-01-01", tz="UTC")) / pd.Timedelta(seconds=1)
    view["created_epoch"] = epoch
    view["created_age_s"] = now.timestamp() - epoch
    view["text_len"] = frame["text"].str.len().fillna(0).astype("int64")
    return view


def validate_posts(frame: pd.DataFrame, *, now: datetime, unique_within: str | None = None) -> ValidationReport:
    """Run the suite on a normalised batch; return per-expectation outcomes and failing rows."""
    if frame.empty:
        return ValidationReport([], {})
    return validate_view(check_view(frame, now=now, unique_within=unique_within))


def validate_view(view: pd.DataFrame) -> ValidationReport:
    """Run the suite on the checked columns (VIEW_COLUMNS; see :func:`check_view`);
    ``failed_rows`` is keyed by the view's index."""
    if view.empty:
        return ValidationReport([], {})
    _, batch_def, suite = _gx()
    # The validator straight from the batch definition: Batch.validate() would build the
    # same DataFrame batch a second time.
    from great_expectations.validator.v1_validator import Validator  # noqa: PLC0415 - GX imports slowly

    validator = Validator(batch_definition=batch_def, batch_parameters={"dataframe": view},
                          result_format={"result_format": "COMPLETE"})
    with _configurations_built_once():
        result = validator.validate_expectation_suite(suite)
    outcomes: list[ExpectationOutcome] = []
    failed: dict[Any, list[str]] = {}
    for r in result.results:
        cfg = r.expectation_config
        assert cfg is not None  # a suite's results always carry the expectation they ran
        name = cfg.type
        column = cfg.kwargs.get("column")
        res = r.result or {}
        idx = list(res.get("unexpected_index_list") or [])
        label = f"{name}({column})" if column else name
        outcomes.append(
            ExpectationOutcome(
                expectation=name,
                column=column,
                success=bool(r.success),
                element_count=int(res.get("element_count") or len(view)),
                unexpected_count=int(res.get("unexpected_count") or len(idx)),
                unexpected_index=idx,
            )
        )
        if not r.success and not idx and r.exception_info and r.exception_info.get("raised_exception"):
            # The expectation itself errored: fail the whole batch rather than pass it silently.
            idx = list(view.index)
        for i in idx:
            failed.setdefault(i, []).append(label)
    return ValidationReport(outcomes, failed)


_PATCH_LOCK = threading.Lock()


@contextmanager
def _configurations_built_once() -> Iterator[None]:
    """For one validation, build each expectation's ``configuration`` once.

    GX's ``Expectation.configuration`` is a property that serialises the whole pydantic
    model (``self.dict()``) on every read, and one validation of our 7-expectation suite
    reads it ~980 times (once per keyword while it builds the metric graph): a third of
    GX's fixed cost per batch, which the loader pays once per group (measured 0.09 -> 0.06
    s CPU per validation). Nothing in a validation assigns to an expectation, so the value
    cannot change while it runs; the memo lives only for this call and holds the
    expectations it keys on (an id is never reused while it is in the memo). The lock keeps
    two validations in threads from swapping the property under each other.
    """
    from great_expectations.expectations.expectation import Expectation  # noqa: PLC0415 - GX imports slowly

    with _PATCH_LOCK:
        plain = Expectation.__dict__["configuration"]
        memo: dict[int, tuple[Any, Any]] = {}

        def configuration(self: Any) -> Any:
            hit = memo.get(id(self))
            if hit is None or hit[0] is not self:
                hit = memo[id(self)] = (self, plain.fget(self))
            return hit[1]

        Expectation.configuration = property(configuration)  # type: ignore[assignment,method-assign]
        try:
            yield
        finally:
            Expectation.configuration = plain  # type: ignore[method-assign]


def future_limit(now: datetime) -> datetime:
    return now + timedelta(days=1)
