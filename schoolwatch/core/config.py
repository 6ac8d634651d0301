"""`schoolwatch.toml`: the school, its accounts, searches, people, contacts, calendar.

Validated with pydantic; a bad file fails with :class:`ConfigError`, whose message names
the key and what is wrong. Secrets never live here: credentials come from environment
variables or Airflow connections (see ``.env.example``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    EmailStr,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from schoolwatch.core.categories import DEFAULT_SEVERITY, Category, Severity
from schoolwatch.core.ids import PLATFORMS

MAX_CHECK_INTERVAL = timedelta(days=7)  # policies: "at least weekly", holidays too
_DURATION = re.compile(r"^\s*(\d+)\s*(s|m|h|d|w)\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_ID = r"^[a-z0-9][a-z0-9_-]{0,62}$"


class ConfigError(ValueError):
    """The configuration file is missing, unreadable or invalid."""


def parse_duration(value: Any) -> timedelta:
    """'15m', '6h', '1d', '7d', '1w' or a number of seconds -> timedelta."""
    if isinstance(value, timedelta):
        return value
    if isinstance(value, bool):
        raise ValueError("expected a duration like '1d' or '15m'")
    if isinstance(value, int | float):
        return timedelta(seconds=value)
    if isinstance(value, str):
        m = _DURATION.match(value)
        if m:
            return timedelta(seconds=int(m.group(1)) * _UNITS[m.group(2)])
    raise ValueError(f"expected a duration like '1d', '6h' or '15m', got {value!r}")


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class School(_Model):
    id: str = Field(pattern=_ID)
    name: str = Field(min_length=2)
    aliases: list[str] = []
    timezone: str = "Europe/London"

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class Account(_Model):
    """An official account (`own`) or a watched source (`watch`), with its supervisors."""

    id: str = Field(pattern=_ID)
    school: str | None = None
    platform: Literal["x", "facebook", "instagram", "reddit", "youtube", "bluesky", "rss"]
    handle: str = Field(min_length=1)
    native_id: str | None = None
    kind: Literal["own", "watch"] = "own"
    principal: str = Field(min_length=2)
    reserve: str = Field(min_length=2)
    check_every: Duration = timedelta(days=1)
    holiday_check_every: Duration = timedelta(days=7)
    streams: list[str] = []  # platform-specific (e.g. ["mentions", "replies"]); empty = all

    @field_validator("check_every", "holiday_check_every")
    @classmethod
    def _at_most_weekly(cls, v: timedelta) -> timedelta:
        if v <= timedelta(0):
            raise ValueError("must be a positive duration")
        if v > MAX_CHECK_INTERVAL:
            raise ValueError("must be at most 7 days: the policies require checks at least weekly, holidays included")
        return v

    @model_validator(mode="after")
    def _reserve_differs(self) -> Account:
        if self.principal.strip().lower() == self.reserve.strip().lower():
            raise ValueError("principal and reserve supervisor must be different people")
        return self


class Search(_Model):
    """A public query on one platform (school name, aliases, staff names where opted in)."""

    id: str = Field(pattern=_ID)
    school: str | None = None
    platform: Literal["x", "reddit", "bluesky", "youtube", "rss"]
    query: str | None = None  # built from the school's names when absent
    subreddits: list[str] = []  # reddit only: local subreddits to search
    url: str | None = None  # rss only: the feed URL (Google Alerts, a forum, a news site)
    every: Duration = timedelta(hours=1)

    @model_validator(mode="after")
    def _platform_fields(self) -> Search:
        if self.platform == "rss" and not self.url:
            raise ValueError("an rss search needs url")
        if self.url and not re.match(r"^https?://", self.url):
            raise ValueError("url must start with http:// or https://")
        if self.platform == "reddit" and not self.subreddits:
            raise ValueError("a reddit search needs subreddits (local ones)")
        return self


class Person(_Model):
    name: str = Field(min_length=2)
    role: str = "staff"
    school: str | None = None
    aliases: list[str] = []
    is_head: bool = False


class Contact(_Model):
    name: str = Field(min_length=2)
    email: EmailStr


class Contacts(_Model):
    esafety_coordinator: Contact
    dsl: Contact
    head: Contact
    chair_of_governors: Contact
    it: Contact
    digest_recipients: list[EmailStr] = []


class Term(_Model):
    name: str
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Term:
        if self.end < self.start:
            raise ValueError(f"term {self.name!r} ends before it starts")
        return self


class Holiday(_Model):
    """A break inside a term range (half term, bank holiday)."""

    name: str
    start: date
    end: date


class Calendar(_Model):
    terms: list[Term] = []
    holidays: list[Holiday] = []

    def is_holiday(self, day: date) -> bool:
        """A day is a holiday when it is outside every term or inside a listed break."""
        if any(h.start <= day <= h.end for h in self.holidays):
            return True
        if not self.terms:
            return False
        return not any(t.start <= day <= t.end for t in self.terms)


class Retention(_Model):
    unflagged_text_days: int = Field(default=30, ge=1)
    flagged_days: int = Field(default=365, ge=1)
    closed_case_days: int = Field(default=365 * 6, ge=30)
    raw_payload_days: int = Field(default=30, ge=1)
    landing_days: int = Field(default=14, ge=1)
    pseudonymise_unflagged_authors: bool = True


class Smtp(_Model):
    host: str = "localhost"
    port: int = Field(default=1025, ge=1, le=65535)
    sender: EmailStr = "schoolwatch@example.org"
    starttls: bool = False
    # credentials come from SCHOOLWATCH_SMTP_USER / SCHOOLWATCH_SMTP_PASSWORD
    outbox_dir: str = "outbox"
    enabled: bool = True


class Classifier(_Model):
    review_threshold: Severity = Severity.LOW
    severity: dict[Category, Severity] = {}
    min_score: float = Field(default=0.5, ge=0.0, le=1.0)

    def severity_for(self, category: Category) -> Severity:
        return self.severity.get(category, DEFAULT_SEVERITY.get(category, Severity.LOW))


class Cases(_Model):
    takedown_within: Duration = timedelta(hours=24)
    open_at: Severity = Severity.HIGH  # flags at or above this open a case
    unknown_checks_before_escalation: int = Field(default=3, ge=1)


class Paths(_Model):
    data_dir: str = "data"
    db: str | None = None  # defaults to <data_dir>/schoolwatch.duckdb


class Schedule(_Model):
    ingest_every: Duration = timedelta(minutes=15)


class Config(_Model):
    schools: list[School] = Field(min_length=1)
    accounts: list[Account] = []
    searches: list[Search] = []
    people: list[Person] = []
    contacts: Contacts
    calendar: Calendar = Calendar()
    retention: Retention = Retention()
    smtp: Smtp = Smtp()
    classifier: Classifier = Classifier()
    cases: Cases = Cases()
    paths: Paths = Paths()
    schedule: Schedule = Schedule()

    @model_validator(mode="before")
    @classmethod
    def _single_school(cls, data: Any) -> Any:
        """`[school]` (one school) is shorthand for `[[schools]]` with one entry."""
        if isinstance(data, dict) and "school" in data:
            if "schools" in data:
                raise ValueError("use either [school] or [[schools]], not both")
            data = dict(data)
            data["schools"] = [data.pop("school")]
        return data

    @model_validator(mode="after")
    def _references(self) -> Config:
        school_ids = [s.id for s in self.schools]
        _unique("schools", school_ids)
        _unique("accounts", [a.id for a in self.accounts])
        _unique("searches", [s.id for s in self.searches])
        _unique("accounts/searches", [a.id for a in self.accounts] + [s.id for s in self.searches])
        owned: tuple[tuple[str, Sequence[Account | Search | Person]], ...] = (
            ("accounts", self.accounts), ("searches", self.searches), ("people", self.people)
        )
        for kind, items in owned:
            for i, item in enumerate(items):
                if item.school is not None and item.school not in school_ids:
                    raise ValueError(f"{kind}[{i}].school: unknown school {item.school!r} (known: {', '.join(school_ids)})")
                if item.school is None and len(school_ids) > 1:
                    raise ValueError(f"{kind}[{i}].school: required when more than one school is configured")
        return self

    # -- helpers -----------------------------------------------------------
    def school_of(self, item: Account | Search | Person) -> School:
        sid = item.school or self.schools[0].id
        return next(s for s in self.schools if s.id == sid)

    @property
    def data_dir(self) -> Path:
        return Path(self.paths.data_dir)

    @property
    def db_path(self) -> Path:
        return Path(self.paths.db) if self.paths.db else self.data_dir / "schoolwatch.duckdb"

    @property
    def head(self) -> Person | None:
        return next((p for p in self.people if p.is_head), None)

    def account(self, account_id: str) -> Account:
        for a in self.accounts:
            if a.id == account_id:
                return a
        raise KeyError(f"no account {account_id!r} in the configuration")


def _unique(what: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ValueError(f"{what}: duplicate id {i!r}")
        seen.add(i)


def _format_errors(err: ValidationError, source: str) -> str:
    lines = [f"{source}: invalid configuration"]
    for e in err.errors():
        loc = ".".join(str(p) for p in e["loc"]) or "(top level)"
        msg = e["msg"].removeprefix("Value error, ")
        lines.append(f"  {loc}: {msg}")
    return "\n".join(lines)


def parse_config(data: dict[str, Any], *, source: str = "<config>", base_dir: Path | None = None) -> Config:
    """Validate a parsed TOML document; relative paths are taken from base_dir."""
    try:
        cfg = Config.model_validate(data)
    except ValidationError as err:
        raise ConfigError(_format_errors(err, source)) from None
    if base_dir is not None:
        paths = cfg.paths
        data_dir = Path(paths.data_dir)
        if not data_dir.is_absolute():
            data_dir = base_dir / data_dir
        db = paths.db
        if db and not Path(db).is_absolute():
            db = str(base_dir / db)
        cfg = cfg.model_copy(update={"paths": Paths(data_dir=str(data_dir), db=db)})
    return cfg


def load_config(path: str | Path) -> Config:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{p}: configuration file not found (copy schoolwatch.example.toml)") from None
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read configuration: {exc.strerror}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML: {exc}") from None
    return parse_config(data, source=str(p), base_dir=p.resolve().parent)


__all__ = [
    "PLATFORMS",
    "Account",
    "Calendar",
    "Config",
    "ConfigError",
    "Contacts",
    "Person",
    "School",
    "Search",
    "load_config",
    "parse_config",
    "parse_duration",
]
