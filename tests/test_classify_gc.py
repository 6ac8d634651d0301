"""classify_many sets the process's older objects aside from the cyclic collector for the
length of a batch (api._older_objects_set_aside) and puts them back after: nothing is
left frozen that was not, a freeze the process made itself stays, and garbage cycles made
before the batch are still collected after it. A fresh interpreter, so no other test's
freeze (Airflow's DAG processor makes one) can interfere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import gc, weakref
from transforms.classify import Classifier

class Node:
    pass

clf = Classifier()
texts = ["you are such an idiot", "Killed it at sports day!", "i want to die", "ring him on 07700 900123"]

# a garbage cycle made before the batch
a, b = Node(), Node()
a.other, b.other = b, a
gone = weakref.ref(a)
del a, b

assert gc.get_freeze_count() == 0
flags = clf.classify_many(texts)
assert [f[0].category.value if f else "none" for f in flags] == ["abuse", "none", "self_harm", "personal_data"], flags
assert gc.get_freeze_count() == 0, "the batch left objects frozen"
gc.collect()
assert gone() is None, "a cycle made before the batch was not collected after it"

# a process that froze its own objects keeps them frozen
gc.freeze()
before = gc.get_freeze_count()
clf.classify_many(texts)
# (a frozen object that dies leaves the count, so it may shrink a little; unfreezing empties it)
assert gc.get_freeze_count() > before // 2 > 0, "the batch unfroze the process's own freeze"
print("ok")
"""


def test_batch_sets_older_objects_aside_and_puts_them_back() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip().endswith("ok")
