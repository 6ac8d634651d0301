"""Categories, severities and routing, exactly as DESIGN.md's "Categories and routing"."""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    THREAT = "threat"
    SELF_HARM = "self_harm"
    SEXUAL = "sexual"
    GROOMING = "grooming"
    EXTREMISM = "extremism"
    HATE = "hate"
    ABUSE = "abuse"
    DEFAMATION = "defamation"
    PERSONAL_DATA = "personal_data"
    COMPLAINT = "complaint"
    NONE = "none"


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    LOW = "low"

    @property
    def rank(self) -> int:
        """Higher is more urgent; used for ordering queues and thresholds."""
        return {"critical": 3, "high": 2, "low": 1}[self.value]


DEFAULT_SEVERITY: dict[Category, Severity] = {
    Category.THREAT: Severity.CRITICAL,
    Category.SELF_HARM: Severity.CRITICAL,
    # critical when pupils are involved (the classifier raises it), else high
    Category.SEXUAL: Severity.HIGH,
    Category.GROOMING: Severity.CRITICAL,
    Category.EXTREMISM: Severity.CRITICAL,
    Category.HATE: Severity.HIGH,
    Category.ABUSE: Severity.HIGH,
    Category.DEFAMATION: Severity.HIGH,
    Category.PERSONAL_DATA: Severity.HIGH,
    Category.COMPLAINT: Severity.LOW,
}

# Content of these cases is shown only to the DSL (issue 9, DESIGN "Users").
SAFEGUARDING: frozenset[Category] = frozenset(
    {Category.SELF_HARM, Category.GROOMING, Category.SEXUAL, Category.EXTREMISM}
)

# Categories whose posts must come down within the takedown window (policy 004 §9.3).
TAKEDOWN: frozenset[Category] = frozenset(
    {
        Category.THREAT,
        Category.SELF_HARM,
        Category.SEXUAL,
        Category.GROOMING,
        Category.EXTREMISM,
        Category.HATE,
        Category.ABUSE,
        Category.DEFAMATION,
        Category.PERSONAL_DATA,
    }
)

# Who hears first (DESIGN "first route"); contact keys of the config's [contacts].
FIRST_ROUTE: dict[Category, tuple[str, ...]] = {
    Category.THREAT: ("dsl", "head"),
    Category.SELF_HARM: ("dsl",),
    Category.SEXUAL: ("dsl",),
    Category.GROOMING: ("dsl",),
    Category.EXTREMISM: ("dsl",),
    Category.HATE: ("esafety_coordinator",),
    Category.ABUSE: ("esafety_coordinator",),
    Category.DEFAMATION: ("head",),
    Category.PERSONAL_DATA: ("esafety_coordinator",),
    Category.COMPLAINT: (),
}

FLAG_CATEGORIES: tuple[Category, ...] = tuple(c for c in Category if c is not Category.NONE)
