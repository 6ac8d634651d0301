"""`schoolwatch train | classify | eval | reclassify`: the classifier's commands.

Register on the main app with ``register(app)``. Runs alone too:
``python -m schoolwatch.cli.classify_cmds --help``.
"""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    import pandas as pd

from schoolwatch.core.categories import FLAG_CATEGORIES

DATASETS_DIR = Path("../shared/datasets")
DEFAULT_CONFIG = Path("schoolwatch.toml")
DEFAULT_DB = Path("schoolwatch-demo/schoolwatch.duckdb")
DEFAULT_TRAIN_SETS = ("davidson", "hatexplain", "olid", "tweeteval_hate", "formspring", "impermium_insults", "reddit_cssrs_500")

ConfigOpt = Annotated[Path | None, typer.Option("--config", help="schoolwatch.toml: the school's names and roster (default: ./schoolwatch.toml when present)")]


def _safe(text: str) -> str:
    """Terminal-safe: control, bidi and other invisible characters shown as escapes."""
    out = []
    for ch in text:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def _context(config: Path | None, school: str | None):  # type: ignore[no-untyped-def]
    from schoolwatch.core.config import load_config
    from transforms.classify import ClassifyContext

    path = config if config is not None else (DEFAULT_CONFIG if DEFAULT_CONFIG.exists() else None)
    if path is None:
        return ClassifyContext(), None
    cfg = load_config(path)
    return ClassifyContext.from_config(cfg, school), cfg


def head_path(spec: Path) -> tuple[Path, float]:
    """``--extra-head PATH[:WEIGHT]``: the file and how much each of its lines counts for the
    school head (default 1), in its fit and in the false-alarm and recall rates its
    thresholds are chosen on. A path that exists as written is taken whole."""
    text = str(spec)
    if spec.exists() or ":" not in text:
        return spec, 1.0
    name, _, weight = text.rpartition(":")
    try:
        w = float(weight)
    except ValueError:
        raise typer.BadParameter(f"no file {text!r}, and {weight!r} is not a weight", param_hint="--extra-head") from None
    if not 0.0 < w <= 100.0:  # NaN fails this too
        raise typer.BadParameter(f"the weight in {text!r} must be above 0 and at most 100", param_hint="--extra-head")
    return Path(name), w


def read_extra(path: Path, *, critical_only: bool = False, head_only: bool = False, weight: float = 1.0) -> pd.DataFrame:
    """An extra training CSV (id,text,label) as training rows of source ``extra:<stem>``.

    ``critical_only`` keeps only its threat, self_harm, sexual and grooming lines: the blind
    sets that became tuning sets give their critical lines to training, but not their benign
    look-alikes, which (measured in round twelve) pull the main model's threshold up and its
    public F1 down more than they teach the school head.

    ``head_only`` gives the lines to the school head alone (source ``extra:head:<stem>``): the
    main model, which speaks for the public data sets' categories, never sees them."""
    import pandas as pd

    from transforms.classify.train import CRITICAL, HEAD_ONLY_PREFIX, SCHOOL_PREFIX

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if critical_only:
        df = df[df["label"].isin(CRITICAL)].reset_index(drop=True)
    df["source"] = (HEAD_ONLY_PREFIX if head_only else SCHOOL_PREFIX) + path.stem
    df["split"] = "train"
    if weight != 1.0:
        df["weight"] = weight
    return df


def _floor_grid(text: str) -> tuple[float, ...]:
    """``--floor-grid``: at least one score, each in [0.2, 1) (one model alone never speaks for the head)."""
    try:
        grid = tuple(sorted({float(x) for x in text.split(",") if x.strip()}))
    except ValueError:
        raise typer.BadParameter(f"not a comma-separated list of numbers: {text!r}", param_hint="--floor-grid") from None
    if not grid or not all(0.2 <= f < 1.0 for f in grid):
        raise typer.BadParameter(f"each floor must be at least 0.2 and under 1: {text!r}", param_hint="--floor-grid")
    return grid


