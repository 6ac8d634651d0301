"""Classifier contract (first, rule-only version; replaced by rules + trained model).

``Classifier(context).classify(text) -> list[Flag]`` (most severe first; [] means none)
and ``classify_many(texts)``. Every flag carries spans into the original text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from schoolwatch.core.categories import DEFAULT_SEVERITY, Category, Severity


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    rule: str


@dataclass(frozen=True)
class Flag:
    category: Category
    severity: Severity
    score: float
    spans: tuple[Span, ...]
    source: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonRef:
    name: str
    aliases: tuple[str, ...] = ()
    role: str = "staff"
    is_head: bool = False


@dataclass(frozen=True)
class ClassifyContext:
    school_names: tuple[str, ...] = ()
    people: tuple[PersonRef, ...] = ()
    severity: Mapping[Category, Severity] = field(default_factory=dict)

    @classmethod
    def from_config(cls, cfg: object, school_id: str | None = None) -> ClassifyContext:
        schools = [s for s in cfg.schools if school_id is None or s.id == school_id]  # type: ignore[attr-defined]
        names = tuple(n for s in schools for n in s.names)
        people = tuple(
            PersonRef(p.name, tuple(p.aliases), p.role, p.is_head)
            for p in cfg.people  # type: ignore[attr-defined]
            if school_id is None or p.school in (None, school_id)
        )
        return cls(names, people, dict(cfg.classifier.severity))  # type: ignore[attr-defined]


_RULES: tuple[tuple[Category, str, re.Pattern[str]], ...] = (
    (Category.THREAT, "threat.intent", re.compile(r"\b(i'?ll|i will|gonna|going to)\s+(kill|stab|shoot|hurt|bomb)\b|\bbring (a|my) (gun|knife)\b", re.I)),
    (Category.SELF_HARM, "self_harm.kys", re.compile(r"\b(kys|kill (your|my)self|want to die|end it all)\b", re.I)),
    (Category.GROOMING, "grooming.secrecy", re.compile(r"\b(our (little )?secret|don'?t tell (your|ur) (mum|mom|dad|parents))\b", re.I)),
    (Category.HATE, "hate.slur", re.compile(r"\b(go back to your (own )?country)\b", re.I)),
    (Category.ABUSE, "abuse.insult", re.compile(r"\b(idiot|stupid|useless|pathetic|f\*+k|fuck\w*|twat|moron)\b", re.I)),
    (Category.PERSONAL_DATA, "personal_data.phone", re.compile(r"\b0?7\d{3}\s?\d{6}\b")),
    (Category.COMPLAINT, "complaint.criticism", re.compile(r"\b(disgrace|appalling|complain\w*|shocking)\b", re.I)),
)


class Classifier:
    version = "rules-0"

    def __init__(self, context: ClassifyContext | None = None) -> None:
        self.context = context or ClassifyContext()

    def classify(self, text: str) -> list[Flag]:
        if not isinstance(text, str) or not text:
            return []
        flags: list[Flag] = []
        for category, rule, pattern in _RULES:
            spans = tuple(Span(m.start(), m.end(), m.group(0), rule) for m in pattern.finditer(text))
            if spans:
                sev = self.context.severity.get(category, DEFAULT_SEVERITY[category])
                flags.append(Flag(category, sev, 0.9, spans, "rules", (f"rule {rule} matched",)))
        return sorted(flags, key=lambda f: -f.severity.rank)

    def classify_many(self, texts: Sequence[str]) -> list[list[Flag]]:
        return [self.classify(t) for t in texts]


__all__ = ["Classifier", "ClassifyContext", "Flag", "PersonRef", "Span"]
