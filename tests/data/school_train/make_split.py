"""Split the invented school-context training lines into train (80%) and held-out (20%).

    python tests/data/school_train/make_split.py

Reads ``train_a.csv`` to ``train_m.csv`` beside this file (columns ``id,text,label``; twelve
writers in four rounds plus the lead's benign idioms in train_j, invented text) and writes ``split_train.csv`` and
``split_heldout.csv``. Stratified by label: within each label the rows are ordered by the
SHA-256 of their text and the first 20% (rounded) are held out, so the split is fixed by
the data alone (no random state) and a line keeps its side however the files are
reordered. Lines whose text (case and spacing folded) also appears in another school file
are kept out of the held-out part, so it measures lines the model never saw.

The held-out part is never trained or tuned on; ``bench/classify_school.py`` reports on it.
"""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
SOURCES = tuple(f"train_{c}.csv" for c in "abcdefghijklm")
HELD_OUT_FRACTION = 0.2


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def split(rows: list[dict[str, str]], seen_elsewhere: set[str]) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    by_label: dict[str, list[dict[str, str]]] = defaultdict(list)
    dedup: set[str] = set()
    for r in rows:
        k = _key(r["text"])
        if not k or k in dedup:
            continue
        dedup.add(k)
        by_label[r["label"]].append(r)
    train: list[dict[str, str]] = []
    held: list[dict[str, str]] = []
    for label in sorted(by_label):
        ordered = sorted(by_label[label], key=lambda r: hashlib.sha256(r["text"].encode("utf-8")).hexdigest())
        n_held = round(len(ordered) * HELD_OUT_FRACTION)
        for r in ordered:
            if n_held > 0 and _key(r["text"]) not in seen_elsewhere:
                held.append(r)
                n_held -= 1
            else:
                train.append(r)
    return sorted(train, key=lambda r: r["id"]), sorted(held, key=lambda r: r["id"])


def main() -> None:
    rows = [r for name in SOURCES if (HERE / name).exists() for r in _rows(HERE / name)]
    elsewhere = {_key(r["text"]) for p in sorted(HERE.parent.glob("school_context*.csv")) for r in _rows(p)}
    train, held = split(rows, elsewhere)
    for name, part in (("split_train.csv", train), ("split_heldout.csv", held)):
        with (HERE / name).open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["id", "text", "label"])
            w.writerows([r["id"], r["text"], r["label"]] for r in part)
    print(f"{len(rows)} lines -> {len(train)} train, {len(held)} held out")  # noqa: T201


if __name__ == "__main__":
    main()
