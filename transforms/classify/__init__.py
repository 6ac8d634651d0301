"""The content classifier: evasion-proof rules plus a small trained model.

    from transforms.classify import Classifier, ClassifyContext
    flags = Classifier(ClassifyContext.from_config(cfg, "oakfield")).classify_many(texts)

Each :class:`Flag` has a category, a severity, a calibrated score, evidence spans into the
original text and the reasons it fired. Modules: ``normalise`` (evasion), ``lexicon`` and
``rules/`` (one module per category), ``model`` (the shipped artifact), ``combine``,
``api``; ``train`` and ``evaluate`` serve the CLI.
"""

from __future__ import annotations

from transforms.classify.api import Classifier
from transforms.classify.types import ClassifyContext, Flag, PersonRef, Span

__all__ = ["Classifier", "ClassifyContext", "Flag", "PersonRef", "Span"]
