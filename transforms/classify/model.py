"""The trained text model: hashed word n-grams and a linear classifier, Platt-calibrated.

The artifact is a small joblib dict (see :func:`save`) shipped in
``transforms/classify/model/``; loading it takes milliseconds. Features are computed from
the ``deep`` normalised view (:func:`~transforms.classify.normalise.model_text`), so the
model sees "k1ll" and "ｋｉｌｌ" as "kill" like the rules do.

Scores are per class; the flag score is ``1 - P(none)`` passed through the Platt
scaler fitted on the dev splits, so 0.7 means "about 70% of dev texts scored like this
were labelled as something to act on". ``class_thresholds`` lets the critical categories
(threat, self-harm, sexual, grooming) flag on their own class probability below the flag
threshold: they were tuned on school lines, which the public dev splits do not cover.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils import murmurhash3_32

MODEL_FILE = "classifier.joblib"
WORD_PATTERN = r"(?u)\b\w+\b|[!?]"
FORMAT = 1


def vectorizer(n_features: int, ngram_max: int = 2) -> HashingVectorizer:
    return HashingVectorizer(
        n_features=n_features,
        ngram_range=(1, ngram_max),
        alternate_sign=False,
        token_pattern=WORD_PATTERN,
        lowercase=False,  # model_text is lower case already
        norm="l2",
        dtype=np.float32,
    )


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
    class_thresholds: dict[str, float] = field(default_factory=dict)  # class -> probability at which it flags alone

    def __post_init__(self) -> None:
        self._vec = vectorizer(self.n_features, self.ngram_max)
        self._coef_t = np.ascontiguousarray(self.coef.T.astype(np.float32))
        self._none = self.classes.index("none")

    def class_probs(self, texts: list[str]) -> np.ndarray:
        """Per-class probabilities, shape (len(texts), n_classes)."""
        if not texts:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        return self.class_probs_x(self._vec.transform(texts))

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

    def evidence(self, deep_text: str, category: str, limit: int = 3) -> list[tuple[int, int, str]]:
        """The words in ``deep_text`` that pushed most towards ``category``: (start, end, word)."""
        ci = self.classes.index(category)
        matches = list(_WORD.finditer(deep_text))
        if not matches:
            return []
        idx = np.fromiter((_bucket(m.group(0), self.n_features) for m in matches), dtype=np.int64, count=len(matches))
        weights = self.coef[ci, idx] - self.coef[self._none, idx]
        order = np.argsort(-weights, kind="stable")[:limit]
        return [(matches[i].start(), matches[i].end(), matches[i].group(0)) for i in order if weights[i] > 0.5]


_WORD = re.compile(r"\b\w+\b")


@lru_cache(maxsize=100_000)
def _bucket(word: str, n_features: int) -> int:
    """The hash bucket HashingVectorizer gives a unigram (same murmurhash, seed 0)."""
    return abs(murmurhash3_32(word, seed=0)) % n_features


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
            "class_thresholds": dict(model.class_thresholds),
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
        class_thresholds={str(k): float(v) for k, v in data.get("class_thresholds", {}).items()},
    )


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))
