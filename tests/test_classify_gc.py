"""classify_many keeps Python's cyclic garbage collector off for the length of a batch
(api._collector_paused) and switches it back on after, if it was on: the classifier makes
no reference cycles, so nothing waits for the collector. A fresh interpreter, so no other
test's collections or settings can interfere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import gc, sys
from transforms.classify import Classifier

clf = Classifier(scanner=False)
texts = ["you are such an idiot", "Killed it at sports day!", "i want to die", "ring him on 07700 900123"]
texts += [f"see you at the summer fair, stall {i}" for i in range(1200)]  # allocations for many collections

def classifying():
    f = sys._getframe()
    while f is not None and f.f_code.co_name != "_classify_unique":
        f = f.f_back
    return f is not None

runs = []  # the collections that start while the batch is being classified
gc.callbacks.append(lambda phase, info: runs.append(info) if phase == "start" and classifying() else None)
assert gc.isenabled()
clf.classify_many(texts)  # first use compiles patterns lazily, and compiling makes a few cycles
gc.collect()
runs.clear()
flags = clf.classify_many(texts)
assert [f[0].category.value if f else "none" for f in flags[:4]] == ["abuse", "none", "self_harm", "personal_data"], flags[:4]
assert runs == [], f"the collector ran {len(runs)} times during the batch"
assert gc.isenabled(), "the batch left the collector off"
assert gc.collect() == 0, "the batch left reference cycles for the collector"

# a process that switched the collector off keeps it off
gc.disable()
clf.classify_many(texts[:8])
assert not gc.isenabled(), "the batch switched on a collector the process had switched off"
print("ok")
"""


def test_batch_pauses_the_collector_and_makes_no_cycles() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip().endswith("ok")
