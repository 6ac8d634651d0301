"""The classifier others call: ``Classifier(context).classify_many(texts)``."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from transforms.classify.combine import combine
from transforms.classify.model import TextModel, load
from transforms.classify.normalise import model_text, normalise
from transforms.classify.rules import RULES_VERSION, RuleSet, build_names
from transforms.classify.types import ClassifyContext, Flag

log = logging.getLogger(__name__)

MAX_CHARS = 200_000  # longer text is classified on its first MAX_CHARS characters (posts cap at 100k)


def _as_text(value: object) -> str:
    if isinstance(value, str):
        return value[:MAX_CHARS]
    if value is None:
        return ""
    return str(value)[:MAX_CHARS]


class Classifier:
    """Rules + model over text; never raises on any string.

    ``version`` names the rules and the model together; it changes whenever either does,
    and is stored with every flag (``flags.classifier_version``).
    """

    def __init__(self, context: ClassifyContext | None = None, *, model: TextModel | None = None, model_path: Path | None = None) -> None:
        self.context = context or ClassifyContext()
        people = [(p.name, p.aliases, p.role, p.is_head) for p in self.context.people]
        self.rules = RuleSet(build_names(self.context.school_names, people))
        self.model = model if model is not None else load(model_path)
        self.version = f"{RULES_VERSION}+{self.model.version}"

    def classify(self, text: str) -> list[Flag]:
        """Flags for one text, most severe first; [] means nothing to act on."""
        return self.classify_many([text])[0]

    def classify_many(self, texts: Sequence[str]) -> list[list[Flag]]:
        """Flags for many texts: the model scores them in one batch."""
        norms = [normalise(_as_text(t)) for t in texts]
        if not norms:
            return []
        probs = self.model.class_probs([model_text(n) for n in norms])
        scores = self.model.flag_scores(probs)
        out: list[list[Flag]] = []
        find = self.rules.find
        for i, n in enumerate(norms):
            out.append(combine(n, find(n), self.model, probs[i].tolist(), float(scores[i]), self.context))
        return out
