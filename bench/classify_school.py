"""Critical recall and false alarms of the classifier on invented school-context lines.

    python bench/classify_school.py [--model PATH] [FILE.csv ...]

Default files: the held-out 20% of the school training lines
(``tests/data/school_train/split_heldout.csv``) and every ``tests/data/school_context*.csv``.
Per file it prints, for threat, self_harm, sexual and grooming, the recall of the
*primary* flag (the category ``schoolwatch eval`` scores: the first flag must be the
labelled category) and, in brackets, the recall of "flagged at all"; then the false
positive rate on the lines labelled ``none`` (benign school chatter), and the flag-vs-none
F1 over all lines. ``--json`` prints one object instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

# this checkout's code, not whichever copy the venv has installed
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CRITICAL = ("threat", "self_harm", "sexual", "grooming")
DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def figures(clf: object, path: Path) -> dict[str, object]:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    results = clf.classify_many(df["text"].tolist())  # type: ignore[attr-defined]
    gold = df["label"].tolist()
    primary = [r[0].category.value if r else "none" for r in results]
    cats = [{f.category.value for f in r} for r in results]
    out: dict[str, object] = {"n": len(df)}
    for c in CRITICAL:
        idx = [i for i, g in enumerate(gold) if g == c]
        if not idx:
            continue
        out[c] = {
            "n": len(idx),
            "recall": round(sum(primary[i] == c for i in idx) / len(idx), 3),
            "recall_any_flag": round(sum(bool(results[i]) for i in idx) / len(idx), 3),
            "recall_category_anywhere": round(sum(c in cats[i] for i in idx) / len(idx), 3),
        }
    nones = [i for i, g in enumerate(gold) if g == "none"]
    out["none_n"] = len(nones)
    out["fpr"] = round(sum(bool(results[i]) for i in nones) / len(nones), 3) if nones else None
    tp = sum(1 for i, g in enumerate(gold) if g != "none" and results[i])
    fp = sum(1 for i in nones if results[i])
    fn = sum(1 for i, g in enumerate(gold) if g != "none" and not results[i])
    out["flag_f1"] = round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--model", type=Path, default=None, help="model artifact (default: the shipped one)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from transforms.classify import Classifier

    files = args.files or [DATA / "school_train" / "split_heldout.csv", *sorted(DATA.glob("school_context*.csv"))]
    clf = Classifier(model_path=args.model)
    report = {str(f.name): figures(clf, f) for f in files}
    if args.json:
        print(json.dumps({"version": clf.version, "files": report}))  # noqa: T201
        return
    print(f"classifier {clf.version}; recall of the primary flag (flagged at all)")  # noqa: T201
    print(f"{'file':<34}" + "".join(f"{c:>16}" for c in CRITICAL) + f"{'FPR':>8}{'F1':>7}")  # noqa: T201
    for name, r in report.items():
        cells = []
        for c in CRITICAL:
            m = r.get(c)
            cells.append(f"{m['recall']:.2f} ({m['recall_any_flag']:.2f})" if isinstance(m, dict) else "-")
        fpr = r["fpr"]
        print(f"{name:<34}" + "".join(f"{x:>16}" for x in cells) + f"{fpr if fpr is None else format(fpr, '.3f'):>8}{r['flag_f1']:>7.3f}")  # noqa: T201


if __name__ == "__main__":
    main()
