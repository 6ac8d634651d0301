"""The classifier others call: ``Classifier(context).classify_many(texts)``."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from transforms.classify.combine import SchoolDecision, combine
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
        """Flags for many texts: the model scores them in one batch.

        A text that occurs more than once in the batch (reposts, retweets, a reclassify of
        copies) is classified once; every occurrence gets its own list of the same flags.
        """
        if not texts:
            return []
        index: dict[str, int] = {}
        unique: list[str] = []
        slots: list[int] = []
        for t in texts:
            s = _as_text(t)
            i = index.get(s)
            if i is None:
                i = index[s] = len(unique)
                unique.append(s)
            slots.append(i)
        with _older_objects_set_aside():
            flags = self._classify_unique(unique)
        return [list(flags[i]) for i in slots]

    def _classify_unique(self, texts: list[str]) -> list[list[Flag]]:
        norms = [normalise(t) for t in texts]
        model = self.model
        model_texts = [model_text(n) for n in norms]
        sc = model.score(model_texts)
        model.read_by_sentence(sc, model_texts)
        # the model can only add a flag where its flag score reaches the threshold (and the
        # school head does not veto it) or the school head names a critical category:
        # elsewhere a text without rule hits has no flags, and combine need not run
        may_fire = ((sc.flag >= model.threshold) & ~sc.veto) | (sc.school_class >= 0)
        out: list[list[Flag]] = []
        find = self.rules.find
        context = self.context
        for i, n in enumerate(norms):
            hits = find(n)
            if not hits and not may_fire[i]:
                out.append([])
                continue
            out.append(combine(n, hits, model, sc.probs[i].tolist(), float(sc.flag[i]), context, school_decision(model, sc, i)))
        return out


@contextmanager
def _older_objects_set_aside() -> Iterator[None]:
    """Keep the cyclic garbage collector off the objects that existed before the batch.

    Classifying allocates many small objects (matches, spans, hits, flags), so Python's
    collector runs often, and each full collection walks every object of the process
    (the model, scikit-learn, pandas: 130k of them), about 0.1 s each time, for garbage
    that is almost all the batch's own. ``gc.freeze`` moves the existing objects to a
    generation the collector skips, and ``gc.unfreeze`` puts them back, both in constant
    time. Nothing is freed later than it would be otherwise but cycles among the older
    objects, which wait until the batch ends. Two batches in two threads may unfreeze
    each other's objects early: that costs time, never memory or correctness. A process
    that froze its objects itself (Airflow's DAG processor does, before it forks) keeps
    them frozen: the batch then leaves the freeze in place.
    """
    theirs = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not theirs:
            gc.unfreeze()


def school_decision(model: TextModel, sc: Any, i: int) -> SchoolDecision | None:
    """What the school head says about text ``i`` of a scored batch (None without a head)."""
    head = model.school
    if head is None:
        return None
    k = int(sc.school_class[i])
    probs = sc.school_probs[i].tolist() if sc.school_probs is not None else ()
    return SchoolDecision(head.classes[k] if k >= 0 else None, float(sc.school_p[i]), bool(sc.veto[i]), probs)
