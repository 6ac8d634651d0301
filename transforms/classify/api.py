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
# a classifier that has classified this many distinct texts (in one batch or several)
# compiles the rules' scanner when the cache has none: compiling takes 5-10 s and saves
# ~0.15 ms a text, and the cache keeps it for later batches and processes. A school's
# routine runs (tens or hundreds of posts) never pay for it; a reclassify or an eval does
SCANNER_COMPILE_AT = 2_000


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

    def __init__(
        self,
        context: ClassifyContext | None = None,
        *,
        model: TextModel | None = None,
        model_path: Path | None = None,
        scanner: bool | None = None,
        scanner_cache: Path | None = None,
    ) -> None:
        """``scanner``: None uses the rules' scanner where the cache has one, or once this
        classifier has classified enough texts to repay compiling it
        (:data:`SCANNER_COMPILE_AT`); True compiles it for any batch; False never uses it.
        The flags are the same either way. ``scanner_cache``: the directory that keeps the
        compiled scanner between processes (``scanner.cache_dir(os.environ)`` names the
        usual one); None compiles it for this classifier alone."""
        self.scanner = scanner
        self.scanner_cache = scanner_cache
        self._classified = 0  # distinct texts so far
        self.context = context or ClassifyContext()
        people = [(p.name, p.aliases, p.role, p.is_head) for p in self.context.people]
        self.rules = RuleSet(build_names(self.context.school_names, people))
        self.model = model if model is not None else load(model_path)
        self.version = f"{RULES_VERSION}+{self.model.version}"

    def prepare_scanner(self, *, compile: bool = True) -> bool:
        """Load the rules' scanner now (from the cache, or compiled when ``compile``), so a
        batch timed later does not count it; whether there is one (False also when this
        classifier was made with ``scanner=False``)."""
        return self.scanner is not False and self.rules.scanner(compile=compile, cache=self.scanner_cache) is not None

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
        with _collector_paused():
            flags = self._classify_unique(unique)
        return [list(flags[i]) for i in slots]

    def _classify_unique(self, texts: list[str]) -> list[list[Flag]]:
        norms = [normalise(t) for t in texts]
        model = self.model
        model_texts = [model_text(n) for n in norms]
        sc = model.score(model_texts)
        model.read_by_sentence(sc, model_texts)
        may_fire = ((sc.flag >= model.threshold) & ~sc.veto) | (sc.school_class >= 0)
        # one stage at a time over the whole batch (scan, rules, combine), not one text at a
        # time through all of them: each stage's tables then stay in the CPU's caches, and
        # the batch runs a third faster than the same work interleaved
        rules = self.rules
        self._classified += len(texts)
        scanner = None if self.scanner is False else rules.scanner(compile=bool(self.scanner) or self._classified >= SCANNER_COMPILE_AT, cache=self.scanner_cache)
        if scanner is None:
            found: list[set[int] | None] = [None] * len(norms)
        else:
            scan = scanner.scan
            found = [scan(n.deep.text, n.clean.text) for n in norms]
        find, find_scanned = rules.find, rules.find_scanned
        hits = [find(n) if f is None else find_scanned(n, f) for n, f in zip(norms, found, strict=True)]
        out: list[list[Flag]] = []
        context = self.context
        for i, n in enumerate(norms):
            # the model can only add a flag where its flag score reaches the threshold (and
            # the school head does not veto it) or the school head names a critical
            # category: elsewhere a text without rule hits has no flags, and combine need not run
            if not hits[i] and not may_fire[i]:
                out.append([])
                continue
            out.append(combine(n, hits[i], model, sc.probs[i].tolist(), float(sc.flag[i]), context, school_decision(model, sc, i)))
        return out


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep Python's cyclic garbage collector off for the length of a batch.

    Classifying allocates many small objects (normalised views, matches, spans, hits,
    flags), and the batch keeps its texts' views and hits until it returns. So the
    collector ran every few hundred allocations and walked the batch's growing pile again
    and again: a fifth of a 10,000-text batch's time with the process's older objects
    frozen out of its way, far more without. Nothing the classifier makes is a cycle:
    reference counting frees it all as soon as it is unused, collector or not. Cycles
    made elsewhere meanwhile (another thread) wait for the next collection after the
    batch. The collector is switched back on after the batch if it was on before; two
    batches in two threads may switch it on early for each other, which costs time, never
    memory or correctness.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def school_decision(model: TextModel, sc: Any, i: int) -> SchoolDecision | None:
    """What the school head says about text ``i`` of a scored batch (None without a head)."""
    head = model.school
    if head is None:
        return None
    k = int(sc.school_class[i])
    probs = sc.school_probs[i].tolist() if sc.school_probs is not None else ()
    return SchoolDecision(head.classes[k] if k >= 0 else None, float(sc.school_p[i]), bool(sc.veto[i]), probs)
