"""The trained text model: hashed word n-grams and a linear classifier, Platt-calibrated.

The artifact is a small joblib dict (see :func:`save`) shipped in
``transforms/classify/model/``; loading it takes milliseconds. Features are computed from
the ``deep`` normalised view (:func:`~transforms.classify.normalise.model_text`), so the
model sees "k1ll" and "ｋｉｌｌ" as "kill" like the rules do.

Scores are per class; the flag score is ``1 - P(none)`` passed through the Platt
scaler fitted on the dev splits, so 0.7 means "about 70% of dev texts scored like this
were labelled as something to act on".

A second linear model over the same features, the *school head*, is trained on the
invented school-context lines alone. It speaks for the critical categories (threat,
self-harm, sexual, grooming) in the words of school posts, which public tweets do not
cover, and it vetoes the main model's flag on text it is sure is ordinary school chatter.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import joblib
import mmh3
import numpy as np
from scipy.sparse import csr_matrix

MODEL_FILE = "classifier.joblib"
WORD_PATTERN = r"(?u)\b\w+\b|[!?]"
FORMAT = 2  # 2: word n-grams hashed by ``Featurizer`` (1 was sklearn's HashingVectorizer)
# the same tokens as WORD_PATTERN: a maximal run of word characters starts and ends on a
# boundary, so the boundaries need not be tested at every position
_TOKEN = re.compile(r"\w+|[!?]")
# ... and for ASCII text (nearly every post) the same tokens by str.translate and split: the
# regex tries both alternatives at every position, where translate and split are one C
# pass each. ASCII characters \w does not match become spaces (every ASCII character
# str.split splits on is among them), and "!" and "?" tokens of their own.
_TOKEN_SPACES = str.maketrans(
    {i: (f" {chr(i)} " if chr(i) in "!?" else " ") for i in range(128) if not re.match(r"\w", chr(i))}
)


def tokens(text: str) -> list[str]:
    """``_TOKEN.findall(text)``: the words and the "!" and "?" of a text."""
    if text.isascii():
        return text.translate(_TOKEN_SPACES).split()
    return _TOKEN.findall(text)


# Long posts are read sentence by sentence too (TextModel.read_by_sentence). Chosen on
# tests/data/school_train/long_v.csv (400 long posts, none of them trained on, each with one
# critical clause or none) and the public dev splits, before the blind sets were read:
# threat 0.83 -> 0.92, self-harm 0.90 -> 0.92, sexual 0.72 -> 0.84 there at 2 more false
# alarms in 180, and two public dev lines changed (formspring 0.440 -> 0.438).
LONG_POST = 150  # characters
SENTENCE_WORDS = 8
SENTENCE_LEAN = 0.2  # the head's critical classes together, on the whole post
SENTENCE_P = 0.7  # the head's probability of a critical class, on the sentence alone ...
SENTENCE_P_OF = {"self_harm": 0.85}  # ... or of these: a first-person sentence alone often reads as self-harm
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\s*\n\s*")
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant: n-gram hash = h1 * MIX + h2 (mod 2**64)
_MAX_CACHED = 500_000


def murmur(word: str) -> int:
    """The word's 32-bit MurmurHash3 (x86, seed 0) of its UTF-8, unsigned: the value of
    scikit-learn's ``murmurhash3_32(word, seed=0, positive=True)``, which the model was
    trained with. ``mmh3`` computes it without importing scikit-learn (0.9 s of a fresh
    process's start). It is given bytes: ``mmh3`` 5 crashes on a ``str`` holding a lone
    surrogate, where encoding raises ``UnicodeEncodeError`` as scikit-learn did."""
    return int(mmh3.hash(word.encode("utf-8"), 0, signed=False))


def l2_rows(x: csr_matrix) -> csr_matrix:
    """``x`` with each row scaled to unit length, in place: scikit-learn's
    ``normalize(x, copy=False)``, to the bit for the featurizer's counts (whole numbers, so
    their squares and sums are exact either way): each value divided by the row's norm as a
    double and rounded back to float32; an empty row left as it is."""
    rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    data = x.data.astype(np.float64)
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=x.shape[0]))
    norms[norms == 0.0] = 1.0
    x.data = (data / norms[rows]).astype(x.data.dtype)
    return x


class Featurizer:
    """Word 1..n-grams of a batch of texts, hashed into ``n_features`` buckets, L2-normalised.

    A word's hash is its 32-bit murmurhash (cached per word: a feed repeats its words);
    an n-gram's hash is mixed from its words' hashes in numpy for the whole batch at once,
    so no n-gram string is ever built. That is several times cheaper than sklearn's
    ``HashingVectorizer``, whose analyzer joins every n-gram in Python.
    """

    def __init__(self, n_features: int, ngram_max: int = 2) -> None:
        self.n_features = n_features
        self.ngram_max = ngram_max
        self._hash: dict[str, int] = {}

    def word_hashes(self, tokens: list[str]) -> list[int]:
        """Each word's 32-bit murmurhash (seed 0), cached."""
        cache = self._hash
        out = []
        for t in tokens:
            h = cache.get(t)
            if h is None:
                if len(cache) >= _MAX_CACHED:
                    cache.clear()
                h = cache[t] = murmur(t)
            out.append(h)
        return out

    def transform(self, texts: list[str]) -> csr_matrix:
        lengths = np.zeros(len(texts), dtype=np.int64)
        flat: list[int] = []
        for i, t in enumerate(texts):
            hs = self.word_hashes(tokens(t))
            lengths[i] = len(hs)
            flat.extend(hs)
        h = np.array(flat, dtype=np.uint64)
        row = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        cols = [h]
        rows = [row]
        # position of each token within its text: an n-gram starting there fits when
        # at least n tokens remain
        ends = np.cumsum(lengths)
        remaining = np.repeat(ends, lengths) - np.arange(len(h))
        g = h
        with np.errstate(over="ignore"):
            for n in range(2, self.ngram_max + 1):
                g = g[:-1] * _MIX + h[n - 1 :]
                ok = remaining[: len(g)] >= n
                cols.append(g[ok])
                rows.append(row[: len(g)][ok])
        col = np.concatenate(cols) % np.uint64(self.n_features)
        r = np.concatenate(rows)
        x = csr_matrix((np.ones(len(col), dtype=np.float32), (r, col.astype(np.int64))), shape=(len(texts), self.n_features))
        x.sum_duplicates()
        return l2_rows(x)