def train_cmd(
    data_dir: Annotated[Path, typer.Option("--data-dir", help="folder of labelled CSVs (id,text,label,source_label,source,split)")] = DATASETS_DIR,
    sets: Annotated[str, typer.Option("--sets", help="comma-separated data set names to train on")] = ",".join(DEFAULT_TRAIN_SETS),
    out: Annotated[Path | None, typer.Option("--out", help="where to write the artifact (default: the shipped model)")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="use at most this many rows per set and split (quick runs, tests)")] = None,
    n_features: Annotated[int, typer.Option("--n-features", help="hash buckets (power of two)")] = 2**18,
    seed: Annotated[int, typer.Option("--seed", help="random seed (training is reproducible)")] = 0,
    extra: Annotated[list[Path] | None, typer.Option("--extra", help="extra labelled CSV (id,text,label), used as training rows; repeatable")] = None,
    extra_critical: Annotated[list[Path] | None, typer.Option(
        "--extra-critical", help="as --extra, but only its critical lines (threat, self_harm, sexual, grooming); repeatable")] = None,
    extra_head: Annotated[list[Path] | None, typer.Option(
        "--extra-head", help="as --extra, but for the school head alone: the main model never sees its lines; "
        "PATH:WEIGHT makes each of its lines count WEIGHT (default 1); repeatable")] = None,
    alpha: Annotated[float, typer.Option("--alpha", help="L2 regularisation strength")] = 2e-6,
    epochs: Annotated[int, typer.Option("--epochs", help="passes over the training data")] = 30,
    ngram_max: Annotated[int, typer.Option("--ngram-max", help="longest word n-gram")] = 2,
    school_weight: Annotated[float, typer.Option("--school-weight", help="total weight of all --extra lines, in public data sets")] = 8.0,
    school_alpha: Annotated[float, typer.Option("--school-alpha", help="L2 strength of the school head (trained on the --extra lines alone)")] = 3e-6,
    folds: Annotated[int, typer.Option("--folds", help="out-of-fold fits on the --extra lines for the thresholds (0: no school head)")] = 4,
    critical_fpr: Annotated[float, typer.Option("--critical-fpr", help="false alarms allowed on --extra 'none' lines (out of fold) when choosing the thresholds")] = 0.10,
    primary_objective: Annotated[bool, typer.Option("--primary-objective", help="choose the critical thresholds for lines whose first flag names their own category, not for lines flagged at all")] = False,
    head_public_rows: Annotated[int, typer.Option("--head-public-rows", help="public train rows the school head also sees (a fixed sample)")] = 10_000,
    head_public_weight: Annotated[float, typer.Option("--head-public-weight", help="the total weight of those rows, against all the school head's lines")] = 0.25,
    public_slack: Annotated[float, typer.Option(
        "--public-slack", min=0.0, max=1.0, help="mean public dev F1 the thresholds may give up for the school lines")] = 0.01,
    floor_grid: Annotated[str, typer.Option(
        "--floor-grid", help="comma-separated main flag scores the school head needs before it speaks; the trainer picks one")] = "0.2,0.25,0.3",
) -> None:
    """Train the text model on the train splits, calibrate on dev, write the artifact."""
    floors = _floor_grid(floor_grid)
    heads = [head_path(p) for p in extra_head or []]
    for path, _ in heads:
        if not path.exists():
            raise typer.BadParameter(f"no file {path}", param_hint="--extra-head")
    import pandas as pd

    from transforms.classify import model as model_mod
    from transforms.classify.train import TrainConfig, train

    frames = []
    for name in [s.strip() for s in sets.split(",") if s.strip()]:
        path = data_dir / f"{name}.csv"
        if not path.exists():
            raise typer.BadParameter(f"no data set {path}", param_hint="--sets")
        df = pd.read_csv(path, dtype={"id": str, "text": str, "label": str, "source": str, "split": str}, keep_default_na=False)
        df["source"] = name
        if limit:
            df = df.groupby("split", group_keys=False).head(limit)
        frames.append(df)
    frames += [read_extra(path) for path in extra or []]
    frames += [read_extra(path, critical_only=True) for path in extra_critical or []]
    frames += [read_extra(path, head_only=True, weight=w) for path, w in heads]
    data = pd.concat(frames, ignore_index=True)
    started = time.perf_counter()
    cfg = TrainConfig(
        n_features=n_features, seed=seed, alpha=alpha, epochs=epochs, ngram_max=ngram_max,
        school_weight=school_weight, school_alpha=school_alpha, folds=folds, critical_fpr=critical_fpr,
        primary_objective=primary_objective, head_public_rows=head_public_rows, head_public_weight=head_public_weight,
        public_slack=public_slack, floor_grid=floors,
    )
    result = train(data, cfg, trained_on=datetime.now(UTC).date())
    target = out or Path(model_mod.__file__).parent / "model" / model_mod.MODEL_FILE
    model_mod.save(result.model, target)
    typer.echo(f"trained {result.model.version} on {result.rows['train']} rows in {time.perf_counter() - started:.1f}s -> {target}")
    typer.echo(f"threshold {result.model.threshold:.3f}; dev F1 (rules + model):")
    for name, f1 in sorted(result.dev_f1.items()):
        typer.echo(f"  {name:<20} {f1:.3f}")
    head = result.model.school
    if head is not None:
        typer.echo(f"school head: critical threshold {head.critical_threshold:.2f}, veto {head.veto}")
    for k, v in result.school_stats.items():
        typer.echo(f"  {k:<36} {v:.3f}")


