"""Scoring a classifier against labelled text: flag-vs-none, per category, confusion."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from schoolwatch.core.categories import FLAG_CATEGORIES

NONE = "none"


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def flag_metrics(gold: Sequence[str], flagged: Sequence[bool]) -> dict[str, float]:
    """Precision, recall, F1 of "flagged" against gold label != none; FPR on the nones."""
    tp = fp = fn = tn = 0
    for g, f in zip(gold, flagged, strict=True):
        pos = g != NONE
        if pos and f:
            tp += 1
        elif pos:
            fn += 1
        elif f:
            fp += 1
        else:
            tn += 1
    p, r, f1 = _prf(tp, fp, fn)
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f1, 4),
        "false_positive_rate": round(fp / (fp + tn), 4) if fp + tn else 0.0,
    }


def per_category(gold: Sequence[str], primary: Sequence[str]) -> dict[str, dict[str, float | int]]:
    """Per-category precision/recall/F1 of the primary (first) flag against the gold label."""
    out: dict[str, dict[str, float | int]] = {}
    cats = [c.value for c in FLAG_CATEGORIES]
    for c in cats:
        tp = sum(1 for g, p in zip(gold, primary, strict=True) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, primary, strict=True) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, primary, strict=True) if g == c and p != c)
        support = tp + fn
        if support == 0 and fp == 0:
            continue
        p, r, f = _prf(tp, fp, fn)
        out[c] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": support}
    return out


def confusion(gold: Sequence[str], primary: Sequence[str]) -> dict[str, dict[str, int]]:
    """gold label -> predicted primary category -> count."""
    table: dict[str, Counter[str]] = {}
    for g, p in zip(gold, primary, strict=True):
        table.setdefault(g, Counter())[p] += 1
    return {g: dict(c) for g, c in sorted(table.items())}


def report(
    gold: Sequence[str],
    primary: Sequence[str],
    baseline_flagged: Sequence[bool] | None,
    texts_per_second: float,
    baseline_texts_per_second: float | None,
) -> dict[str, Any]:
    """The ``schoolwatch eval --json`` object."""
    out: dict[str, Any] = {
        "n": len(gold),
        "flag": flag_metrics(gold, [p != NONE for p in primary]),
        "per_category": per_category(gold, primary),
        "baseline": {"flag": flag_metrics(gold, baseline_flagged)} if baseline_flagged is not None else None,
        "texts_per_second": round(texts_per_second, 1),
        "baseline_texts_per_second": round(baseline_texts_per_second, 1) if baseline_texts_per_second else None,
    }
    return out