def vectorizer(n_features: int, ngram_max: int = 2) -> Featurizer:
    return Featurizer(n_features, ngram_max)


def _ovr_probs(x: Any, coef_t: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    """One sigmoid per class, renormalised to sum to 1."""
    z = np.asarray(x @ coef_t) + intercept
    p = 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))
    return p / np.maximum(p.sum(axis=1, keepdims=True), 1e-9)


@dataclass
class SchoolHead:
    """The school-context model: its classes, weights and the two thresholds it works with."""

    classes: tuple[str, ...]
    coef: np.ndarray  # (n_classes, n_features) float32
    intercept: np.ndarray
    critical_threshold: float  # a critical class flags at this probability (its highest among them)
    veto: float | None  # at this P(none) the main model may not flag alone (None: never)
    critical: tuple[str, ...] = ("threat", "self_harm", "sexual", "grooming")
    main_critical: bool = True  # whether the main model may still flag a critical category itself
    floor: float = 0.0  # the head flags only where the main model's flag score is at least this
    class_thresholds: dict[str, float] = field(default_factory=dict)  # per critical class, overriding critical_threshold
    # At this summed probability of the critical classes the most likely of them flags even
    # where none reaches its own threshold (None: never). A line the head finds 45% threat
    # and 30% self-harm is 75% likely to need a safeguarding lead, whichever it turns out to be.
    together: float | None = None

    def __post_init__(self) -> None:
        self._coef_t = np.ascontiguousarray(self.coef.T.astype(np.float32))
        self._none = self.classes.index("none")
        self._crit = [self.classes.index(c) for c in self.critical if c in self.classes]

    def probs_x(self, x: Any) -> np.ndarray:
        return _ovr_probs(x, self._coef_t, self.intercept)

    def threshold_of(self, category: str) -> float:
        return self.class_thresholds.get(category, self.critical_threshold)

    def critical_total(self, probs: Sequence[float]) -> float:
        """The summed probability of the critical classes in one row of this head's probabilities."""
        return float(sum(probs[k] for k in self._crit))

    def top_critical(self, probs: Sequence[float]) -> tuple[str, float]:
        """The most likely critical class in one row of this head's probabilities."""
        j = max(self._crit, key=lambda k: probs[k])
        return self.classes[j], float(probs[j])

    def decide(self, probs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per text: the critical class index it flags (-1: none), its probability, and the veto.

        It flags the most likely of the critical classes whose probability reaches their
        threshold; failing that, the most likely critical class where together they reach
        ``together``."""
        sub = probs[:, self._crit]
        t = np.array([self.class_thresholds.get(self.classes[j], self.critical_threshold) for j in self._crit])
        passing = np.where(sub >= t, sub, -1.0)
        arg = passing.argmax(axis=1)
        crit = np.array(self._crit)
        cls = np.where(passing.max(axis=1) >= 0, crit[arg], -1)
        if self.together is not None:
            top = sub.argmax(axis=1)
            joint = (cls < 0) & (sub.sum(axis=1) >= self.together)
            arg = np.where(joint, top, arg)
            cls = np.where(joint, crit[top], cls)
        best = sub[np.arange(len(sub)), arg]
        veto = probs[:, self._none] >= self.veto if self.veto is not None else np.zeros(len(probs), dtype=bool)
        return cls, best, veto

    def as_dict(self) -> dict[str, Any]:
        return {
            "classes": list(self.classes),
            "coef": self.coef.astype(np.float16),
            "intercept": self.intercept.astype(np.float32),
            "critical_threshold": self.critical_threshold,
            "veto": self.veto,
            "critical": list(self.critical),
            "main_critical": self.main_critical,
            "floor": self.floor,
            "class_thresholds": dict(self.class_thresholds),
            "together": self.together,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SchoolHead:
        return cls(
            classes=tuple(d["classes"]),
            coef=np.asarray(d["coef"], dtype=np.float32),
            intercept=np.asarray(d["intercept"], dtype=np.float32),
            critical_threshold=float(d["critical_threshold"]),
            veto=None if d.get("veto") is None else float(d["veto"]),
            critical=tuple(d.get("critical", ("threat", "self_harm", "sexual", "grooming"))),
            main_critical=bool(d.get("main_critical", True)),
            floor=float(d.get("floor", 0.0)),
            class_thresholds={str(k): float(v) for k, v in d.get("class_thresholds", {}).items()},
            together=None if d.get("together") is None else float(d["together"]),
        )


@dataclass
class Scores:
    """The model's view of a batch: per-class probabilities, flag scores, the school head's decision."""

    probs: np.ndarray
    flag: np.ndarray
    school_class: np.ndarray  # index into the school head's classes, -1 where it flags nothing
    school_p: np.ndarray  # the head's probability of its most likely critical class
    veto: np.ndarray
    school_probs: np.ndarray | None = None  # the head's per-class probabilities


@dataclass
class TextModel:
    version: str
    classes: tuple[str, ...]
    coef: np.ndarray  # (n_classes, n_features) float32
    intercept: np.ndarray  # (n_classes,)
    link: str  # "softmax" (multinomial) or "ovr" (one sigmoid per class, renormalised)
    platt: tuple[float, float]  # calibrated = sigmoid(a * logit(p_flag) + b)
    threshold: float  # calibrated flag score at or above which the model flags
    n_features: int
    ngram_max: int
    meta: dict[str, Any]
    school: SchoolHead | None = None

    def __post_init__(self) -> None:
        self._vec = vectorizer(self.n_features, self.ngram_max)
        self._coef_t = np.ascontiguousarray(self.coef.T.astype(np.float32))
        self._none = self.classes.index("none")
        self._rows: dict[tuple[str, bool], memoryview] = {}

    def class_probs(self, texts: list[str]) -> np.ndarray:
        """Per-class probabilities, shape (len(texts), n_classes)."""
        if not texts:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        return self.class_probs_x(self._vec.transform(texts))

    def score(self, texts: list[str]) -> Scores:
        """Everything ``combine`` needs from the model for a batch, from one featurisation."""
        n = len(texts)
        if not texts:
            z = np.zeros((0, len(self.classes)), dtype=np.float32)
            return Scores(z, np.zeros(0), np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0, dtype=bool))
        x = self._vec.transform(texts)
        probs = self.class_probs_x(x)
        flag = self.flag_scores(probs)
        if self.school is None:
            return Scores(probs, flag, np.full(n, -1), np.zeros(n), np.zeros(n, dtype=bool))
        head_probs = self.school.probs_x(x)
        cls, p, veto = self.school.decide(head_probs)
        cls = np.where(flag >= self.school.floor, cls, -1)
        return Scores(probs, flag, cls, p, veto, head_probs)

    def read_by_sentence(self, sc: Scores, texts: list[str]) -> int:
        """Where the school head finds nothing critical in a long post, ask it about each
        sentence; returns how many posts took a sentence's reading.

        A post of four ordinary sentences and one threat reads as ordinary on the whole: a
        linear score averages its words. Each sentence of ``SENTENCE_WORDS`` words or more
        of a post of ``LONG_POST`` characters or more is scored alone (one batch for all),
        but only in posts the head already leans on (its critical classes together at
        ``SENTENCE_LEAN`` or more): short sentences, and sentences of plainly ordinary
        posts, read alone, are where the head is least sure ("Aww. Sorry to hear. :("
        read as self-harm). A sentence the head finds critical at ``SENTENCE_P`` or more
        (``SENTENCE_P_OF`` for self-harm) gives the post its reading; the main model's
        scores stay the post's own.
        """
        head = self.school
        if head is None or sc.school_probs is None:
            return 0
        owners: list[int] = []
        pieces: list[str] = []
        for i, t in enumerate(texts):
            if len(t) < LONG_POST or sc.school_class[i] >= 0 or head.critical_total(sc.school_probs[i]) < SENTENCE_LEAN:
                continue
            sentences = [c for c in _SENTENCE_END.split(t) if len(c.split()) >= SENTENCE_WORDS]
            if len(sentences) >= 2:
                owners.extend([i] * len(sentences))
                pieces.extend(sentences)
        if not pieces:
            return 0
        ps = self.score(pieces)
        assert ps.school_probs is not None
        need = [SENTENCE_P_OF.get(c, SENTENCE_P) for c in head.classes]
        taken = set()
        for j, i in enumerate(owners):
            k = int(ps.school_class[j])
            if k >= 0 and ps.school_p[j] >= need[k] and (sc.school_class[i] < 0 or ps.school_p[j] > sc.school_p[i]):
                sc.school_class[i] = ps.school_class[j]
                sc.school_p[i] = ps.school_p[j]
                sc.veto[i] = ps.veto[j]
                sc.school_probs[i] = ps.school_probs[j]
                taken.add(i)
        return len(taken)

    def class_probs_x(self, x: Any) -> np.ndarray:
        """Per-class probabilities from hashed features (a sparse matrix, one row per text)."""
        z = np.asarray(x @ self._coef_t) + self.intercept
        if self.link == "softmax":
            z -= z.max(axis=1, keepdims=True)
            e = np.exp(z)
            return e / e.sum(axis=1, keepdims=True)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))
        return p / np.maximum(p.sum(axis=1, keepdims=True), 1e-9)

    def flag_scores(self, probs: np.ndarray) -> np.ndarray:
        """Calibrated probability that a text is something to act on."""
        raw = np.clip(1.0 - probs[:, self._none], 1e-6, 1 - 1e-6)
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-np.clip(a * np.log(raw / (1 - raw)) + b, -50, 50)))

    def evidence(self, deep_text: str, category: str, limit: int = 3, *, school: bool = False) -> list[tuple[int, int, str]]:
        """The words in ``deep_text`` that pushed most towards ``category``: (start, end, word)."""
        matches = list(_WORD.finditer(deep_text))
        if not matches:
            return []
        diff = self._evidence_row(category, school)
        n = self.n_features
        # each word's weight read one by one: cheaper than numpy's fixed cost per call
        # for a post's few dozen words, and the same float32 values
        weights = [diff[h % n] for h in self._vec.word_hashes([m.group(0) for m in matches])]
        order = sorted(range(len(weights)), key=lambda i: -weights[i])[:limit]  # stable, as argsort(kind="stable")
        return [(matches[i].start(), matches[i].end(), matches[i].group(0)) for i in order if weights[i] > 0.5]

    def _evidence_row(self, category: str, school: bool) -> memoryview:
        """Per hash bucket, ``category``'s weight less ``none``'s (float32), kept once computed."""
        key = (category, school)
        row = self._rows.get(key)
        if row is None:
            head = self.school if school else None
            classes, coef = (head.classes, head.coef) if head is not None else (self.classes, self.coef)
            diff = np.ascontiguousarray(coef[classes.index(category)] - coef[classes.index("none")], dtype=np.float32)
            row = self._rows[key] = diff.data  # indexing a memoryview gives Python floats, cheaply
        return row


# ``\w+`` finds the same words as ``\b\w+\b`` (a maximal run of word characters always
# starts and ends on a boundary) without testing a boundary at every position
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=100_000)
def _bucket(word: str, n_features: int) -> int:
    """The hash bucket ``Featurizer`` gives a single word."""
    return murmur(word) % n_features


def save(model: TextModel, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump(
        {
            "format": FORMAT,
            "version": model.version,
            "classes": list(model.classes),
            "coef": model.coef.astype(np.float16),
            "intercept": model.intercept.astype(np.float32),
            "link": model.link,
            "platt": list(model.platt),
            "threshold": model.threshold,
            "n_features": model.n_features,
            "ngram_max": model.ngram_max,
            "meta": model.meta,
            "school": model.school.as_dict() if model.school is not None else None,
        },
        path,
        compress=("zlib", 6),  # loads faster than xz; the file stays a few MB
    )


def load(path: Path | None = None) -> TextModel:
    """The shipped model, or one at ``path``."""
    if path is None:
        with resources.as_file(resources.files("transforms.classify").joinpath("model", MODEL_FILE)) as p:
            data = joblib.load(p)
    else:
        data = joblib.load(path)
    if data.get("format") != FORMAT:
        raise ValueError(f"model artifact format {data.get('format')!r} is not {FORMAT}; retrain with `schoolwatch train`")
    return TextModel(
        version=str(data["version"]),
        classes=tuple(data["classes"]),
        coef=np.asarray(data["coef"], dtype=np.float32),
        intercept=np.asarray(data["intercept"], dtype=np.float32),
        link=str(data["link"]),
        platt=(float(data["platt"][0]), float(data["platt"][1])),
        threshold=float(data["threshold"]),
        n_features=int(data["n_features"]),
        ngram_max=int(data["ngram_max"]),
        meta=dict(data.get("meta", {})),
        school=SchoolHead.from_dict(data["school"]) if data.get("school") else None,
    )


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
