"""Training the shipped model: reproducible (fixed seed, fixed data order), a few minutes.

The caller loads the labelled CSVs (columns ``id,text,label,source,split``) and passes
DataFrames in; nothing here reads files. Rows whose ``source`` starts with ``extra:`` are
the invented school-context lines (the CLI's ``--extra``); the rest are public data sets.
Steps:

1. fit a linear classifier (log loss, SGD, fixed seed) on hashed word n-grams of the
   ``train`` rows; each public data set weighs the same in total (small ones up-weighted
   at most ``MAX_UPWEIGHT`` times), and the school lines together weigh ``school_weight``
   public data sets, each of their classes balanced within that;
2. fit a Platt scaler for the flag score (``1 - P(none)``) on the public ``dev`` rows;
3. choose the flag threshold on ``dev`` that maximises the mean F1 over data sets of the
   whole classifier (rules OR model), since that is what ships;
4. with school lines, adjust that choice for them: a text is also flagged when the
   probability of threat, self-harm, sexual content or grooming alone reaches the
   *critical* threshold. Both thresholds are chosen on out-of-fold scores of the school
   lines (``folds`` extra fits, each without one fold): the pair that finds most critical
   lines while false alarms on the school lines labelled ``none`` stay within
   ``critical_fpr``, giving up at most ``public_slack`` of mean public dev F1. Public
   tweets have no such categories to tune on, and the school lines' own in-sample scores
   would be far too sure of themselves.

The version is a hash of the learned weights, so the same data and seed give the same
version, and any change gives a new one.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression, SGDClassifier

from transforms.classify.model import TextModel, vectorizer
from transforms.classify.normalise import model_text, normalise
from transforms.classify.rules import RuleSet

log = logging.getLogger(__name__)

# the classes are the labels present in the training rows (every category once school lines are in)
CRITICAL = ("threat", "self_harm", "sexual", "grooming")
SCHOOL_PREFIX = "extra:"
MAX_UPWEIGHT = 10.0
MAX_CLASS_UPWEIGHT = 4.0  # within the school lines: a class of 20 lines counts at most 4x per line
MAX_TRAIN_CHARS = 5000  # long Reddit histories: the first pages carry the signal


@dataclass(frozen=True)
class TrainConfig:
    n_features: int = 2**18
    ngram_max: int = 2
    alpha: float = 2e-6
    epochs: int = 30
    seed: int = 0
    school_weight: float = 2.0  # all school lines together weigh this many public data sets
    folds: int = 4  # out-of-fold fits for the critical threshold (0: no critical threshold)
    critical_fpr: float = 0.08  # false alarms allowed on the school "none" lines (out of fold)
    public_slack: float = 0.01  # mean public dev F1 the flag threshold may give up for the school lines
    critical_grid: Sequence[float] = field(default_factory=lambda: tuple(np.round(np.arange(0.05, 0.951, 0.01), 3)))
    thresholds: Sequence[float] = field(default_factory=lambda: tuple(np.round(np.arange(0.2, 0.81, 0.025), 3)))


@dataclass
class TrainResult:
    model: TextModel
    dev_f1: dict[str, float]  # per data set, whole classifier at the chosen threshold
    rows: dict[str, int]
    critical_threshold: float | None = None
    critical_stats: dict[str, float] = field(default_factory=dict)


def _texts(series: pd.Series) -> list[str]:
    return [model_text(normalise(str(t)[:MAX_TRAIN_CHARS])) for t in series.fillna("")]


def _f1(y: np.ndarray, p: np.ndarray) -> float:
    tp = float(np.sum(y & p))
    fp = float(np.sum(~y & p))
    fn = float(np.sum(y & ~p))
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def _weights(sources: pd.Series, labels: pd.Series, cfg: TrainConfig) -> np.ndarray:
    """Per-row weights: public sets equal in total; the school lines together ``school_weight`` sets."""
    school = sources.str.startswith(SCHOOL_PREFIX).to_numpy()
    public_counts = sources[~school].value_counts()
    mean_set = float(public_counts.mean()) if len(public_counts) else float(max(int(school.sum()), 1))
    w = np.array([min(mean_set / public_counts[s], MAX_UPWEIGHT) if s in public_counts else 0.0 for s in sources], dtype=np.float64)
    if school.any():
        # within the school lines each class counts about the same (at most MAX_CLASS_UPWEIGHT
        # per line), so 20 extremism lines are not drowned by 400 benign ones
        lab = labels[school]
        lc = lab.value_counts()
        cw = np.array([min(float(lc.mean()) / lc[c], MAX_CLASS_UPWEIGHT) for c in lab], dtype=np.float64)
        w[school] = cw * (cfg.school_weight * mean_set / cw.sum())
    return w


def _fit(x: Any, y: np.ndarray, w: np.ndarray, cfg: TrainConfig) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    clf = SGDClassifier(loss="log_loss", alpha=cfg.alpha, max_iter=cfg.epochs, tol=None, random_state=cfg.seed, average=False)
    clf.fit(x, y, sample_weight=w)
    classes = tuple(str(c) for c in clf.classes_)
    coef = clf.coef_.astype(np.float32)
    intercept = clf.intercept_.astype(np.float32)
    if coef.shape[0] == 1:  # two classes: sklearn keeps one row
        coef = np.vstack([-coef[0], coef[0]])
        intercept = np.array([-intercept[0], intercept[0]], dtype=np.float32)
    return classes, coef, intercept


def _model(classes: tuple[str, ...], coef: np.ndarray, intercept: np.ndarray, cfg: TrainConfig) -> TextModel:
    # the shipped artifact stores float16 weights: score with those, so what is tuned is what ships
    coef16 = coef.astype(np.float16)
    digest = hashlib.sha256(coef16.tobytes() + intercept.tobytes()).hexdigest()[:8]
    return TextModel(
        version=f"lr-{digest}",
        classes=classes,
        coef=coef16.astype(np.float32),
        intercept=intercept,
        link="ovr",
        platt=(1.0, 0.0),
        threshold=0.5,
        n_features=cfg.n_features,
        ngram_max=cfg.ngram_max,
        meta={},
    )


def _folds(labels: np.ndarray, k: int) -> np.ndarray:
    """Stratified fold numbers 0..k-1, by position within each label (rows are sorted already)."""
    out = np.zeros(len(labels), dtype=np.int64)
    for c in sorted(set(labels)):
        idx = np.flatnonzero(labels == c)
        out[idx] = np.arange(len(idx)) % k
    return out


def _school_oof(x: Any, y: np.ndarray, w: np.ndarray, school: np.ndarray, cfg: TrainConfig, platt: tuple[float, float]) -> tuple[np.ndarray, np.ndarray] | None:
    """Out-of-fold (critical-class probability, flag score) of each school line."""
    s_idx = np.flatnonzero(school)
    ys = y[s_idx]
    if cfg.folds < 2 or not np.isin(ys, CRITICAL).any() or not (ys == "none").any():
        return None
    fold = _folds(ys, cfg.folds)
    crit_p = np.zeros(len(s_idx))
    flag_p = np.zeros(len(s_idx))
    for f in range(cfg.folds):
        keep = np.ones(len(y), dtype=bool)
        keep[s_idx[fold == f]] = False
        classes, coef, intercept = _fit(x[keep], y[keep], w[keep], cfg)
        m = _model(classes, coef, intercept, cfg)
        m.platt = platt
        probs = m.class_probs_x(x[s_idx[fold == f]])
        cols = [classes.index(c) for c in CRITICAL if c in classes]
        crit_p[fold == f] = probs[:, cols].max(axis=1)
        flag_p[fold == f] = m.flag_scores(probs)
    return crit_p, flag_p


def _choose_thresholds(
    public_mean: dict[float, float], oof: tuple[np.ndarray, np.ndarray] | None, ys: np.ndarray, school_rule: np.ndarray, cfg: TrainConfig
) -> tuple[float, float | None, dict[str, float]]:
    """The flag threshold and the critical threshold (see the module docstring).

    Without school lines: the flag threshold with the best mean public dev F1. With them:
    among flag thresholds within ``public_slack`` of that best mean, and critical
    thresholds (or none), those whose out-of-fold false alarms on the school ``none``
    lines stay within ``critical_fpr``; of those, the one that finds most critical lines.
    """
    best_mean = max(public_mean.values())
    best_t = min(t for t, m in public_mean.items() if m == best_mean)
    if oof is None:
        return best_t, None, {}
    crit_p, flag_p = oof
    none = ys == "none"
    crit = np.isin(ys, CRITICAL)
    chosen: tuple[float, float, float, float | None, float] | None = None  # (recall, public mean, -fpr, t_c, t_g)
    for t_g, mean in sorted(public_mean.items()):
        if mean < best_mean - cfg.public_slack:
            continue
        base = school_rule | (flag_p >= t_g)
        for t_c in (None, *sorted(cfg.critical_grid, reverse=True)):
            pred = base if t_c is None else base | (crit_p >= t_c)
            fpr = float(np.mean(pred[none]))
            if fpr > cfg.critical_fpr:
                continue
            key = (round(float(np.mean(pred[crit])), 6), round(mean, 6), -fpr, 2.0 if t_c is None else t_c, t_g)
            if chosen is None or key > chosen:
                chosen = key  # type: ignore[assignment]
    if chosen is None:
        return best_t, None, {"oof_school_none_fpr": round(float(np.mean((school_rule | (flag_p >= best_t))[none])), 4)}
    recall, _, neg_fpr, t_c, t_g = chosen
    crit_t = None if t_c == 2.0 else t_c
    return t_g, crit_t, {"oof_critical_recall_any_flag": recall, "oof_school_none_fpr": round(-neg_fpr, 4)}


def train(data: pd.DataFrame, cfg: TrainConfig | None = None, *, trained_on: date) -> TrainResult:
    """Train on ``data`` rows with split == train; calibrate and choose thresholds on dev."""
    cfg = cfg or TrainConfig()
    data = data.sort_values(["source", "id"], kind="mergesort").reset_index(drop=True)
    tr = data[data["split"] == "train"]
    dev = data[data["split"] == "dev"]
    if tr.empty or dev.empty:
        raise ValueError("training needs rows with split == 'train' and split == 'dev'")
    vec = vectorizer(cfg.n_features, cfg.ngram_max)
    train_norm = [normalise(str(t)[:MAX_TRAIN_CHARS]) for t in tr["text"].fillna("")]
    x = vec.transform([model_text(n) for n in train_norm])
    y = tr["label"].to_numpy()
    w = _weights(tr["source"], tr["label"], cfg)
    classes, coef, intercept = _fit(x, y, w, cfg)
    model = _model(classes, coef, intercept, cfg)
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
    per_t: dict[float, dict[str, float]] = {}
    for t in cfg.thresholds:
        pred = rule_flag | (cal >= t)
        per_t[float(t)] = {s: _f1(y_dev[sources == s], pred[sources == s]) for s in usable}
    public_mean = {t: float(np.mean(list(per.values()))) if per else 0.0 for t, per in per_t.items()}

    school = tr["source"].str.startswith(SCHOOL_PREFIX).to_numpy()
    school_rule = np.array([bool(rules.find(n)) for n, s in zip(train_norm, school, strict=True) if s], dtype=bool)
    oof = _school_oof(x, y, w, school, cfg, model.platt) if school.any() else None
    best_t, crit_t, crit_stats = _choose_thresholds(public_mean, oof, y[school], school_rule, cfg)
    best_per, best_mean = per_t[best_t], public_mean[best_t]
    model.threshold = best_t
    if crit_t is not None:
        model.class_thresholds = {c: crit_t for c in CRITICAL if c in classes}
    model.meta = {
        "trained_on": trained_on.isoformat(),
        "sources": sorted(set(tr["source"])),
        "train_rows": int(len(tr)),
        "school_rows": int(school.sum()),
        "dev_rows": int(len(dev)),
        "alpha": cfg.alpha,
        "epochs": cfg.epochs,
        "seed": cfg.seed,
        "n_features": cfg.n_features,
        "ngram_max": cfg.ngram_max,
        "school_weight": cfg.school_weight,
        "dev_f1_with_rules": {k: round(v, 4) for k, v in best_per.items()},
        "threshold": best_t,
        "critical_threshold": crit_t,
        "critical_fpr_target": cfg.critical_fpr,
        **crit_stats,
    }
    log.info("trained %s: threshold %.3f, mean dev F1 %.3f, critical threshold %s", model.version, best_t, best_mean, crit_t)
    return TrainResult(model, best_per, {"train": int(len(tr)), "dev": int(len(dev))}, crit_t, crit_stats)