def classify_cmd(
    text: Annotated[str, typer.Argument(help="the text to classify")],
    config: ConfigOpt = None,
    school: Annotated[str | None, typer.Option("--school", help="school id for the roster (default: all schools)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Classify one text: category, severity, score and the evidence for each flag."""
    from transforms.classify import Classifier
    from transforms.classify.scanner import cache_dir

    ctx, _ = _context(config, school)
    clf = Classifier(ctx, scanner_cache=cache_dir(os.environ))
    flags = clf.classify(text)
    if as_json:
        typer.echo(json.dumps({"version": clf.version, "flags": [
            {"category": f.category.value, "severity": f.severity.value, "score": f.score, "source": f.source,
             "reasons": list(f.reasons), "evidence": [s.as_json() for s in f.spans]} for f in flags]}, ensure_ascii=True))
        return
    if not flags:
        typer.echo(f"none  (classifier {clf.version})")
        return
    for f in flags:
        typer.echo(f"{f.category.value:<14} {f.severity.value:<8} score {f.score:.2f}  [{f.source}]")
        for r in f.reasons:
            typer.echo(f"    why: {_safe(r)}")
        for s in f.spans:
            typer.echo(f"    evidence [{s.start}:{s.end}] {_safe(repr(s.text))}  ({s.rule})")
    typer.echo(f"(classifier {clf.version})")


def eval_cmd(
    data: Annotated[Path, typer.Option("--data", help="CSV with columns id,text,label (labels are category names)")],
    config: ConfigOpt = None,
    split: Annotated[str | None, typer.Option("--split", help="only rows whose `split` column equals this (e.g. dev)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print one JSON object")] = False,
    no_baseline: Annotated[bool, typer.Option("--no-baseline", help="skip alt-profanity-check")] = False,
) -> None:
    """Precision/recall/F1 (flag-vs-none and per category), confusion, FPR and throughput, beside alt-profanity-check."""
    import pandas as pd

    from transforms.classify import Classifier
    from transforms.classify.evaluate import confusion, report
    from transforms.classify.scanner import cache_dir

    df = pd.read_csv(data, dtype=str, keep_default_na=False)
    missing = {"id", "text", "label"} - set(df.columns)
    if missing:
        raise typer.BadParameter(f"{data} lacks columns {sorted(missing)}", param_hint="--data")
    if split is not None:
        if "split" not in df.columns:
            raise typer.BadParameter(f"{data} has no split column", param_hint="--split")
        df = df[df["split"] == split]
    known = {c.value for c in FLAG_CATEGORIES} | {"none"}
    bad = sorted(set(df["label"]) - known)
    if bad:
        raise typer.BadParameter(f"unknown labels {bad}; expected {sorted(known)}", param_hint="--data")
    texts = df["text"].tolist()
    gold = df["label"].tolist()
    ctx, _ = _context(config, None)
    clf = Classifier(ctx, scanner_cache=cache_dir(os.environ))
    # warm caches so the timing measures steady state: the rules' scanner too (loaded, or
    # compiled once and cached), as a long run uses it, whatever the size of this file
    clf.prepare_scanner(compile=True)
    clf.classify_many(texts)  # a first pass compiles the narrowed regexes a text calls for
    started = time.perf_counter()
    results = clf.classify_many(texts)
    elapsed = time.perf_counter() - started
    primary = [r[0].category.value if r else "none" for r in results]
    baseline_flagged = None
    baseline_tps = None
    if not no_baseline:
        try:
            from profanity_check import predict_prob
        except ImportError:
            typer.echo("alt-profanity-check is not installed: no baseline", err=True)
        else:
            started = time.perf_counter()
            probs = predict_prob(texts) if texts else []
            baseline_tps = len(texts) / max(time.perf_counter() - started, 1e-9)
            baseline_flagged = [bool(p >= 0.5) for p in probs]
    out = report(gold, primary, baseline_flagged, len(texts) / max(elapsed, 1e-9), baseline_tps)
    if as_json:
        typer.echo(json.dumps(out))
        return
    typer.echo(f"{out['n']} texts from {_safe(str(data))}{' (split ' + split + ')' if split else ''}; classifier {clf.version}")
    typer.echo(f"{'':<22}{'precision':>10}{'recall':>10}{'F1':>8}{'FPR':>8}")
    fl = out["flag"]
    typer.echo(f"{'flag (schoolwatch)':<22}{fl['precision']:>10.3f}{fl['recall']:>10.3f}{fl['f1']:>8.3f}{fl['false_positive_rate']:>8.3f}")
    if out["baseline"]:
        b = out["baseline"]["flag"]
        typer.echo(f"{'flag (profanity-check)':<22}{b['precision']:>10.3f}{b['recall']:>10.3f}{b['f1']:>8.3f}{b['false_positive_rate']:>8.3f}")
    typer.echo("")
    typer.echo(f"{'category':<16}{'precision':>10}{'recall':>10}{'F1':>8}{'support':>9}")
    for cat, m in out["per_category"].items():
        typer.echo(f"{cat:<16}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>8.3f}{m['support']:>9}")
    typer.echo("")
    conf = confusion(gold, primary)
    cols = sorted({p for row in conf.values() for p in row} | set(conf))
    typer.echo("confusion (rows: label, columns: primary flag)")
    typer.echo(f"{'':<14}" + "".join(f"{c[:9]:>10}" for c in cols))
    for g, row in conf.items():
        typer.echo(f"{g[:13]:<14}" + "".join(f"{row.get(c, 0):>10}" for c in cols))
    typer.echo("")
    line = f"throughput: {out['texts_per_second']:.0f} texts/s"
    if baseline_tps:
        line += f"; alt-profanity-check {baseline_tps:.0f} texts/s (ratio {out['texts_per_second'] / baseline_tps:.2f})"
    typer.echo(line)


def reclassify_cmd(
    db: Annotated[Path | None, typer.Option("--db", help="warehouse file (default: from --config, else ./schoolwatch-demo/schoolwatch.duckdb)")] = None,
    config: ConfigOpt = None,
) -> None:
    """Run the current classifier version over every stored post it has not yet seen."""
    from schoolwatch.core.clock import SystemClock
    from transforms.classify import Classifier
    from transforms.classify.scanner import cache_dir
    from warehouse.classify_step import reclassify
    from warehouse.db import connect

    ctx, cfg = _context(config, None)
    path = db or (cfg.db_path if cfg is not None else DEFAULT_DB)
    clf = Classifier(ctx, scanner_cache=cache_dir(os.environ))
    with connect(path) as con:
        summary = reclassify(con, clf, SystemClock().now())
    typer.echo(json.dumps(summary))


def register(app: typer.Typer) -> None:
    """Add the classifier commands to the main app."""
    app.command("train", help="Train the text model on the train splits, calibrate on dev, write the shipped artifact.")(train_cmd)
    app.command("classify", help="Classify one text: category, severity, score and evidence.")(classify_cmd)
    app.command("eval", help="Evaluate on a labelled CSV beside alt-profanity-check: P/R/F1, per category, confusion, throughput.")(eval_cmd)
    app.command("reclassify", help="Run the current classifier version over stored posts it has not seen.")(reclassify_cmd)


app = typer.Typer(help="schoolwatch classifier commands", no_args_is_help=True)
register(app)

if __name__ == "__main__":
    app()
