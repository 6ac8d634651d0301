"""What the classifier returns and what it needs to know about a school."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from schoolwatch.core.categories import DEFAULT_SEVERITY, Category, Severity

if TYPE_CHECKING:
    from schoolwatch.core.config import Config


@dataclass(frozen=True)
class Span:
    """Evidence: ``text == original[start:end]`` of the post's original text."""

    start: int
    end: int
    text: str
    rule: str

    def as_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "text": self.text, "rule": self.rule}


@dataclass(frozen=True)
class Flag:
    category: Category  # never Category.NONE
    severity: Severity
    score: float  # calibrated 0..1
    spans: tuple[Span, ...]
    source: str  # "rules" | "model" | "rules+model"
    reasons: tuple[str, ...]  # which rule or model fired, and why


@dataclass(frozen=True)
class PersonRef:
    name: str
    aliases: tuple[str, ...] = ()
    role: str = "staff"  # staff | pupil | governor | ...
    is_head: bool = False


@dataclass(frozen=True)
class ClassifyContext:
    """The school's names and roster (defamation and personal-data rules) and severities."""

    school_names: tuple[str, ...] = ()
    people: tuple[PersonRef, ...] = ()
    severity: Mapping[Category, Severity] = field(default_factory=lambda: MappingProxyType({}))

    def severity_for(self, category: Category) -> Severity:
        return self.severity.get(category, DEFAULT_SEVERITY.get(category, Severity.LOW))

    @classmethod
    def from_config(cls, cfg: Config, school_id: str | None = None) -> ClassifyContext:
        """The context for one school (or every school in the file when ``school_id`` is None).

        People whose ``school`` is unset are trust-wide and belong to every school.
        """
        schools = [s for s in cfg.schools if school_id is None or s.id == school_id]
        if school_id is not None and not schools:
            known = ", ".join(s.id for s in cfg.schools)
            raise KeyError(f"no school {school_id!r} in the configuration (known: {known})")
        people = tuple(
            PersonRef(name=p.name, aliases=tuple(p.aliases), role=p.role, is_head=p.is_head)
            for p in cfg.people
            if school_id is None or p.school in (None, school_id)
        )
        return cls(
            school_names=tuple(n for s in schools for n in s.names),
            people=people,
            severity=MappingProxyType(dict(cfg.classifier.severity)),
        )
