"""Rules and model into flags: one flag per category, most severe first.

- Rule hits of one category merge into one flag (highest score, all spans, all reasons).
- The model adds a flag when its calibrated score reaches its threshold, for the class it
  finds most likely; where a rule already flagged that category the flag becomes
  ``rules+model`` and the scores combine as independent evidence.
- A text that reads as teaching or awareness ("history lesson", "awareness talk") needs a
  much higher model score, since the model has learned words, not purpose.
- A complaint is criticism *without* abuse: it is dropped when abuse, hate, a threat or
  defamation is flagged in the same text.
- Severity is the school's override, else the default; sexual content involving pupils is
  always critical.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from schoolwatch.core.categories import Category, Severity
from transforms.classify.model import TextModel
from transforms.classify.normalise import Normalised
from transforms.classify.rules import Hit
from transforms.classify.types import ClassifyContext, Flag, Span

EDUCATIONAL = re.compile(
    r"\b(?:history|lesson|assembly|awareness|workshop|curriculum|museum|memorial|remembrance|holocaust|"
    r"anti-bullying|anti bullying|prevention|safeguarding|e-?safety|online safety|pshe|rse|charity|"
    r"fundraiser|talk for parents|parents'? (?:talk|session|evening)|support group|helpline|police talk|"
    r"talk (?:for|to|from|on|about)|(?:a|the) talk|crime awareness)\b"
)
EDUCATIONAL_THRESHOLD = 0.9
MODEL_CATEGORIES = {"abuse": Category.ABUSE, "hate": Category.HATE, "threat": Category.THREAT, "self_harm": Category.SELF_HARM}
COMPLAINT_SUPPRESSED_BY = frozenset({Category.ABUSE, Category.HATE, Category.THREAT, Category.DEFAMATION})


def _span(original: str, start: int, end: int, rule: str) -> Span:
    return Span(start, end, original[start:end], rule)


def combine(
    n: Normalised,
    hits: Sequence[Hit],
    model: TextModel | None,
    probs: Sequence[float] | None,
    flag_score: float | None,
    context: ClassifyContext,
) -> list[Flag]:
    original = n.original
    by_cat: dict[Category, dict[str, object]] = {}
    for h in hits:
        entry = by_cat.setdefault(h.category, {"score": 0.0, "spans": {}, "reasons": [], "pupils": False, "source": "rules"})
        entry["score"] = max(float(entry["score"]), h.score)  # type: ignore[arg-type]
        spans: dict[tuple[int, int], Span] = entry["spans"]  # type: ignore[assignment]
        for a, b in h.spans:
            spans.setdefault((a, b), _span(original, a, b, h.rule))
        reasons: list[str] = entry["reasons"]  # type: ignore[assignment]
        reason = f"{h.rule}: {h.reason}"
        if reason not in reasons:
            reasons.append(reason)
        entry["pupils"] = bool(entry["pupils"]) or h.pupils

    if model is not None and probs is not None and flag_score is not None:
        fires = flag_score >= model.threshold
        # checked only when the model would fire alone: the regex costs more than the test
        if fires and not hits and flag_score < EDUCATIONAL_THRESHOLD and EDUCATIONAL.search(n.deep.text):
            fires = False
        if fires:
            best = max(
                (c for c in model.classes if c in MODEL_CATEGORIES),
                key=lambda c: probs[model.classes.index(c)],
            )
            cat = MODEL_CATEGORIES[best]
            reason = f"model {model.version}: flag score {flag_score:.2f}, most likely {best} (p={probs[model.classes.index(best)]:.2f})"
            entry = by_cat.get(cat)
            if entry is None:
                spans = {}
                for a, b, _ in model.evidence(n.deep.text, best):
                    oa, ob = n.deep.original(a, b)
                    spans[(oa, ob)] = _span(original, oa, ob, f"model.{best}")
                by_cat[cat] = {"score": flag_score, "spans": spans, "reasons": [reason], "pupils": False, "source": "model"}
            else:
                rule_score = float(entry["score"])  # type: ignore[arg-type]
                entry["score"] = 1.0 - (1.0 - rule_score) * (1.0 - flag_score)
                entry["source"] = "rules+model"
                entry["reasons"].append(reason)  # type: ignore[union-attr]

    if Category.COMPLAINT in by_cat and COMPLAINT_SUPPRESSED_BY.intersection(by_cat):
        del by_cat[Category.COMPLAINT]

    flags: list[Flag] = []
    for cat, e in by_cat.items():
        severity = context.severity_for(cat)
        if cat is Category.SEXUAL and e["pupils"]:
            severity = Severity.CRITICAL
        spans_d: dict[tuple[int, int], Span] = e["spans"]  # type: ignore[assignment]
        flags.append(
            Flag(
                category=cat,
                severity=severity,
                score=round(min(max(float(e["score"]), 0.0), 1.0), 4),  # type: ignore[arg-type]
                spans=tuple(sorted(spans_d.values(), key=lambda s: (s.start, s.end))),
                source=str(e["source"]),
                reasons=tuple(e["reasons"]),  # type: ignore[arg-type]
            )
        )
    # most severe first; among equals a rule's specific finding before the model's general one
    flags.sort(key=lambda f: (-f.severity.rank, f.source == "model", -f.score, f.category.value))
    return flags
