"""Does the rules' Hyperscan scanner wake every rule that Python's engine would fire?

    python bench/scanner_check.py [--data-dir ../shared/datasets] [--show-text]

The scanner (``transforms/classify/scanner.py``) is only an accelerator: a rule it does not
wake does not run, so a match Hyperscan misses is a hit lost. Vectorscan 5.4.12 did miss a
few (model card, "Round thirty-one"). This runs every distinct labelled line, the school sets
in ``tests/data`` and the public sets in the data directory, through the rules twice, with and
without the scanner, and prints each line whose hits differ (file, id, rules lost or gained)
and the totals. Run it after adding or changing patterns; ``tests/test_classify_scanner.py``
checks the flags on ``tests/data`` alone.

Texts are not printed unless ``--show-text`` is given: some school sets are blind (their
README says which), and a line read from one is a line tuned against.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's code, not whichever copy the venv has installed

from transforms.classify import Classifier  # noqa: E402
from transforms.classify.normalise import normalise  # noqa: E402


def labelled_lines(data_dir: Path) -> list[tuple[str, str, str]]:
    """(file name, id, text) of every distinct text in the labelled CSV files."""
    out: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    files = sorted((ROOT / "tests" / "data").rglob("*.csv")) + sorted(data_dir.glob("*.csv"))
    for path in files:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "text" not in reader.fieldnames:
                continue
            for n, row in enumerate(reader, 1):
                text = row["text"] or ""
                if text not in seen:
                    seen.add(text)
                    out.append((path.name, row.get("id") or str(n), text))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "datasets")
    ap.add_argument("--show-text", action="store_true", help="print the texts of the lines that differ")
    args = ap.parse_args(argv)

    clf = Classifier(scanner=True)
    started = time.perf_counter()
    if not clf.prepare_scanner():
        print("no scanner here (no hyperscan package, or it failed): nothing to compare")
        return 0
    print(f"scanner ready in {time.perf_counter() - started:.1f} s")
    rules = clf.rules
    scan = rules.scanner(compile=True).scan  # type: ignore[union-attr]
    lines = labelled_lines(args.data_dir)
    scanned = differ = 0
    started = time.perf_counter()
    for name, row_id, text in lines:
        n = normalise(text)
        found = scan(n.deep.text, n.clean.text)
        if found is None:
            continue  # not scannable: the rules run without the scanner anyway
        scanned += 1
        full = [h.rule for h in rules.find(n)]
        fast = [h.rule for h in rules.find_scanned(n, found)]
        if full != fast:
            differ += 1
            lost = sorted(set(full) - set(fast))
            gained = sorted(set(fast) - set(full))
            shown = f"  {text!r}" if args.show_text else ""
            print(f"{name} {row_id}: lost {lost} gained {gained}{shown}")
    print(f"{len(lines):,} distinct lines, {scanned:,} scanned, {differ} with different rule hits "
          f"({time.perf_counter() - started:.0f} s)")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
