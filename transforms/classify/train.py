"""Training the shipped model: reproducible (fixed seed, fixed data order), a minute or so.

The caller loads the labelled CSVs (columns ``id,text,label,source,split``) and passes
DataFrames in; nothing here reads files. Steps:

1. fit a linear classifier (log loss, SGD, fixed seed) on hashed word 1-2 grams of the
   ``train`` rows, each data set weighted so that small sets count as much as large ones;
2. fit a Platt scaler for the flag score (``1 - P(none)``) on the ``dev`` rows;
3. choose the flag threshold on ``dev`` that maximises the mean F1 over data sets of the
   whole classifier (rules OR model), since that is what ships.

The version is a hash of the learned weights, so the same data and seed give the same
version, and any change gives a new one.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression, SGDClassifier

from transforms.classify.model import TextModel, vectorizer
from transforms.classify.normalise import model_text, normalise
from transforms.classify.rules import RuleSet

log = logging.getLogger(__name__)

CLASSES = ("abuse", "hate", "none", "self_harm", "threat")
MAX_UPWEIGHT = 10.0
MAX_TRAIN_CHARS = 5000  # long Reddit histories: the first pages carry the signal


@dataclass(frozen=True)
class TrainConfig:
    n_features: int = 2**18
    ngram_max: int = 2
    alpha: float = 2e-6
    epochs: int = 30
    seed: int = 0
    thresholds: Sequence[float] = field(default_factory=lambda: tuple(np.round(np.arange(0.2, 0.81, 0.025), 3)))


@dataclass
class TrainResult:
    model: TextModel
    dev_f1: dict[str, float]  # per data set, whole classifier at the chosen threshold
    rows: dict[str, int]


def _texts(series: pd.Series) -> list[str]:
    return [model_text(normalise(str(t)[:MAX_TRAIN_CHARS])) for t in series.fillna("")]


def _f1(y: np.ndarray, p: np.ndarray) -> float:
    tp = float(np.sum(y & p))
    fp = float(np.sum(~y & p))
    fn = float(np.sum(y & ~p))
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def train(data: pd.DataFrame, cfg: TrainConfig | None = None, *, trained_on: date) -> TrainResult:
    """Train on ``data`` rows with split == train; calibrate and choose thresholds on dev."""
    cfg = cfg or TrainConfig()
    data = data.sort_values(["source", "id"], kind="mergesort").reset_index(drop=True)
    tr = data[data["split"] == "train"]
    dev = data[data["split"] == "dev"]
    if tr.empty or dev.empty:
        raise ValueError("training needs rows with split == 'train' and split == 'dev'")
    vec = vectorizer(cfg.n_features, cfg.ngram_max)
    x = vec.transform(_texts(tr["text"]))
    y = tr["label"].to_numpy()
    # each data set weighs the same in total, and each class within it is balanced to
    # at most 1:4, so 20k casual-profanity tweets do not drown 3k insults
    counts = tr.groupby("source").size()
    # small sets are up-weighted at most MAX_UPWEIGHT times, so a few hundred hand-written
    # school examples teach their words without being memorised
    w = tr["source"].map(lambda s: min(counts.mean() / counts[s], MAX_UPWEIGHT)).to_numpy(dtype=np.float64)
    clf = SGDClassifier(loss="log_loss", alpha=cfg.alpha, max_iter=cfg.epochs, tol=None, random_state=cfg.seed, average=False)
    clf.fit(x, y, sample_weight=w)
    classes = tuple(str(c) for c in clf.classes_)
    coef = clf.coef_.astype(np.float32)
    intercept = clf.intercept_.astype(np.float32)
    if coef.shape[0] == 1:  # two classes: sklearn keeps one row
        coef = np.vstack([-coef[0], coef[0]])
        intercept = np.array([-intercept[0], intercept[0]], dtype=np.float32)
    digest = hashlib.sha256(coef.astype(np.float16).tobytes() + intercept.tobytes()).hexdigest()[:8]
    model = TextModel(
        version=f"lr-{digest}",
        classes=classes,
        coef=coef,
        intercept=intercept,
        link="ovr",
        platt=(1.0, 0.0),
        threshold=0.5,
        n_features=cfg.n_features,
        ngram_max=cfg.ngram_max,
        meta={},
    )
    dev_texts = [str(t) for t in dev["text"].fillna("")]
    dev_norm = [normalise(t[:MAX_TRAIN_CHARS]) for t in dev_texts]
    probs = model.class_probs([model_text(n) for n in dev_norm])
    raw = np.clip(1.0 - probs[:, classes.index("none")], 1e-6, 1 - 1e-6)
    y_dev = (dev["label"] != "none").to_numpy()
    platt = LogisticRegression(C=1e6).fit(np.log(raw / (1 - raw)).reshape(-1, 1), y_dev)
    model.platt = (float(platt.coef_[0][0]), float(platt.intercept_[0]))
    cal = model.flag_scores(probs)

    rules = RuleSet()
    rule_flag = np.array([bool(rules.find(n)) for n in dev_norm])
    sources = dev["source"].to_numpy()
    usable = [s for s in sorted(set(sources)) if y_dev[sources == s].any()]
    best_t, best_mean, best_per = 0.5, -1.0, {}
    for t in cfg.thresholds:
        pred = rule_flag | (cal >= t)
        per = {s: _f1(y_dev[sources == s], pred[sources == s]) for s in usable}
        mean = float(np.mean(list(per.values()))) if per else 0.0
        if mean > best_mean + 1e-9:
            best_t, best_mean, best_per = float(t), mean, per
    model.threshold = best_t
    model.meta = {
        "trained_on": trained_on.isoformat(),
        "sources": sorted(set(tr["source"])),
        "train_rows": int(len(tr)),
        "dev_rows": int(len(dev)),
        "alpha": cfg.alpha,
        "epochs": cfg.epochs,
        "seed": cfg.seed,
        "n_features": cfg.n_features,
        "dev_f1_with_rules": {k: round(v, 4) for k, v in best_per.items()},
        "threshold": best_t,
    }
    log.info("trained %s: threshold %.3f, mean dev F1 %.3f", model.version, best_t, best_mean)
    return TrainResult(model, best_per, {"train": int(len(tr)), "dev": int(len(dev))})
